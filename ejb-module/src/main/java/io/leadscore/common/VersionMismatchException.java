package io.leadscore.common;

/** The client's If-Match version is not the record's current one. Becomes a 412. */
public class VersionMismatchException extends RuntimeException {
    public VersionMismatchException(String entity, String id, long expected, long actual) {
        super("The " + entity + " " + id + " is at version " + actual + ", not " + expected
                + "; read it again and reapply your change");
    }

    public VersionMismatchException(String message) {
        super(message);
    }
}
