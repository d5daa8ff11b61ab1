package io.leadscore.webhook;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.leadscore.common.Jsons.JSON;

/** What a delivery says, and its signature: plain functions, the same for every event. */
final class WebhookBodies {

    /** Bookkeeping every save changes: not what a receiver means by a changed field. */
    private static final Set<String> BOOKKEEPING = Set.of("id", "version", "createdOn", "modifiedOn");

    private WebhookBodies() {
    }

    /** The fields (and attributes, as {@code attributes/name}) whose values differ; every value for a new lead. */
    public static Map<String, Object> changes(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> out = new LinkedHashMap<>();
        after.forEach((field, value) -> {
            if (!BOOKKEEPING.contains(field) && (before == null ? value != null : !Objects.equals(before.get(field), value))) {
                out.put(field, value);
            }
        });
        if (before != null) {
            before.forEach((field, value) -> {
                if (!BOOKKEEPING.contains(field) && value != null && !after.containsKey(field)) {
                    out.put(field, null); // an attribute removed
                }
            });
        }
        return out;
    }

    /** A score as a delivery shows it, or null. */
    public record Score(Integer value, String grade) {
    }

    /**
     * The body of a delivery: the event, the lead, who and what caused it, and the changed values (left out, with
     * {@code valuesOmitted}, when they would not fit in a delivery).
     */
    public static String body(String deliveryId, WebhookEvent event, String webhook, String leadId, Instant on,
                              String user, String correlationId, Map<String, Object> changes, Score before, Score after) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("event", event.wireName()).add("deliveryId", deliveryId)
                .add("webhook", webhook).add("entity", "lead").add("id", leadId).add("occurredOn", on.toString());
        optional(b, "initiatingUser", user);
        optional(b, "correlationId", correlationId);
        b.add("changedFields", JSON.createArrayBuilder(List.copyOf(changes.keySet())));
        if (before != null || after != null) {
            b.add("score", JSON.createObjectBuilder().add("before", score(before)).add("after", score(after)));
        }
        JsonObject withoutValues = b.build();
        JsonObjectBuilder values = JSON.createObjectBuilder();
        changes.forEach((k, v) -> add(values, k, v));
        String full = JSON.createObjectBuilder(withoutValues).add("values", values).build().toString();
        if (full.length() <= WebhookDelivery.MAX_BODY) {
            return full;
        }
        return JSON.createObjectBuilder(withoutValues).add("valuesOmitted", true).build().toString();
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body with the webhook's secret: what a receiver recomputes. */
    public static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static jakarta.json.JsonValue score(Score s) {
        if (s == null || s.value() == null) {
            return jakarta.json.JsonValue.NULL;
        }
        JsonObjectBuilder b = JSON.createObjectBuilder().add("value", s.value());
        optional(b, "grade", s.grade());
        return b.build();
    }

    private static void optional(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    private static void add(JsonObjectBuilder b, String name, Object v) {
        if (v == null) {
            b.addNull(name);
        } else if (v instanceof Integer i) {
            b.add(name, i);
        } else if (v instanceof Long l) {
            b.add(name, l);
        } else if (v instanceof Number n) {
            b.add(name, n.doubleValue());
        } else if (v instanceof Boolean bool) {
            b.add(name, bool);
        } else {
            b.add(name, v.toString());
        }
    }
}
