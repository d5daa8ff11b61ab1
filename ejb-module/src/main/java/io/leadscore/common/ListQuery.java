package io.leadscore.common;

/**
 * A collection request: filter and orderBy expressions (null = none), paging, and whether to count.
 * {@code top} defaults to {@link #DEFAULT_TOP} and may not exceed {@link #MAX_TOP}; {@code skip} may not exceed
 * {@link #MAX_SKIP} (every skipped row is still read). Further pages follow {@code after}: the id of the last row of
 * the page before, from which the next page continues in the same order (keyset paging: as fast on the
 * thousandth page as on the first); a page's nextLink carries it as {@code skiptoken}.
 */
public record ListQuery(String filter, String orderBy, int top, int skip, boolean count, String after) {

    public static final int DEFAULT_TOP = 50;
    public static final int MAX_TOP = 5000;
    public static final int MAX_SKIP = 10_000;

    public ListQuery {
        if (top < 0 || top > MAX_TOP) {
            throw new ValidationException("top", "must be between 0 and " + MAX_TOP);
        }
        if (skip < 0) {
            throw new ValidationException("skip", "must be 0 or more");
        }
        if (skip > MAX_SKIP) {
            throw new ValidationException("skip", "must be at most " + MAX_SKIP + "; page further with the nextLink, "
                    + "which continues after the last row instead of skipping");
        }
        if (after != null && (after.isBlank() || after.length() > 100)) {
            throw new ValidationException("skiptoken", "is not a token of this collection; follow the nextLink as it is");
        }
        if (after != null && skip > 0) {
            throw new ValidationException("skip", "cannot be combined with skiptoken");
        }
    }

    public ListQuery(String filter, String orderBy, int top, int skip, boolean count) {
        this(filter, orderBy, top, skip, count, null);
    }

    public ListQuery withDefaultOrder(String defaultOrder) {
        return orderBy == null || orderBy.isBlank() ? new ListQuery(filter, defaultOrder, top, skip, count, after) : this;
    }
}
