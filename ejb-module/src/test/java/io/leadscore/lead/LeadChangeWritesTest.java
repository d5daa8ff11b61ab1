package io.leadscore.lead;

import io.leadscore.TestDatabase;
import io.leadscore.common.RecordInput;
import io.leadscore.common.VersionMismatchException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Leads changed in bulk without JPA (read by {@link LeadRepository#toChange}, written by
 * {@link LeadRepository#updateAll}) are stored as JPA reads them back: every field, the attributes removed, changed
 * and added, the version one on; and a lead another transaction changed since it was read fails the whole write.
 */
class LeadChangeWritesTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-02T08:30:00Z");

    @Test
    void changedFieldsAndAttributesAreStoredAtTheNextVersion() {
        try (TestDatabase db = new TestDatabase()) {
            List<String> ids = create(db, 3);
            List<Lead> written = new ArrayList<>();
            db.inTransaction(em -> {
                LeadRepository repository = new LeadRepository(em);
                List<Lead> leads = repository.toChange(List.of(ids.get(2), ids.get(0), ids.get(1), "no-such-lead"));
                assertEquals(List.of(ids.get(2), ids.get(0), ids.get(1)), leads.stream().map(Lead::id).toList(),
                        "the leads found, in the ids' order");
                assertEquals(Map.of("visits", 3L, "segment", "smb", "newsletter", true), leads.get(1).attributeValues());
                // lead 0: fields and every kind of attribute change; lead 1: a field only; lead 2: as it was
                leads.get(1).update(RecordInput.of(Map.of("lastName", "Changed", "topic", "New topic",
                        "ownerId", "manager"), Map.of("visits", 4.5, "segment", "smb", "region", "north")), T1);
                leads.get(2).update(RecordInput.of(Map.of("lastName", "Other", "email", "o@example.com"),
                        Map.of("visits", 3L, "segment", "smb", "newsletter", true)), T1);
                leads.get(0).update(RecordInput.of(Map.of("lastName", "L2"),
                        Map.of("visits", 3L, "segment", "smb", "newsletter", true)), T1);
                repository.updateAll(leads, "changed meanwhile");
                written.addAll(leads);
            });
            written.forEach(l -> assertEquals(2, l.version(), "the version written, as the record says"));
            db.inTransaction(em -> {
                Lead first = em.find(Lead.class, ids.get(0));
                assertEquals("Changed", first.lastName());
                assertEquals("New topic", first.topic());
                assertEquals("manager", first.ownerId());
                assertEquals(T1, first.modifiedOn());
                assertEquals(T0, first.createdOn());
                assertEquals(2, first.version());
                assertEquals(Map.of("visits", 4.5, "segment", "smb", "region", "north"), first.attributeValues());
                Lead second = em.find(Lead.class, ids.get(1));
                assertEquals("Other", second.lastName());
                assertEquals("o@example.com", second.email());
                assertEquals(Map.of("visits", 3L, "segment", "smb", "newsletter", true), second.attributeValues());
                Lead third = em.find(Lead.class, ids.get(2));
                assertEquals("L2", third.lastName());
                assertEquals(2, third.version());
                assertEquals(LeadStatus.OPEN, third.status());
            });
        }
    }

    @Test
    void aLeadChangedSinceItWasReadFailsTheWholeWrite() {
        try (TestDatabase db = new TestDatabase()) {
            List<String> ids = create(db, 2);
            VersionMismatchException e = assertThrows(VersionMismatchException.class, () -> db.inTransaction(em -> {
                LeadRepository repository = new LeadRepository(em);
                List<Lead> leads = repository.toChange(ids);
                db.inTransaction(other -> other.find(Lead.class, ids.get(1)).update(RecordInput.of(
                        Map.of("lastName", "Theirs"), Map.of()), T1));
                leads.forEach(l -> l.update(RecordInput.of(Map.of("lastName", "Mine"), Map.of("segment", "x")), T1));
                repository.updateAll(leads, "changed meanwhile");
            }));
            assertEquals("changed meanwhile", e.getMessage());
            db.inTransaction(em -> {
                assertEquals("L0", em.find(Lead.class, ids.get(0)).lastName(), "rolled back with the call");
                assertEquals(Map.of("visits", 3L, "segment", "smb", "newsletter", true),
                        em.find(Lead.class, ids.get(0)).attributeValues());
                assertEquals("Theirs", em.find(Lead.class, ids.get(1)).lastName());
            });
        }
    }

    @Test
    void leadsAreReadToChangeByTheirAlternateKeys() {
        try (TestDatabase db = new TestDatabase()) {
            List<String> ids = new ArrayList<>();
            db.inTransaction(em -> {
                for (int i = 0; i < 4; i++) {
                    Lead lead = new Lead(RecordInput.of(Map.of("lastName", "K" + i, "externalSource", i < 3 ? "crm" : "erp",
                            "externalId", "k" + i), Map.of("n", i)), "sales", T0);
                    em.persist(lead);
                    ids.add(lead.id());
                }
            });
            db.inTransaction(em -> {
                LeadRepository repository = new LeadRepository(em);
                List<Lead> found = repository.toChangeByKey("crm", List.of("k2", "k0", "k3", "none", "k0"));
                assertEquals(java.util.Set.of(ids.get(0), ids.get(2)),
                        found.stream().map(Lead::id).collect(java.util.stream.Collectors.toSet()),
                        "k3 is another source's key; each lead once");
                found.forEach(l -> assertEquals(Map.of("n", (long) Integer.parseInt(l.lastName().substring(1))),
                        l.attributesAsStored()));
                assertEquals(Map.of("k2", ids.get(2)), repository.keyOwners("crm", List.of("k2")), "one key, by JPQL");
            });
        }
    }

    private static List<String> create(TestDatabase db, int n) {
        List<String> ids = new ArrayList<>();
        db.inTransaction(em -> {
            for (int i = 0; i < n; i++) {
                Lead lead = new Lead(RecordInput.of(Map.of("lastName", "L" + i),
                        Map.of("visits", 3, "segment", "smb", "newsletter", true)), "sales", T0);
                em.persist(lead);
                ids.add(lead.id());
            }
        });
        return ids;
    }
}
