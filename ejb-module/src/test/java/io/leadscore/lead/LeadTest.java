package io.leadscore.lead;

import io.leadscore.common.ConflictException;
import io.leadscore.common.RecordInput;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LeadTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void aNewLeadIsOpenOwnedAndTimestamped() {
        Lead lead = new Lead(RecordInput.of(Map.of("lastName", "Lovelace"), Map.of("TotalVisits", 3.0)), "sales", T0);
        assertEquals(LeadStatus.OPEN, lead.status());
        assertEquals("sales", lead.ownerId());
        assertEquals(T0, lead.createdOn());
        assertEquals(T0, lead.modifiedOn());
        assertNull(lead.closedOn());
        assertNotNull(lead.id());
        assertEquals(Map.of("TotalVisits", 3L), lead.attributeValues(), "whole numbers come back as integers");
    }

    @Test
    void qualifyingClosesTheLeadOnce() {
        Lead lead = new Lead(RecordInput.of(Map.of("lastName", "Lovelace"), Map.of()), "sales", T0);
        Instant later = T0.plusSeconds(3600);
        lead.qualify(later);
        assertEquals(LeadStatus.QUALIFIED, lead.status());
        assertEquals(later, lead.closedOn());
        assertThrows(ConflictException.class, () -> lead.qualify(later));
        assertThrows(ConflictException.class, () -> lead.disqualify(later));
    }

    @Test
    void anUpdateReplacesFieldsAndAttributesAndKeepsTheOwnerUnlessGiven() {
        Lead lead = new Lead(RecordInput.of(Map.of("lastName", "Lovelace", "industry", "Finance"), Map.of("a", 1.0, "b", "x")), "sales", T0);
        lead.update(RecordInput.of(Map.of("lastName", "King"), Map.of("b", "y")), T0.plusSeconds(5));
        assertEquals("King", lead.lastName());
        assertNull(lead.industry());
        assertEquals(Map.of("b", "y"), lead.attributeValues());
        assertEquals("sales", lead.ownerId());
        assertEquals(T0.plusSeconds(5), lead.modifiedOn());
        assertEquals(T0, lead.createdOn());
    }
}
