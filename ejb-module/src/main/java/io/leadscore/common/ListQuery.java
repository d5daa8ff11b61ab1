package io.leadscore.common;

/**
 * A collection request: filter and orderBy expressions (null = none), paging, and whether to count.
 * {@code top} defaults to {@link #DEFAULT_TOP} and may not exceed {@link #MAX_TOP}.
 */
public record ListQuery(String filter, String orderBy, int top, int skip, boolean count) {

    public static final int DEFAULT_TOP = 50;
    public static final int MAX_TOP = 5000;

    public ListQuery {
        if (top < 0 || top > MAX_TOP) {
            throw new ValidationException("top", "must be between 0 and " + MAX_TOP);
        }
        if (skip < 0) {
            throw new ValidationException("skip", "must be 0 or more");
        }
    }

    public ListQuery withDefaultOrder(String defaultOrder) {
        return orderBy == null || orderBy.isBlank() ? new ListQuery(filter, defaultOrder, top, skip, count) : this;
    }
}
