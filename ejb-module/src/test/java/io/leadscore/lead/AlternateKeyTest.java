package io.leadscore.lead;

import io.leadscore.TestDatabase;
import io.leadscore.common.DuplicateKey;
import io.leadscore.common.RecordInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The alternate key in the real schema: unique together, and leads without one never collide. */
class AlternateKeyTest {

    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = new TestDatabase();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Lead lead(String name, String source, String id) {
        Map<String, Object> v = new HashMap<>();
        v.put("lastName", name);
        if (source != null) {
            v.put("externalSource", source);
        }
        if (id != null) {
            v.put("externalId", id);
        }
        return new Lead(RecordInput.of(v, Map.of()), "sales", Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void theSameKeyTwiceIsRefusedByTheDatabaseAndRecognisedAsADuplicate() {
        db.inTransaction(em -> {
            em.persist(lead("A", "crm", "1"));
            em.persist(lead("B", "crm", "2"));
            em.persist(lead("C", "erp", "1")); // the same id in another source is another key
            em.persist(lead("D", null, null));
            em.persist(lead("E", null, null)); // many leads without a key
        });
        RuntimeException twice = assertThrows(RuntimeException.class,
                () -> db.inTransaction(em -> em.persist(lead("F", "crm", "1"))));
        assertTrue(DuplicateKey.in(twice), String.valueOf(twice));
        assertFalse(DuplicateKey.in(new IllegalStateException("other")));
        var em = db.em();
        try {
            assertEquals(5L, em.createQuery("SELECT COUNT(l) FROM Lead l", Long.class).getSingleResult());
            assertEquals("A", em.createQuery("SELECT l FROM Lead l WHERE l.externalSource = 'crm' AND l.externalId = '1'",
                    Lead.class).getSingleResult().lastName());
        } finally {
            em.close();
        }
    }
}
