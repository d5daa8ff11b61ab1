package io.leadscore.common;

import java.util.List;

/**
 * One page of a collection; {@code count} is the total matching (null unless asked), {@code more} says whether a
 * next page exists, and {@code next} is then where it starts (ListQuery.after: the id of this page's last row).
 */
public record Page<T>(List<T> items, Long count, boolean more, String next) {
}
