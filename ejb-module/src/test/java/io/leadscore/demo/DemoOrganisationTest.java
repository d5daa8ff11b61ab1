package io.leadscore.demo;

import io.leadscore.TestDatabase;
import io.leadscore.demo.DemoRows.AccountRow;
import io.leadscore.demo.DemoRows.ContactRow;
import io.leadscore.lead.LeadRow;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoOrganisationTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void theDemoSizeIsWhatTheIssueAsksFor() {
        Collected c = generate(42);
        assertEquals(300, c.accounts.size());
        assertEquals(600, c.contacts.size());
        assertEquals(6400, c.leads.size());
        assertEquals(6000, c.leads.stream().filter(l -> !l.status().equals("OPEN")).count());
        Set<String> owners = new HashSet<>();
        Set<String> processes = new HashSet<>();
        c.leads.forEach(l -> {
            owners.add(l.ownerId());
            processes.add(l.businessProcess());
        });
        assertEquals(Set.of("sales", "manager"), owners, "only the sales roles own leads");
        assertEquals(Set.copyOf(DemoOrganisation.BUSINESS_PROCESSES), processes);
    }

    @Test
    void theSameSeedGivesTheSameOrganisation() {
        assertEquals(generate(7).leads, generate(7).leads);
    }

    @Test
    void closedLeadsSpanTwoYearsAndCloseAfterTheyWereCreated() {
        for (LeadRow l : generate(42).leads) {
            assertTrue(!l.createdOn().isAfter(NOW) && l.createdOn().isAfter(NOW.minus(Duration.ofDays(731))));
            if (l.status().equals("OPEN")) {
                assertEquals(null, l.closedOn());
            } else {
                assertTrue(l.closedOn().isAfter(l.createdOn()) && !l.closedOn().isAfter(NOW), l.toString());
            }
        }
    }

    @Test
    void qualificationDependsOnTheAttributesButNotPerfectly() {
        Collected c = generate(42);
        Map<String, int[]> bySource = new HashMap<>();
        int qualified = 0;
        int closed = 0;
        for (LeadRow l : c.leads) {
            if (l.status().equals("OPEN")) {
                continue;
            }
            closed++;
            boolean q = l.status().equals("QUALIFIED");
            qualified += q ? 1 : 0;
            int[] counts = bySource.computeIfAbsent(l.source(), k -> new int[2]);
            counts[0] += q ? 1 : 0;
            counts[1]++;
        }
        double rate = qualified / (double) closed;
        assertTrue(rate > 0.25 && rate < 0.6, "overall qualification rate " + rate);
        double referral = bySource.get("Referral")[0] / (double) bySource.get("Referral")[1];
        double coldCall = bySource.get("Cold call")[0] / (double) bySource.get("Cold call")[1];
        assertTrue(referral > coldCall + 0.25, "referral " + referral + " vs cold call " + coldCall);
        assertTrue(coldCall > 0.05, "noisy: even cold calls sometimes qualify");
    }

    @Test
    void theJdbcWriterFillsTheRealSchema() throws Exception {
        try (TestDatabase db = new TestDatabase(); Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (JdbcDemoWriter w = new JdbcDemoWriter(c, 500)) {
                new DemoOrganisation(1, new DemoOrganisation.Size(20, 40, 900, 100), NOW).generate(w);
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM crm_lead), (SELECT COUNT(*) FROM crm_lead_attribute), "
                         + "(SELECT COUNT(*) FROM crm_account), (SELECT COUNT(*) FROM crm_contact) FROM crm_account FETCH FIRST 1 ROWS ONLY")) {
                rs.next();
                assertEquals(1000, rs.getLong(1));
                assertEquals(6000, rs.getLong(2));
                assertEquals(20, rs.getLong(3));
                assertEquals(40, rs.getLong(4));
            }
            c.rollback();
        }
    }

    private record Collected(List<AccountRow> accounts, List<ContactRow> contacts, List<LeadRow> leads) {
    }

    private static Collected generate(long seed) {
        Collected c = new Collected(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        new DemoOrganisation(seed, DemoOrganisation.Size.DEMO, NOW).generate(new DemoRows.Sink() {
            public void account(AccountRow row) { c.accounts.add(row); }
            public void contact(ContactRow row) { c.contacts.add(row); }
            public void lead(LeadRow row) { c.leads.add(row); }
        });
        return c;
    }
}
