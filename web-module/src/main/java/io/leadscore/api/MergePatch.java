package io.leadscore.api;

import io.leadscore.common.FieldDef;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordSchema;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.StringReader;
import java.util.Map;

/**
 * JSON merge patch (RFC 7396) of a record: the patch may name only writable fields; it is applied to the
 * record's writable fields and the result is validated as a whole, exactly as a create would be.
 */
final class MergePatch {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private MergePatch() {
    }

    static RecordInput apply(RecordSchema schema, Object currentView, JsonObject patch) {
        RecordInput.checkPatch(schema, patch);
        JsonObject current = Json.createReader(new StringReader(JSONB.toJson(currentView))).readObject();
        JsonObjectBuilder writable = Json.createObjectBuilder();
        for (Map.Entry<String, JsonValue> e : current.entrySet()) {
            boolean keep = e.getKey().equals("attributes") || schema.field(e.getKey()).map(FieldDef::writable).orElse(false);
            if (keep) {
                writable.add(e.getKey(), e.getValue());
            }
        }
        JsonValue merged = Json.createMergePatch(patch).apply(writable.build());
        return RecordInput.parse(schema, merged.asJsonObject());
    }
}
