package io.leadscore.filter;

import io.leadscore.common.RecordSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A parsed {@code orderBy}: {@code path [asc|desc][, ...]} over fields of the record and its relations. */
record OrderBy(List<Key> keys) {

    public record Key(Bound.FieldRef ref, boolean ascending) {
    }

    public static final int MAX_KEYS = 5;

    public static OrderBy parse(String text, RecordSchema schema) {
        List<Key> keys = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new OrderBy(keys);
        }
        int offset = 0;
        for (String part : text.split(",", -1)) {
            String trimmed = part.strip();
            int position = offset + part.indexOf(trimmed) + 1;
            offset += part.length() + 1;
            if (trimmed.isEmpty()) {
                throw new FilterException("Expected an attribute path at position " + position, position, null);
            }
            String[] words = trimmed.split("\\s+");
            if (words.length > 2) {
                throw new FilterException("Expected 'asc' or 'desc' after '" + words[0] + "' at position " + position,
                        position, null);
            }
            boolean ascending = true;
            if (words.length == 2) {
                String dir = words[1].toLowerCase(Locale.ROOT);
                if (!dir.equals("asc") && !dir.equals("desc")) {
                    throw new FilterException("Expected 'asc' or 'desc' but found '" + words[1] + "' at position " + position,
                            position, null);
                }
                ascending = dir.equals("asc");
            }
            Bound.Ref ref = FilterBinder.resolve(new Expr.Path(List.of(words[0].split("/", -1)), position), schema);
            if (!(ref instanceof Bound.FieldRef f)) {
                throw new FilterException("Cannot order by the custom attribute '" + ref.path() + "'", position, ref.path());
            }
            keys.add(new Key(f, ascending));
        }
        if (keys.size() > MAX_KEYS) {
            throw new FilterException("At most " + MAX_KEYS + " order keys", 1, null);
        }
        return new OrderBy(List.copyOf(keys));
    }
}
