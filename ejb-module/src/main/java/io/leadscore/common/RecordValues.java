package io.leadscore.common;

import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import static io.leadscore.common.Jsons.JSON;

/**
 * A record as the plugin pipeline sees it: its fields by API name and its custom attributes as
 * {@code attributes/<name>}. A Target built from client input holds every writable field (null when
 * empty), so that an Update knows which of them changed; a Target a plugin changed becomes input again
 * through the same validation as a client's JSON.
 */
public final class RecordValues {

    public static final String ATTRIBUTES = "attributes/";

    private RecordValues() {
    }

    /** Every field of a stored record, read-only ones included, and its attributes. */
    public static Map<String, Object> of(RecordSchema schema, CrmRecord record) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDef f : schema.fields()) {
            Object v = record.field(f.name());
            values.put(f.name(), v instanceof Enum<?> e ? e.name() : v);
        }
        record.attributeValues().forEach((k, v) -> values.put(ATTRIBUTES + k, v));
        return values;
    }

    /** The writable fields of client input (null when empty) and its attributes. */
    public static Map<String, Object> of(RecordSchema schema, RecordInput input) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDef f : schema.fields()) {
            if (f.writable() && !schema.isComputed(f.name())) {
                values.put(f.name(), input.value(f.name()));
            }
        }
        input.attributes().forEach((k, v) -> values.put(ATTRIBUTES + k, v));
        return values;
    }

    /** The values of a stored record that a client may write, and its attributes. */
    public static Map<String, Object> writable(RecordSchema schema, CrmRecord record) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDef f : schema.fields()) {
            if (f.writable() && !schema.isComputed(f.name())) {
                Object v = record.field(f.name());
                values.put(f.name(), v instanceof Enum<?> e ? e.name() : v);
            }
        }
        record.attributeValues().forEach((k, v) -> values.put(ATTRIBUTES + k, v));
        return values;
    }

    /** Values (as a plugin may have changed them) validated as a client's JSON object would be. */
    public static RecordInput input(RecordSchema schema, Map<String, Object> values) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        JsonObjectBuilder attributes = JSON.createObjectBuilder();
        boolean anyAttribute = false;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (e.getKey().startsWith(ATTRIBUTES)) {
                add(attributes, e.getKey().substring(ATTRIBUTES.length()), e.getKey(), v);
                anyAttribute = true;
            } else {
                add(json, e.getKey(), e.getKey(), v);
            }
        }
        if (anyAttribute) {
            json.add("attributes", attributes);
        }
        return RecordInput.parse(schema, json.build());
    }

    private static void add(JsonObjectBuilder json, String name, String field, Object v) {
        if (v instanceof String s) {
            json.add(name, s);
        } else if (v instanceof Boolean b) {
            json.add(name, b);
        } else if (v instanceof Integer || v instanceof Long) {
            json.add(name, ((Number) v).longValue());
        } else if (v instanceof BigDecimal d) {
            json.add(name, d);
        } else if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
            json.add(name, ((Number) v).doubleValue());
        } else if (v instanceof Instant t) {
            json.add(name, t.toString());
        } else if (v instanceof Enum<?> en) {
            json.add(name, en.name());
        } else {
            throw new ValidationException(field, "a plugin set a value of type " + v.getClass().getSimpleName()
                    + "; use text, a number, true or false, or an Instant");
        }
    }
}
