package io.leadscore.api;

import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.ValidationException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.function.Function;

/**
 * Reads the collection parameters of API.md ({@code filter, orderBy, top, skip, count}; the OData spellings
 * {@code $filter}, {@code $orderby}, {@code $top}, {@code $skip}, {@code $count} too) and builds the page
 * with its {@code nextLink}.
 */
final class Collections {

    private Collections() {
    }

    /** The filter and order of a request, for an export of every row (no top or skip). */
    static ListQuery everything(UriInfo uri) {
        MultivaluedMap<String, String> p = uri.getQueryParameters();
        return new ListQuery(param(p, "filter", "$filter"), param(p, "orderBy", "$orderby"), 0, 0, false);
    }

    static ListQuery query(UriInfo uri) {
        MultivaluedMap<String, String> p = uri.getQueryParameters();
        String filter = param(p, "filter", "$filter");
        String orderBy = param(p, "orderBy", "$orderby");
        int top = integer(param(p, "top", "$top"), "top", ListQuery.DEFAULT_TOP);
        int skip = integer(param(p, "skip", "$skip"), "skip", 0);
        String count = param(p, "count", "$count");
        if (count != null && !count.equals("true") && !count.equals("false")) {
            throw new ValidationException("count", "must be true or false");
        }
        return new ListQuery(filter, orderBy, top, skip, "true".equals(count), param(p, "skiptoken", "$skiptoken"));
    }

    static <T, V> CollectionView<V> page(Page<T> page, Function<T, V> view, UriInfo uri, ListQuery q) {
        List<V> values = page.items().stream().map(view).toList();
        String next = null;
        if (page.more()) {
            // the next page continues after this page's last row (keyset paging), however deep it is
            next = uri.getRequestUriBuilder()
                    .replaceQueryParam("$skip")
                    .replaceQueryParam("skip")
                    .replaceQueryParam("$top")
                    .replaceQueryParam("$skiptoken")
                    .replaceQueryParam("top", q.top())
                    .replaceQueryParam("skiptoken", page.next())
                    .build().toString();
        }
        return new CollectionView<>(values, page.count(), next);
    }

    private static String param(MultivaluedMap<String, String> p, String name, String odataName) {
        String v = p.getFirst(name);
        return v != null ? v : p.getFirst(odataName);
    }

    private static int integer(String text, String name, int dflt) {
        if (text == null || text.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException(name, "must be a whole number");
        }
    }
}
