package io.leadscore.api;

import io.leadscore.common.FieldDef;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordSchema;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import static io.leadscore.common.Jsons.JSON;

/**
 * JSON merge patch (RFC 7396) of a record: the patch may name only writable fields; it is applied to the
 * record's writable fields and the result is validated as a whole, exactly as a create would be.
 */
public final class MergePatch {

    private MergePatch() {
    }

    /** The patch applied to a stored record's writable fields and attributes. */
    public static RecordInput apply(RecordSchema schema, io.leadscore.common.CrmRecord current, JsonObject patch) {
        RecordInput.checkPatch(schema, patch);
        JsonObjectBuilder writable = JSON.createObjectBuilder();
        for (FieldDef f : schema.fields()) {
            if (f.writable()) {
                writable.add(f.name(), json(current.field(f.name())));
            }
        }
        JsonObjectBuilder attributes = JSON.createObjectBuilder();
        current.attributeValues().forEach((name, value) -> attributes.add(name, json(value)));
        writable.add("attributes", attributes);
        JsonValue merged = JSON.createMergePatch(patch).apply(writable.build());
        return RecordInput.parse(schema, merged.asJsonObject());
    }

    /** A field's or attribute's value as JSON: text, number, true/false or null. */
    public static JsonValue json(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return JSON.createValue(((Number) value).longValue());
        }
        if (value instanceof java.math.BigDecimal d) {
            return JSON.createValue(d);
        }
        if (value instanceof Number n) {
            return JSON.createValue(n.doubleValue());
        }
        return JSON.createValue(value instanceof Enum<?> e ? e.name() : value.toString());
    }
}
