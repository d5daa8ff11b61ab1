package io.leadscore.filter;

/**
 * A filter or order-by expression that cannot be used: a syntax error (with the 1-based position
 * where it was found), an unknown path (named), or a literal of the wrong type.
 */
public class FilterException extends RuntimeException {

    private final int position;
    private final String path;

    public FilterException(String message, int position, String path) {
        super(message);
        this.position = position;
        this.path = path;
    }

    /** 1-based character position in the expression, or 0 when it does not apply. */
    public int position() {
        return position;
    }

    /** The attribute path at fault, or null for a syntax error. */
    public String path() {
        return path;
    }
}
