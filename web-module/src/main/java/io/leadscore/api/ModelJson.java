package io.leadscore.api;

import io.leadscore.model.ModelConfig;
import io.leadscore.model.ModelService;
import io.leadscore.model.ModelVersion;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.List;
import static io.leadscore.common.Jsons.JSON;

/** Models, versions and factors as API.md "Models" shows them. */
final class ModelJson {

    private ModelJson() {
    }

    static JsonObject model(ModelService.Summary s) {
        ModelConfig m = s.model();
        JsonObjectBuilder o = JSON.createObjectBuilder().add("id", m.id()).add("version", m.version());
        m.definition().toJson().forEach(o::add);
        o.add("status", m.status().name());
        text(o, "error", m.error());
        number(o, "latestVersion", m.latestVersion());
        number(o, "publishedVersion", m.publishedVersion());
        instant(o, "publishedOn", m.publishedOn());
        instant(o, "trainingStartedOn", m.trainingStartedOn());
        instant(o, "createdOn", m.createdOn());
        instant(o, "modifiedOn", m.modifiedOn());
        JsonObject drift = m.drift();
        if (drift == null) {
            o.addNull("drift");
        } else {
            o.add("drift", drift);
        }
        ModelVersion v = s.metricsVersion();
        if (v == null) {
            o.addNull("metrics");
        } else {
            JsonObjectBuilder metrics = JSON.createObjectBuilder();
            v.metrics().forEach((k, val) -> {
                if (!k.equals("roc") && !k.equals("calibration")) {
                    metrics.add(k, val);
                }
            });
            metrics.add("modelVersion", v.number()).add("trainedOn", v.trainedOn().toString());
            o.add("metrics", metrics);
        }
        return o.build();
    }

    static JsonObject published(ModelService.Published p) {
        JsonArrayBuilder warnings = JSON.createArrayBuilder();
        p.warnings().forEach(warnings::add);
        return JSON.createObjectBuilder(model(p.summary())).add("warnings", warnings).build();
    }

    static JsonObject version(ModelVersion v, Integer publishedVersion) {
        JsonObjectBuilder o = JSON.createObjectBuilder().add("modelId", v.modelId()).add("version", v.number())
                .add("published", publishedVersion != null && publishedVersion == v.number())
                .add("trainedOn", v.trainedOn().toString());
        instant(o, "lastPublishedOn", v.publishedOn());
        return o.add("trainingMillis", v.trainingMillis()).add("checksum", v.checksum())
                .add("artifactSize", v.artifactSize()).add("configuration", v.config().toJson())
                .add("metrics", v.metrics()).build();
    }

    static JsonObject factors(ModelService.Factors f) {
        var d = f.model().definition();
        return JSON.createObjectBuilder().add("modelId", f.model().id()).add("name", f.model().name())
                .add("modelVersion", f.version().number())
                .add("grades", JSON.createObjectBuilder().add("A", d.gradeA()).add("B", d.gradeB()).add("C", d.gradeC()))
                .add("factors", f.factors()).build();
    }

    static JsonObject collection(List<JsonObject> items) {
        JsonArrayBuilder arr = JSON.createArrayBuilder();
        items.forEach(arr::add);
        return JSON.createObjectBuilder().add("value", arr).build();
    }

    static void text(JsonObjectBuilder o, String name, String value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value);
        }
    }

    static void number(JsonObjectBuilder o, String name, Number value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value.longValue());
        }
    }

    static void instant(JsonObjectBuilder o, String name, Instant value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value.toString());
        }
    }

    static JsonValue value(Object v) {
        if (v == null) {
            return JsonValue.NULL;
        }
        if (v instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? JSON.createValue((long) d) : JSON.createValue(d);
        }
        return JSON.createValue(v.toString());
    }

}
