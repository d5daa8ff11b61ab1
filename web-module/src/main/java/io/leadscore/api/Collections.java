package io.leadscore.api;

import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.ValidationException;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the collection parameters of API.md ({@code filter, orderBy, top, skip, count}; the OData spellings
 * {@code $filter}, {@code $orderby}, {@code $top}, {@code $skip}, {@code $count} too, in any letter case as OData
 * 4.01 reads them) and builds the page with its {@code nextLink}. An option given twice, or an OData option
 * ({@code $...}) this API does not have, is a 400 naming it: a list must not come back unfiltered or unsorted
 * because a parameter was not understood.
 */
final class Collections {

    private Collections() {
    }

    /** The filter and order of a request, for an export of every row (no top or skip). */
    static ListQuery everything(UriInfo uri) {
        Map<String, String> p = options(uri);
        return new ListQuery(p.get("filter"), p.get("orderBy"), 0, 0, false);
    }

    static ListQuery query(UriInfo uri) {
        Map<String, String> p = options(uri);
        String filter = p.get("filter");
        String orderBy = p.get("orderBy");
        int top = integer(p.get("top"), "top", ListQuery.DEFAULT_TOP);
        int skip = integer(p.get("skip"), "skip", 0);
        String count = p.get("count");
        if (count != null && !count.equals("true") && !count.equals("false")) {
            throw new ValidationException("count", "must be true or false");
        }
        return new ListQuery(filter, orderBy, top, skip, "true".equals(count), p.get("skiptoken"));
    }

    /** The collection options of API.md, by their names without "$" as {@link #OPTIONS} spells them. */
    private static final List<String> OPTIONS = List.of("filter", "orderBy", "top", "skip", "count", "skiptoken");

    /**
     * The request's collection options under their names in {@link #OPTIONS}, read from any letter case and with or
     * without "$"; other parameters (a view, a client's cache buster) are left alone, but not an unknown "$" option.
     */
    private static Map<String, String> options(UriInfo uri) {
        Map<String, String> out = new java.util.HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            String option = option(name);
            if (option == null) {
                if (name.startsWith("$")) {
                    throw new ValidationException(name, "is not a query option of this API (it has " + String.join(", ",
                            OPTIONS.subList(0, 5)) + ")");
                }
                return;
            }
            if (out.containsKey(option) || values.size() > 1) {
                throw new ValidationException(option, "is given more than once");
            }
            out.put(option, values.get(0));
        });
        return out;
    }

    /** The collection option a query parameter names ({@code $OrderBy} and {@code orderby} name orderBy), or null. */
    private static String option(String parameter) {
        String bare = parameter.startsWith("$") ? parameter.substring(1) : parameter;
        return OPTIONS.stream().filter(bare::equalsIgnoreCase).findFirst().orElse(null);
    }

    static <T, V> CollectionView<V> page(Page<T> page, Function<T, V> view, UriInfo uri, ListQuery q) {
        List<V> values = page.items().stream().map(view).toList();
        String next = null;
        if (page.more()) {
            // the next page continues after this page's last row (keyset paging), however deep it is
            jakarta.ws.rs.core.UriBuilder b = uri.getRequestUriBuilder();
            for (String name : uri.getQueryParameters().keySet()) { // in whatever spelling the request gave them
                String option = option(name);
                if ("top".equals(option) || "skip".equals(option) || "skiptoken".equals(option)) {
                    b.replaceQueryParam(name);
                }
            }
            next = b.replaceQueryParam("top", q.top())
                    .replaceQueryParam("skiptoken", page.next())
                    .build().toString();
        }
        return new CollectionView<>(values, page.count(), next);
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
