package io.leadscore.common;

import io.leadscore.lead.LeadSchema;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Target as plugins see and change it, and back to input validated as a client's JSON. */
class RecordValuesTest {

    private static RecordInput input(Map<String, Object> values) {
        return RecordValues.input(LeadSchema.LEAD, values);
    }

    @Test
    void inputBecomesEveryWritableFieldAndItsAttributesAndBackUnchanged() {
        RecordInput in = input(Map.of("lastName", "Lovelace", "email", "ada@example.com",
                "attributes/TotalVisits", 3.0, "attributes/Newsletter", true));
        Map<String, Object> values = RecordValues.of(LeadSchema.LEAD, in);
        assertTrue(values.containsKey("industry") && values.get("industry") == null, "every writable field, empty as null");
        assertFalse(values.containsKey("status"), "read-only fields are not in a Target built from input");
        assertFalse(values.containsKey("id"));
        assertEquals(3.0, values.get("attributes/TotalVisits"));
        assertEquals(values, RecordValues.of(LeadSchema.LEAD, input(values)));
    }

    @Test
    void valuesAPluginSetAreValidatedAsAClientsWouldBe() {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("lastName", "Lovelace"));
        values.put("email", "not an email");
        ValidationException bad = assertThrows(ValidationException.class, () -> input(values));
        assertEquals("email", bad.errors().get(0).field());
        values.put("email", null);
        values.put("industry", new StringBuilder("Finance"));
        ValidationException type = assertThrows(ValidationException.class, () -> input(values));
        assertEquals("industry", type.errors().get(0).field());
        values.remove("industry");
        values.put("lastName", null);
        ValidationException required = assertThrows(ValidationException.class, () -> input(values));
        assertEquals("lastName", required.errors().get(0).field());
    }

    @Test
    void numbersInstantsAndEnumsConvert() {
        RecordInput in = input(Map.of("lastName", "Lovelace", "attributes/Score", 7, "attributes/When", "x",
                "attributes/Amount", new BigDecimal("12.50")));
        assertEquals(7.0, in.attributes().get("Score"));
        assertEquals(12.5, in.attributes().get("Amount"));
        assertNull(in.value("industry"));
        RecordInput at = input(Map.of("lastName", "L", "attributes/At", Instant.parse("2026-11-27T09:37:00Z")));
        assertEquals("2026-11-27T09:37:00Z", at.attributes().get("At"));
    }
}
