package io.leadscore.odata;

import io.leadscore.api.MergePatch;
import io.leadscore.common.CrmRecord;
import io.leadscore.common.FieldDef;
import io.leadscore.common.FieldType;
import io.leadscore.lead.LeadScore;
import io.leadscore.model.ScoringService;
import io.leadscore.scoring.Reason;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.apache.olingo.commons.api.data.ComplexValue;
import org.apache.olingo.commons.api.data.Entity;
import org.apache.olingo.commons.api.data.Link;
import org.apache.olingo.commons.api.data.Property;
import org.apache.olingo.commons.api.data.ValueType;

import java.net.URI;
import java.time.Instant;
import java.util.Calendar;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import static io.leadscore.common.Jsons.JSON;

/** Records, scores, reasons and history points as Olingo entities, and an OData request body as the API's JSON input. */
final class Entities {

    private static final Pattern BIND = Pattern.compile("(?:.*/)?(\\w+)\\('((?:[^']|'')*)'\\)$");

    private Entities() {
    }

    static String key(String id) {
        return "'" + id.replace("'", "''") + "'";
    }

    static Entity of(CrmRecord record, ServiceModel.Kind kind) {
        Entity e = new Entity();
        for (FieldDef f : kind.schema().fields()) {
            e.addProperty(primitive(f.name(), value(record.field(f.name()), f.type())));
        }
        ComplexValue attributes = new ComplexValue();
        Map<String, FieldType> declared = kind.attributes().properties();
        record.attributeValues().forEach((name, v) -> {
            String property = kind.attributes().property(name);
            if (property != null) {
                attributes.getValue().add(primitive(property, value(v, declared.get(property))));
            }
        });
        e.addProperty(new Property(null, ServiceModel.ATTRIBUTES, ValueType.COMPLEX, attributes));
        e.setETag(etag(record.version()));
        e.setId(URI.create(kind.set() + "(" + key(record.id()) + ")"));
        return e;
    }

    static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    static Entity score(String leadId, LeadScore s, String modelName) {
        Entity e = new Entity();
        e.addProperty(primitive("leadId", leadId));
        e.addProperty(primitive("value", s.value()));
        e.addProperty(primitive("grade", s.grade()));
        e.addProperty(primitive("trend", s.trend().name()));
        e.addProperty(primitive("modelId", s.modelId()));
        e.addProperty(primitive("modelName", modelName));
        e.addProperty(primitive("modelVersion", s.modelVersion()));
        e.addProperty(primitive("scoredOn", s.scoredOn()));
        e.setId(URI.create(ServiceModel.LEADS + "(" + key(leadId) + ")/" + ServiceModel.SCORE));
        return e;
    }

    static Entity reason(Reason r, boolean positive) {
        Entity e = new Entity();
        e.addProperty(primitive("attribute", r.attribute()));
        e.addProperty(primitive("label", r.label()));
        e.addProperty(primitive("value", r.value() == null ? null : String.valueOf(r.value())));
        e.addProperty(primitive("impact", r.impact()));
        e.addProperty(primitive("direction", positive ? "positive" : "negative"));
        e.addProperty(primitive("text", r.text()));
        e.addProperty(primitive("insight", r.insight()));
        return e;
    }

    static Entity history(int seq, io.leadscore.lead.ScorePoint p) {
        Entity e = new Entity();
        e.addProperty(primitive("seq", seq));
        e.addProperty(primitive("scoredOn", p.scoredOn()));
        e.addProperty(primitive("value", p.value()));
        e.addProperty(primitive("grade", p.grade()));
        e.addProperty(primitive("modelId", p.modelId()));
        e.addProperty(primitive("modelVersion", p.modelVersion()));
        return e;
    }

    private static Property primitive(String name, Object value) {
        return new Property(null, name, ValueType.PRIMITIVE, value);
    }

    /** A stored value in the type its property declares. */
    private static Object value(Object v, FieldType type) {
        if (v == null || type == null) {
            return v;
        }
        return switch (type) {
            case INTEGER -> v instanceof Number n ? n.longValue() : v;
            case DECIMAL -> v instanceof Number n ? n.doubleValue() : v;
            case BOOLEAN -> v;
            case INSTANT -> v;
            default -> v instanceof Enum<?> en ? en.name() : v.toString();
        };
    }

    /**
     * An entity a client sent as the API's JSON input: its properties by field name, its attributes by attribute name
     * ({@code attributes} as an object), and {@code account@odata.bind} / {@code contact@odata.bind} as the reference.
     */
    static JsonObject input(Entity entity, ServiceModel.Kind kind, ServiceModel model) {
        JsonObjectBuilder out = JSON.createObjectBuilder();
        for (Property p : entity.getProperties()) {
            if (ServiceModel.ATTRIBUTES.equals(p.getName()) && p.getValue() instanceof ComplexValue cv) {
                JsonObjectBuilder attributes = JSON.createObjectBuilder();
                for (Property a : cv.getValue()) {
                    String name = kind.attributes().attribute(a.getName());
                    attributes.add(name != null ? name : a.getName(), MergePatch.json(plain(a.getValue())));
                }
                out.add(ServiceModel.ATTRIBUTES, attributes);
            } else if (ServiceModel.ATTRIBUTES.equals(p.getName()) && p.getValue() == null) {
                out.addNull(ServiceModel.ATTRIBUTES);
            } else {
                out.add(p.getName(), MergePatch.json(plain(p.getValue())));
            }
        }
        for (Link bind : entity.getNavigationBindings()) {
            io.leadscore.common.RecordSchema.Relation relation = kind.schema().relation(bind.getTitle()).orElse(null);
            if (relation == null) {
                continue; // Olingo accepts bindings of declared navigation properties only: these are the relations
            }
            String link = bind.getBindingLink();
            if (link == null) {
                out.addNull(relation.idField());
                continue;
            }
            Matcher m = BIND.matcher(link);
            ServiceModel.Kind target = m.matches() ? model.kind(m.group(1)) : null;
            if (target == null || target.schema() != relation.target()) {
                throw new io.leadscore.common.ValidationException(bind.getTitle() + "@odata.bind",
                        "must name a record of " + model.kindOfSchema(relation.target()).set() + ", as "
                                + model.kindOfSchema(relation.target()).set() + "('<id>')");
            }
            out.add(relation.idField(), m.group(2).replace("''", "'"));
        }
        return out.build();
    }

    /** Olingo's deserialized values as the API's: instants for date-times, the rest as they are. */
    private static Object plain(Object v) {
        if (v instanceof Calendar c) {
            return c.toInstant();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return v;
    }
}
