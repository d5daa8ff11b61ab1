package io.leadscore.model;

import io.leadscore.common.RecordValues;

import io.leadscore.common.FieldError;
import io.leadscore.common.ValidationException;
import io.leadscore.filter.Bound;
import io.leadscore.filter.Expr;
import io.leadscore.filter.FilterBinder;
import io.leadscore.filter.FilterException;
import io.leadscore.lead.LeadSchema;
import io.leadscore.scoring.AttributeSpec;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import static io.leadscore.common.Jsons.JSON;

/**
 * A model configuration as administrators write it (API.md "Models"), validated: which leads the model
 * scores (business process and filter), from which attributes, the grade bounds, the trend threshold and
 * the retraining settings. Every rule that fails is reported with the field it concerns.
 */
public record ModelDefinition(String name, String businessProcess, String filter, int priority,
                              List<Attribute> attributes, int gradeA, int gradeB, int gradeC, int trendThreshold,
                              Integer autoRetrainDays, int trainingWindowDays, boolean auto, List<String> pinned,
                              List<String> dropped) {

    /** One attribute path; {@code ignoreEmpty}: empty values are not learnt from and never a reason. */
    public record Attribute(String path, boolean ignoreEmpty) {
    }

    public static final int DEFAULT_WINDOW_DAYS = 730;
    /** Fields of a lead that cannot be model inputs: identity, outcome and bookkeeping. */
    private static final Set<String> NOT_INPUTS = Set.of("id", "version", "status", "createdOn", "modifiedOn",
            "closedOn", "accountId", "contactId");
    private static final Set<String> KNOWN = Set.of("id", "version", "name", "businessProcess", "filter", "priority",
            "attributes", "pinned", "dropped", "grades", "trendThreshold", "autoRetrainDays", "trainingWindowDays",
            "status", "metrics", "drift",
            "error", "latestVersion", "publishedVersion", "publishedOn", "createdOn", "modifiedOn", "trainingStartedOn");
    private static final Set<String> WRITABLE = Set.of("name", "businessProcess", "filter", "priority", "attributes",
            "pinned", "dropped", "grades", "trendThreshold", "autoRetrainDays", "trainingWindowDays");
    /** "attributes": "auto" — training chooses (AttributeRanking); pinned and dropped steer it. */
    public static final String AUTO = "auto";

    /** A full definition from JSON; {@code nameOverride} (from the URL of a deploy) wins over the body's name. */
    public static ModelDefinition parse(JsonObject json, String nameOverride) {
        return read(json, null, nameOverride);
    }

    /** This definition with a JSON merge patch applied. */
    public ModelDefinition patch(JsonObject patch) {
        return read(patch, this, null);
    }

    private static ModelDefinition read(JsonObject json, ModelDefinition base, String nameOverride) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : json.keySet()) {
            if (!KNOWN.contains(key)) {
                errors.add(new FieldError(key, "unknown field; a model has " + String.join(", ", WRITABLE)));
            } else if (base != null && !WRITABLE.contains(key)) {
                errors.add(new FieldError(key, "is read-only"));
            }
        }
        Reader r = new Reader(json, errors);
        String name = nameOverride != null ? nameOverride : r.text("name", base == null ? null : base.name(), 100);
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
        }
        String bp = r.text("businessProcess", base == null ? null : base.businessProcess(), 100);
        String filter = r.text("filter", base == null ? null : base.filter(), 4000);
        if (filter != null && filter.isBlank()) {
            filter = null;
        }
        if (filter != null) {
            try {
                FilterBinder.compile(filter, LeadSchema.LEAD);
            } catch (FilterException e) {
                errors.add(new FieldError("filter", e.getMessage()));
            }
        }
        int priority = r.integer("priority", base == null ? 0 : base.priority(), -1000, 1000);
        List<Attribute> attributes = base == null ? List.of() : base.attributes();
        boolean auto = base != null && base.auto();
        if (json.containsKey("attributes") || base == null) {
            auto = json.get("attributes") instanceof JsonString t && t.getString().equals(AUTO);
            attributes = auto ? List.of() : attributes(json.get("attributes"), errors);
        }
        List<String> pinned = json.containsKey("pinned") ? paths(json.get("pinned"), "pinned", errors)
                : base == null ? List.of() : base.pinned();
        List<String> dropped = json.containsKey("dropped") ? paths(json.get("dropped"), "dropped", errors)
                : base == null ? List.of() : base.dropped();
        for (String p : pinned) {
            if (dropped.contains(p)) {
                errors.add(new FieldError("dropped", "'" + p + "' is pinned and dropped at once"));
            }
        }
        int a = base == null ? 75 : base.gradeA();
        int b = base == null ? 50 : base.gradeB();
        int c = base == null ? 25 : base.gradeC();
        JsonValue grades = json.get("grades");
        if (grades != null && grades.getValueType() != JsonValue.ValueType.NULL) {
            if (grades.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(new FieldError("grades", "must be an object such as {\"A\": 75, \"B\": 50, \"C\": 25}"));
            } else {
                JsonObject g = grades.asJsonObject();
                for (String k : g.keySet()) {
                    if (!Set.of("A", "B", "C").contains(k)) {
                        errors.add(new FieldError("grades/" + k, "unknown grade; give the lower bounds of A, B and C (D is below C)"));
                    }
                }
                Reader gr = new Reader(g, errors, "grades/");
                a = gr.integer("A", a, 1, 100);
                b = gr.integer("B", b, 1, 100);
                c = gr.integer("C", c, 1, 100);
                if (!(a > b && b > c)) {
                    errors.add(new FieldError("grades", "the lower bounds must strictly decrease, A > B > C; got A "
                            + a + ", B " + b + ", C " + c));
                }
            }
        }
        int trend = r.integer("trendThreshold", base == null ? 5 : base.trendThreshold(), 1, 100);
        Integer retrain = r.optionalInteger("autoRetrainDays", base == null ? null : base.autoRetrainDays(), 1, 365);
        int window = r.integer("trainingWindowDays", base == null ? DEFAULT_WINDOW_DAYS : base.trainingWindowDays(),
                1, 36500);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ModelDefinition(name.trim(), bp, filter, priority, attributes, a, b, c, trend, retrain, window,
                auto, pinned, dropped);
    }

    /** A list of attribute paths (pinned, dropped): each one a model could read, none twice; null is none. */
    private static List<String> paths(JsonValue value, String field, List<FieldError> errors) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            errors.add(new FieldError(field, "must be a list of attribute paths"));
            return List.of();
        }
        JsonArray arr = value.asJsonArray();
        if (arr.size() > 200) {
            errors.add(new FieldError(field, "at most 200 attributes"));
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < arr.size(); i++) {
            if (!(arr.get(i) instanceof JsonString s)) {
                errors.add(new FieldError(field + "/" + i, "must be an attribute path"));
                continue;
            }
            String problem = checkPath(s.getString());
            if (problem != null) {
                errors.add(new FieldError(field + "/" + i, problem));
            } else if (!out.add(s.getString())) {
                errors.add(new FieldError(field + "/" + i, "'" + s.getString() + "' is listed twice"));
            }
        }
        return List.copyOf(out);
    }

    private static List<Attribute> attributes(JsonValue value, List<FieldError> errors) {
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY || value.asJsonArray().isEmpty()) {
            errors.add(new FieldError("attributes", "is required: a non-empty list of attribute paths such as "
                    + "\"industry\", \"attributes/TotalVisits\" or \"account/numberOfEmployees\", or \"auto\" to let "
                    + "training choose"));
            return List.of();
        }
        JsonArray arr = value.asJsonArray();
        if (arr.size() > 200) {
            errors.add(new FieldError("attributes", "at most 200 attributes"));
        }
        List<Attribute> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonValue v = arr.get(i);
            String field = "attributes/" + i;
            String path;
            boolean ignoreEmpty = false;
            if (v instanceof JsonString s) {
                path = s.getString();
            } else if (v.getValueType() == JsonValue.ValueType.OBJECT && v.asJsonObject().get("path") instanceof JsonString s) {
                path = s.getString();
                JsonValue ie = v.asJsonObject().get("ignoreEmpty");
                if (ie != null && ie != JsonValue.TRUE && ie != JsonValue.FALSE && ie != JsonValue.NULL) {
                    errors.add(new FieldError(field + "/ignoreEmpty", "must be true or false"));
                }
                ignoreEmpty = ie == JsonValue.TRUE;
            } else {
                errors.add(new FieldError(field, "must be a path or {\"path\": ..., \"ignoreEmpty\": true}"));
                continue;
            }
            String problem = checkPath(path);
            if (problem != null) {
                errors.add(new FieldError(field, problem));
            } else if (!seen.add(path)) {
                errors.add(new FieldError(field, "'" + path + "' is listed twice"));
            } else {
                out.add(new Attribute(path, ignoreEmpty));
            }
        }
        return out;
    }

    /** Null when the path names something a lead has that can be an input; otherwise why not. */
    /**
     * Why {@code "auto"} leaves a path out unless an administrator pins it, or null: a person's name (the lead's and
     * its contact's first and last name), whose values repeat and stand for sex and origin, so that a model that
     * learnt from them would score people by who they are; and the lead's external id, a key unique to each lead.
     * (Email and phone stay: their values are unique, so a model learns only whether a lead gave one.)
     */
    public static String leftOutByAuto(String path) {
        if (path == null || path.startsWith(RecordValues.ATTRIBUTES)) {
            return null;
        }
        String field = path.substring(path.lastIndexOf('/') + 1);
        if (field.equals("externalId") && path.equals(field)) {
            return "the lead's key in the system it comes from: unique to each lead, it tells nothing about others";
        }
        if (field.equals("firstName") || field.equals("lastName")) {
            return "a person's name: a model that learnt from names would score people by who they are";
        }
        return null;
    }

    static String checkPath(String path) {
        if (path == null || path.isBlank() || path.length() > 300) {
            return "an attribute path is 1 to 300 characters";
        }
        List<String> segments = Arrays.asList(path.split("/", -1));
        if (segments.stream().anyMatch(String::isEmpty)) {
            return "'" + path + "' is not a path";
        }
        Bound.Ref ref;
        try {
            ref = FilterBinder.resolve(new Expr.Path(segments, 1), LeadSchema.LEAD);
        } catch (FilterException e) {
            return e.getMessage();
        }
        if (ref instanceof Bound.FieldRef f) {
            String field = f.field().name();
            if (NOT_INPUTS.contains(field) || field.equals("ownerId") && f.relation() != null) {
                return "'" + path + "' cannot be a model attribute: it identifies the record, records its "
                        + "outcome or is bookkeeping";
            }
        }
        return null;
    }

    public List<AttributeSpec> specs() {
        return attributes.stream().map(a -> new AttributeSpec(a.path(), Labels.of(a.path()), a.ignoreEmpty())).toList();
    }

    public List<String> paths() {
        return attributes.stream().map(Attribute::path).toList();
    }

    /** The grade of a score under these bounds. */
    public String grade(int score) {
        return score >= gradeA ? "A" : score >= gradeB ? "B" : score >= gradeC ? "C" : "D";
    }

    public JsonObject toJson() {
        JsonObjectBuilder o = JSON.createObjectBuilder().add("name", name);
        addText(o, "businessProcess", businessProcess);
        addText(o, "filter", filter);
        o.add("priority", priority);
        if (auto) {
            o.add("attributes", AUTO);
        } else {
            JsonArrayBuilder attrs = JSON.createArrayBuilder();
            for (Attribute at : attributes) {
                attrs.add(at.ignoreEmpty() ? JSON.createObjectBuilder().add("path", at.path()).add("ignoreEmpty", true)
                        .build() : JSON.createValue(at.path()));
            }
            o.add("attributes", attrs);
        }
        if (auto || !pinned.isEmpty() || !dropped.isEmpty()) {
            JsonArrayBuilder p = JSON.createArrayBuilder();
            pinned.forEach(p::add);
            JsonArrayBuilder d = JSON.createArrayBuilder();
            dropped.forEach(d::add);
            o.add("pinned", p).add("dropped", d);
        }
        o
                .add("grades", JSON.createObjectBuilder().add("A", gradeA).add("B", gradeB).add("C", gradeC))
                .add("trendThreshold", trendThreshold);
        if (autoRetrainDays == null) {
            o.addNull("autoRetrainDays");
        } else {
            o.add("autoRetrainDays", autoRetrainDays);
        }
        return o.add("trainingWindowDays", trainingWindowDays).build();
    }

    private static void addText(JsonObjectBuilder o, String name, String value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value);
        }
    }

    /** Reads typed members, collecting errors; an absent member keeps the value it is given. */
    private static final class Reader {
        private final JsonObject json;
        private final List<FieldError> errors;
        private final String prefix;

        Reader(JsonObject json, List<FieldError> errors) {
            this(json, errors, "");
        }

        Reader(JsonObject json, List<FieldError> errors, String prefix) {
            this.json = json;
            this.errors = errors;
            this.prefix = prefix;
        }

        String text(String name, String current, int max) {
            if (!json.containsKey(name)) {
                return current;
            }
            JsonValue v = json.get(name);
            if (v.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (!(v instanceof JsonString s)) {
                errors.add(new FieldError(prefix + name, "must be text"));
                return current;
            }
            if (s.getString().length() > max) {
                errors.add(new FieldError(prefix + name, "is longer than " + max + " characters"));
            }
            return s.getString();
        }

        Integer optionalInteger(String name, Integer current, int min, int max) {
            if (!json.containsKey(name)) {
                return current;
            }
            JsonValue v = json.get(name);
            if (v.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            return integer(name, current == null ? min : current, min, max);
        }

        int integer(String name, int current, int min, int max) {
            if (!json.containsKey(name)) {
                return current;
            }
            JsonValue v = json.get(name);
            if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
                errors.add(new FieldError(prefix + name, "must be a whole number from " + min + " to " + max));
                return current;
            }
            long value = n.longValue();
            if (value < min || value > max) {
                errors.add(new FieldError(prefix + name, "must be from " + min + " to " + max + "; got " + value));
                return current;
            }
            return (int) value;
        }
    }
}
