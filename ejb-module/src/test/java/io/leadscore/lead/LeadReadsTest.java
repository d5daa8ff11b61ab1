package io.leadscore.lead;

import io.leadscore.TestDatabase;
import io.leadscore.common.CrmRecord;
import io.leadscore.common.FieldDef;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordSchema;
import io.leadscore.customer.Account;
import io.leadscore.customer.Contact;
import io.leadscore.customer.CustomerSchemas;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Leads read with plain JDBC for scoring are the leads JPA reads: every field of the lead schema, the score, the
 * custom attributes, and the account's and contact's fields and attributes. A column added to an entity and not
 * to its stored-row constructor fails here.
 */
class LeadReadsTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void aLeadReadForScoringIsTheLeadJpaReadsWithItsAccountContactAndAttributes() throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            String[] ids = new String[4];
            db.inTransaction(em -> {
                Account account = new Account(RecordInput.of(Map.of("name", "Acme", "industry", "Retail",
                        "country", "Chile", "numberOfEmployees", 250, "annualRevenue", new BigDecimal("1234567.89")),
                        Map.of("Tier", "Gold", "Seats", 12.0, "Partner", true)), "manager", T0);
                em.persist(account);
                em.flush();
                Contact contact = new Contact(RecordInput.of(Map.of("firstName", "Ada", "lastName", "Lovelace",
                        "email", "ada@example.com", "jobTitle", "CTO", "accountId", account.id()),
                        Map.of("Language", "en", "Score", 2.5)), "manager", T0);
                em.persist(contact);
                em.flush();
                Map<String, Object> fields = new HashMap<>();
                fields.put("topic", "Fleet renewal");
                fields.put("firstName", "Grace");
                fields.put("lastName", "Hopper");
                fields.put("email", "grace@example.com");
                fields.put("phone", "+56 2 1234");
                fields.put("jobTitle", "Buyer");
                fields.put("companyName", "Acme");
                fields.put("industry", "Retail");
                fields.put("source", "Web");
                fields.put("country", "Chile");
                fields.put("city", "Santiago");
                fields.put("businessProcess", "Renewals");
                fields.put("accountId", account.id());
                fields.put("contactId", contact.id());
                fields.put("externalSource", "crm");
                fields.put("externalId", "A-1");
                Lead full = new Lead(RecordInput.of(fields, Map.of("TotalVisits", 7.0, "TimeOnWebsite", 12.5,
                        "Newsletter", false, "Tags", "Will revert")), "sales", T0);
                em.persist(full);
                Lead bare = new Lead(RecordInput.of(Map.of("lastName", "Closed"), Map.of()), "sales", T0);
                bare.qualify(T0.plusSeconds(60));
                em.persist(bare);
                ids[0] = full.id();
                ids[1] = bare.id();
                ids[2] = account.id();
                ids[3] = contact.id();
            });
            try (Connection c = db.connection(); var s = c.prepareStatement("UPDATE crm_lead SET score_value = 71, "
                    + "score_grade = 'B', score_trend = 'IMPROVING', score_model_id = 'm-1', score_model_version = 3, "
                    + "scored_on = ? WHERE id = ?")) {
                s.setTimestamp(1, java.sql.Timestamp.valueOf("2026-11-02 08:30:00.123"));
                s.setString(2, ids[0]);
                assertEquals(1, s.executeUpdate());
            }

            List<Lead> read;
            try (Connection c = db.connection()) {
                read = LeadReads.leads(c, List.of(ids[1], "no-such-lead", ids[0], ids[1]));
            }
            assertEquals(List.of(ids[1], ids[0]), read.stream().map(Lead::id).toList(), "in the ids' order, once each");

            var em = db.em();
            try {
                Lead jpaFull = em.find(Lead.class, ids[0]);
                Lead jpaBare = em.find(Lead.class, ids[1]);
                Lead full = read.get(1);
                Lead bare = read.get(0);
                sameRecord(LeadSchema.LEAD, jpaFull, full);
                sameRecord(LeadSchema.LEAD, jpaBare, bare);
                assertEquals(jpaFull.score(), full.score());
                assertNotNull(full.score());
                assertEquals(71, full.score().value());
                assertEquals(Instant.parse("2026-11-02T08:30:00.123Z"), full.score().scoredOn());
                assertNull(bare.score());
                assertEquals(LeadStatus.QUALIFIED, bare.status());
                assertEquals(Map.of("TotalVisits", 7L, "TimeOnWebsite", 12.5, "Newsletter", false, "Tags", "Will revert"),
                        full.attributeValues());
                assertEquals(Map.of(), bare.attributeValues());

                assertNotNull(full.account());
                assertNotNull(full.contact());
                sameRecord(CustomerSchemas.ACCOUNT, jpaFull.account(), full.account());
                sameRecord(CustomerSchemas.CONTACT, jpaFull.contact(), full.contact());
                assertEquals(Map.of("Tier", "Gold", "Seats", 12L, "Partner", true), full.account().attributeValues());
                assertEquals(new BigDecimal("1234567.89"), full.account().field("annualRevenue"));
                assertNull(bare.account());
                assertNull(bare.contact());
            } finally {
                em.close();
            }
        }
    }

    @Test
    void openLeadsReadByKeyRangeAreTheLeadsReadByIdWithoutTheClosedOnes() throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            List<String> ids = new java.util.ArrayList<>();
            Map<String, Integer> made = new HashMap<>();
            db.inTransaction(em -> {
                for (int i = 0; i < 6; i++) {
                    Lead lead = new Lead(RecordInput.of(Map.of("lastName", "L" + i, "city", "C" + i),
                            Map.of("N", (double) i, "Tag", "t" + i)), "sales", T0);
                    em.persist(lead);
                    ids.add(lead.id());
                    made.put(lead.id(), i);
                }
            });
            java.util.Collections.sort(ids);
            close(db, ids.get(2));
            List<String> asked = List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.get(5));
            List<String> open = List.of(ids.get(0), ids.get(1), ids.get(3), ids.get(4), ids.get(5));
            try (Connection c = db.connection()) {
                // one closed lead among six: the attributes come by range
                sameLeads(LeadReads.leads(c, open), LeadReads.openInKeyOrder(c, asked));
            }
            close(db, ids.get(1));
            close(db, ids.get(3));
            close(db, ids.get(4));
            try (Connection c = db.connection()) {
                // four closed among six: by their ids
                List<Lead> read = LeadReads.openInKeyOrder(c, List.of(ids.get(0), ids.get(5)));
                sameLeads(LeadReads.leads(c, List.of(ids.get(0), ids.get(5))), read);
                assertEquals(attributes(made.get(ids.get(5))), read.get(1).attributeValues());
                // ids not in ascending order, or unknown: nothing is lost, nothing invented
                List<Lead> reversed = LeadReads.openInKeyOrder(c, List.of(ids.get(5), "no-such-lead", ids.get(0)));
                assertEquals(List.of(ids.get(5), ids.get(0)), reversed.stream().map(Lead::id).toList());
                assertEquals(attributes(made.get(ids.get(0))), reversed.get(1).attributeValues());
            }
        }
    }

    /** The custom attributes lead number {@code i} of the test was made with, as read back. */
    private static Map<String, Object> attributes(int i) {
        return Map.of("N", (long) i, "Tag", "t" + i);
    }

    private static void close(TestDatabase db, String id) {
        db.inTransaction(em -> em.find(Lead.class, id).disqualify(T0.plusSeconds(60)));
    }

    private static void sameLeads(List<Lead> expected, List<Lead> actual) {
        assertEquals(expected.stream().map(Lead::id).toList(), actual.stream().map(Lead::id).toList());
        for (int i = 0; i < expected.size(); i++) {
            sameRecord(LeadSchema.LEAD, expected.get(i), actual.get(i));
            assertEquals(LeadStatus.OPEN, actual.get(i).status());
        }
    }

    private static void sameRecord(RecordSchema schema, CrmRecord expected, CrmRecord actual) {
        for (FieldDef f : schema.fields()) {
            assertEquals(expected.field(f.name()), actual.field(f.name()), schema.entityName() + "." + f.name());
        }
        assertEquals(expected.attributeValues(), actual.attributeValues(), schema.entityName() + " attributes");
        assertEquals(expected.version(), actual.version(), schema.entityName() + " version");
    }
}
