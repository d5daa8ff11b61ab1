package io.leadscore.common;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The validated, typed values of a client's JSON object for one record type. Parsing checks every
 * field against the {@link RecordSchema} and reports all problems at once, each naming its field;
 * a record is only ever written from a {@code RecordInput} that parsed without errors.
 */
public final class RecordInput {

    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Pattern UUID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final Map<String, Object> values;
    private final Map<String, Object> attributes;

    private RecordInput(Map<String, Object> values, Map<String, Object> attributes) {
        this.values = values;
        this.attributes = attributes;
    }

    /**
     * Parses a complete record (a create body, or the result of a merge patch). Fields that are
     * absent are null. Read-only fields, unknown fields, wrong types and values beyond limits
     * are errors.
     */
    public static RecordInput parse(RecordSchema schema, JsonObject json) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : json.entrySet()) {
            String name = e.getKey();
            if ("attributes".equals(name)) {
                parseAttributes(e.getValue(), attributes, errors);
                continue;
            }
            FieldDef def = writableField(schema, name, errors);
            if (def != null) {
                Object v = convert(def, e.getValue(), errors);
                if (v != null) {
                    values.put(name, v);
                }
            }
        }
        for (FieldDef def : schema.fields()) {
            if (def.required() && values.get(def.name()) == null && errors.stream().noneMatch(x -> x.field().equals(def.name()))) {
                errors.add(new FieldError(def.name(), "is required"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new RecordInput(values, attributes);
    }

    /** Rejects a patch document that names a read-only or unknown field, before it is merged. */
    public static void checkPatch(RecordSchema schema, JsonObject patch) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : patch.keySet()) {
            if ("attributes".equals(name)) {
                continue;
            }
            writableField(schema, name, errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** The field a client may write under this name, or null after reporting why not. */
    private static FieldDef writableField(RecordSchema schema, String name, List<FieldError> errors) {
        FieldDef def = schema.field(name).orElse(null);
        if (schema.isComputed(name) || def != null && !def.writable()) {
            errors.add(new FieldError(name, "is read-only"));
            return null;
        }
        if (def == null) {
            errors.add(new FieldError(name, "is not a field of " + schema.entityName()));
        }
        return def;
    }

    private static Object convert(FieldDef def, JsonValue json, List<FieldError> errors) {
        if (json.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        String name = def.name();
        switch (def.type()) {
            case TEXT, EMAIL, ID, ENUM -> {
                if (!(json instanceof JsonString js)) {
                    errors.add(new FieldError(name, "must be a string"));
                    return null;
                }
                String s = js.getString().strip();
                if (s.isEmpty()) {
                    return null;
                }
                if (s.length() > def.maxLength()) {
                    errors.add(new FieldError(name, "must be at most " + def.maxLength() + " characters"));
                    return null;
                }
                if (def.type() == FieldType.EMAIL && !EMAIL.matcher(s).matches()) {
                    errors.add(new FieldError(name, "is not a valid email address"));
                    return null;
                }
                if (def.type() == FieldType.ID && !UUID.matcher(s).matches()) {
                    errors.add(new FieldError(name, "must be a UUID"));
                    return null;
                }
                if (def.type() == FieldType.ENUM && !def.values().contains(s)) {
                    errors.add(new FieldError(name, "must be one of " + def.values()));
                    return null;
                }
                return def.type() == FieldType.ID ? s.toLowerCase() : s;
            }
            case INTEGER -> {
                if (!(json instanceof JsonNumber n) || !n.isIntegral()) {
                    errors.add(new FieldError(name, "must be a whole number"));
                    return null;
                }
                BigDecimal d = n.bigDecimalValue();
                if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                    errors.add(new FieldError(name, "must be between 0 and " + Integer.MAX_VALUE));
                    return null;
                }
                return d.intValueExact();
            }
            case DECIMAL -> {
                if (!(json instanceof JsonNumber n)) {
                    errors.add(new FieldError(name, "must be a number"));
                    return null;
                }
                BigDecimal d = n.bigDecimalValue();
                if (d.signum() < 0 || d.precision() - d.scale() > 17 || d.scale() > 2) {
                    errors.add(new FieldError(name, "must be a non-negative amount with at most 17 digits and 2 decimals"));
                    return null;
                }
                return d;
            }
            case BOOLEAN -> {
                if (json != JsonValue.TRUE && json != JsonValue.FALSE) {
                    errors.add(new FieldError(name, "must be true or false"));
                    return null;
                }
                return json == JsonValue.TRUE;
            }
            case INSTANT -> {
                if (!(json instanceof JsonString js)) {
                    errors.add(new FieldError(name, "must be an ISO-8601 instant"));
                    return null;
                }
                try {
                    return Instant.parse(js.getString());
                } catch (RuntimeException ex) {
                    errors.add(new FieldError(name, "must be an ISO-8601 instant such as 2026-11-27T09:37:00Z"));
                    return null;
                }
            }
            default -> throw new IllegalStateException(def.type().name());
        }
    }

    private static void parseAttributes(JsonValue json, Map<String, Object> out, List<FieldError> errors) {
        if (json.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        if (!(json instanceof JsonObject obj)) {
            errors.add(new FieldError("attributes", "must be an object of name to text, number or boolean"));
            return;
        }
        if (obj.size() > RecordSchema.MAX_ATTRIBUTES) {
            errors.add(new FieldError("attributes", "may hold at most " + RecordSchema.MAX_ATTRIBUTES + " attributes"));
            return;
        }
        for (Map.Entry<String, JsonValue> e : obj.entrySet()) {
            String name = e.getKey();
            String field = "attributes/" + name;
            if (name.isBlank() || name.length() > RecordSchema.MAX_ATTRIBUTE_NAME) {
                errors.add(new FieldError(field, "an attribute name must be 1 to " + RecordSchema.MAX_ATTRIBUTE_NAME + " characters"));
                continue;
            }
            JsonValue v = e.getValue();
            switch (v.getValueType()) {
                case NULL -> { /* absent */ }
                case TRUE -> out.put(name, Boolean.TRUE);
                case FALSE -> out.put(name, Boolean.FALSE);
                case NUMBER -> {
                    double d = ((JsonNumber) v).doubleValue();
                    if (Double.isInfinite(d)) {
                        errors.add(new FieldError(field, "is too large"));
                    } else {
                        out.put(name, d);
                    }
                }
                case STRING -> {
                    String s = ((JsonString) v).getString();
                    if (s.length() > RecordSchema.MAX_ATTRIBUTE_TEXT) {
                        errors.add(new FieldError(field, "must be at most " + RecordSchema.MAX_ATTRIBUTE_TEXT + " characters"));
                    } else {
                        out.put(name, s);
                    }
                }
                default -> errors.add(new FieldError(field, "must be text, a number or a boolean"));
            }
        }
    }

    public String text(String field) {
        return (String) values.get(field);
    }

    public Integer integer(String field) {
        return (Integer) values.get(field);
    }

    public BigDecimal decimal(String field) {
        return (BigDecimal) values.get(field);
    }

    public Instant instant(String field) {
        return (Instant) values.get(field);
    }

    public Object value(String field) {
        return values.get(field);
    }

    /** Custom attributes: name to String, Double or Boolean; absent names are not in the map. */
    public Map<String, Object> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public static RecordInput of(Map<String, Object> values, Map<String, Object> attributes) {
        return new RecordInput(new LinkedHashMap<>(values), new LinkedHashMap<>(attributes));
    }
}
