package io.leadscore.webhook;

import io.leadscore.common.ValidationException;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static io.leadscore.common.Jsons.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookBodiesTest {

    private static JsonObject json(String text) {
        return JSON.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    @Test
    void changesAreWhatDiffersWithoutTheBookkeeping() {
        Map<String, Object> before = new LinkedHashMap<>(Map.of("lastName", "A", "city", "Oslo", "version", 1L,
                "attributes/budget", 5.0));
        Map<String, Object> after = new HashMap<>(Map.of("lastName", "A", "city", "Bergen", "version", 2L,
                "modifiedOn", Instant.EPOCH));
        assertEquals(Map.of("city", "Bergen", "attributes/budget", "removed"),
                replaceNull(WebhookBodies.changes(before, after)));
        // a new lead: every value it has
        assertEquals(Set.of("lastName", "city"), WebhookBodies.changes(null, after).keySet());
    }

    private static Map<String, Object> replaceNull(Map<String, Object> m) {
        Map<String, Object> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v == null ? "removed" : v));
        return out;
    }

    @Test
    void theSignatureIsTheHmacOfTheBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookBodies.signature("Jefe", "what do ya want for nothing?"));
    }

    @Test
    void aBodyTooLongForADeliveryLeavesTheValuesOut() {
        Map<String, Object> changes = Map.of("topic", "x".repeat(WebhookDelivery.MAX_BODY));
        JsonObject body = JSON.createReader(new StringReader(WebhookBodies.body("d1", WebhookEvent.UPDATED, "crm", "l1",
                Instant.EPOCH, "sales", null, changes, null, null))).readObject();
        assertTrue(body.getBoolean("valuesOmitted"));
        assertEquals("topic", body.getJsonArray("changedFields").getString(0));
        JsonObject scored = JSON.createReader(new StringReader(WebhookBodies.body("d2", WebhookEvent.SCORE_CHANGED,
                "crm", "l1", Instant.EPOCH, null, null, Map.of(), null, new WebhookBodies.Score(72, "B")))).readObject();
        assertTrue(scored.getJsonObject("score").isNull("before"));
        assertEquals(72, scored.getJsonObject("score").getJsonObject("after").getInt("value"));
    }

    @Test
    void settingsAreCheckedFieldByField() {
        WebhookInput ok = WebhookInput.parse(json("{'name':'crm','url':'https://example.test/hook','secret':"
                + "'0123456789abcdef','events':['lead.created','lead.scoreChanged'],'filter':'industry eq \\u0027X\\u0027'}"), null);
        assertEquals(Set.of(WebhookEvent.CREATED, WebhookEvent.SCORE_CHANGED), ok.events());
        assertTrue(ok.enabled());
        ValidationException bad = assertThrows(ValidationException.class, () -> WebhookInput.parse(json(
                "{'name':'','url':'mailto:x@y','secret':'short','events':[],'color':'red','filter':'account/name eq \\u0027A\\u0027'}"), null));
        Set<String> fields = new java.util.HashSet<>();
        bad.errors().forEach(e -> fields.add(e.field()));
        assertEquals(Set.of("name", "url", "secret", "events", "color", "filter"), fields);
    }
}
