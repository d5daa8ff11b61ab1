package io.leadscore.filter;

import io.leadscore.TestDatabase;
import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.common.ValidationException;
import io.leadscore.customer.Account;
import io.leadscore.customer.CustomerSchemas;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadSchema;
import io.leadscore.model.LeadFeatures;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filter language against real EclipseLink and the real schema, on five leads whose answers are known. */
class CriteriaFilterTest {

    private static TestDatabase db;

    @BeforeAll
    static void createLeads() {
        db = new TestDatabase();
        db.inTransaction(em -> {
            Account bank = new Account(RecordInput.of(Map.of("name", "Woodgrove Bank", "industry", "Finance",
                    "numberOfEmployees", 5000), Map.of("Tier", "Gold")), "manager", Instant.parse("2025-01-01T00:00:00Z"));
            Account shop = new Account(RecordInput.of(Map.of("name", "Contoso Retail", "industry", "Retail",
                    "numberOfEmployees", 40), Map.of()), "manager", Instant.parse("2025-01-01T00:00:00Z"));
            em.persist(bank);
            em.persist(shop);
            em.persist(lead("Lovelace", "Finance", "ada@woodgrove.example", bank.id(), "2026-01-10T09:00:00Z",
                    Map.of("TotalVisits", 7.0, "Lead Origin", "API", "Webinar", true)));
            em.persist(lead("Hopper", "Retail", "grace@gmail.com", shop.id(), "2026-02-10T09:00:00Z",
                    Map.of("TotalVisits", 2.0, "Lead Origin", "Landing Page Submission")));
            em.persist(lead("Turing", null, null, null, "2026-03-10T09:00:00Z", Map.of("TotalVisits", 0.0)));
            em.persist(lead("100% Sure", "Education", "sure@example.org", null, "2026-04-10T09:00:00Z",
                    Map.of("Lead Origin", "Lead Import", "Webinar", false)));
            Lead closed = lead("Knuth", "Finance", "don@stanford.example", bank.id(), "2025-06-10T09:00:00Z", Map.of());
            closed.qualify(Instant.parse("2025-06-20T09:00:00Z"));
            em.persist(closed);
        });
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "industry eq 'Finance'|Knuth,Lovelace",
            "industry ne 'Finance'|100% Sure,Hopper,Turing",
            "not (industry eq 'Finance')|100% Sure,Hopper,Turing",
            "not (industry ne 'Finance')|Knuth,Lovelace",
            "not (industry ne 'Finance' and industry ne 'Retail')|Hopper,Knuth,Lovelace",
            "not (industry eq 'Finance' or industry eq null)|100% Sure,Hopper",
            "not (account/numberOfEmployees gt 100)|100% Sure,Hopper,Turing",
            "not not (industry eq 'Retail')|Hopper",
            "not (industry in ('Finance', 'Retail'))|100% Sure,Turing",
            "not contains(email, 'example')|Hopper,Turing",
            "not (attributes/TotalVisits gt 1)|100% Sure,Knuth,Turing",
            "industry eq null|Turing",
            "industry ne null and industry ne 'Retail'|100% Sure,Knuth,Lovelace",
            "industry in ('Retail', 'Education')|100% Sure,Hopper",
            "status eq 'QUALIFIED'|Knuth",
            "status eq 'OPEN' and account/industry eq 'Finance'|Lovelace",
            "account/numberOfEmployees gt 100|Knuth,Lovelace",
            "accountId eq null|100% Sure,Turing",
            "account/attributes/Tier eq 'Gold'|Knuth,Lovelace",
            "attributes/TotalVisits gt 1|Hopper,Lovelace",
            "attributes/TotalVisits ge 0 and attributes/TotalVisits le 2|Hopper,Turing",
            "attributes/TotalVisits eq null|100% Sure,Knuth",
            "attributes/TotalVisits ne 7|100% Sure,Hopper,Knuth,Turing",
            "attributes/'Lead Origin' eq 'API'|Lovelace",
            "attributes/Webinar eq true|Lovelace",
            "attributes/Webinar eq false|100% Sure",
            "attributes/Webinar ne null|100% Sure,Lovelace",
            "contains(email, 'gmail')|Hopper",
            "startswith(lastName, '100%')|100% Sure",
            "contains(lastName, '%')|100% Sure",
            "contains(lastName, '_')|",
            "endswith(email, '.example')|Knuth,Lovelace",
            "contains(attributes/'Lead Origin', 'Page')|Hopper",
            "createdOn gt 2026-01-31T00:00:00Z and createdOn lt '2026-04-01T00:00:00Z'|Hopper,Turing",
            "closedOn ne null|Knuth",
            "lastName eq 'x'' or ''1''=''1'|",
            "(industry eq 'Finance' or industry eq 'Retail') and not (status eq 'QUALIFIED')|Hopper,Lovelace",
    })
    void selectsExactlyTheLeadsItDescribes(String filter, String expected) {
        Set<String> want = expected == null ? Set.of() : new TreeSet<>(Arrays.asList(expected.split(",")));
        assertEquals(want, names(list(filter, null)));
        // the same expression evaluated in memory (model selection, eligibility) agrees with the database
        Bound bound = FilterBinder.compile(filter, LeadSchema.LEAD);
        EntityManager em = db.em();
        try {
            Set<String> inMemory = new TreeSet<>();
            for (Lead lead : em.createQuery("select l from Lead l", Lead.class).getResultList()) {
                if (new MemoryFilter(new LeadFeatures(lead, em)::resolve).test(bound)) {
                    inMemory.add(lead.lastName());
                }
            }
            assertEquals(want, inMemory, "in memory");
        } finally {
            em.close();
        }
    }

    @Test
    void explainsWhichClauseIsFalseWithTheLeadsValues() {
        EntityManager em = db.em();
        try {
            Lead hopper = em.createQuery("select l from Lead l where l.lastName = 'Hopper'", Lead.class).getSingleResult();
            MemoryFilter f = new MemoryFilter(new LeadFeatures(hopper, em)::resolve);
            assertEquals(List.of("filter industry ne 'Retail' is false: industry = 'Retail'"),
                    f.explain(FilterBinder.compile("industry ne 'Retail'", LeadSchema.LEAD)));
            assertEquals(List.of("filter attributes/TotalVisits gt 5 is false: attributes/TotalVisits = 2",
                            "filter account/numberOfEmployees ge 100 is false: account/numberOfEmployees = 40"),
                    f.explain(FilterBinder.compile("attributes/TotalVisits gt 5 and status eq 'OPEN' and "
                            + "account/numberOfEmployees ge 100", LeadSchema.LEAD)));
            assertEquals(List.of("filter industry eq 'Finance' or source eq 'Web' is false: industry = 'Retail', "
                            + "source = null"),
                    f.explain(FilterBinder.compile("industry eq 'Finance' or source eq 'Web'", LeadSchema.LEAD)));
            assertEquals(List.of(), f.explain(FilterBinder.compile("industry eq 'Retail'", LeadSchema.LEAD)));
        } finally {
            em.close();
        }
    }

    @Test
    void ordersByFieldsOfTheLeadAndItsAccountWithStablePaging() {
        List<String> byAccount = list(null, "account/name desc, lastName").items().stream().map(Lead::lastName).toList();
        // nulls sort differently on each database: only the named accounts' order is asserted
        List<String> named = byAccount.stream().filter(n -> !n.equals("Turing") && !n.equals("100% Sure")).toList();
        assertEquals(List.of("Knuth", "Lovelace", "Hopper"), named);

        Page<Lead> first = page(null, "createdOn desc", 2, 0);
        Page<Lead> second = page(null, "createdOn desc", 2, 2);
        Page<Lead> third = page(null, "createdOn desc", 2, 4);
        assertEquals(List.of("100% Sure", "Turing"), first.items().stream().map(Lead::lastName).toList());
        assertEquals(List.of("Hopper", "Lovelace"), second.items().stream().map(Lead::lastName).toList());
        assertEquals(List.of("Knuth"), third.items().stream().map(Lead::lastName).toList());
        assertTrue(first.more() && second.more());
        assertFalse(third.more());
        assertEquals(5L, first.count());
    }

    @Test
    void keysetPagesFollowTheOrderToTheEndWhateverTheKeysAndTheirNulls() {
        for (String order : List.of("account/name desc, lastName", "account/name, lastName desc", "createdOn desc",
                "lastName", "industry desc", "attributes/TotalVisits", "score/value desc")) {
            if (order.startsWith("attributes/")) {
                continue; // custom attributes cannot be ordered by (OrderBy refuses them)
            }
            List<String> all = list(null, order).items().stream().map(Lead::id).toList();
            List<String> paged = new java.util.ArrayList<>();
            String after = null;
            for (int guard = 0; guard < 10; guard++) {
                var em = db.em();
                try {
                    Page<Lead> p = RecordQueries.list(em, Lead.class, LeadSchema.LEAD,
                            new ListQuery(null, order, 2, 0, false, after), List.of());
                    p.items().forEach(l -> paged.add(l.id()));
                    if (!p.more()) {
                        break;
                    }
                    after = p.next();
                } finally {
                    em.close();
                }
            }
            assertEquals(all, paged, "every row once, in order, by " + order);
        }
        ValidationException gone = org.junit.jupiter.api.Assertions.assertThrows(ValidationException.class,
                () -> page(null, "lastName", 2, 0, "no-such-row"));
        assertEquals("skiptoken", gone.errors().get(0).field());
        ValidationException deep = org.junit.jupiter.api.Assertions.assertThrows(ValidationException.class,
                () -> new ListQuery(null, null, 10, 10_001, false));
        assertTrue(deep.getMessage().contains("nextLink") || deep.errors().get(0).message().contains("nextLink"));
    }

    @Test
    void exportBatchesContinueAfterTheirLastRowByValueEvenWhenThatRowIsDeleted() {
        for (String order : List.of("account/name desc, lastName", "createdOn desc", "industry desc", "lastName")) {
            List<String> all = list(null, order).items().stream().map(Lead::id).toList();
            assertEquals(all, batched(order, 2, null), "every row once, in order, by " + order);
        }
        // a lead listed first, deleted before the next batch is read: the listing goes on after it
        String[] gone = new String[1];
        db.inTransaction(em -> {
            Lead zed = lead("Zzz Deleted", null, null, null, "2026-05-01T00:00:00Z", Map.of());
            em.persist(zed);
            gone[0] = zed.id();
        });
        List<String> rest = batched("lastName desc", 1, gone[0]);
        assertEquals(gone[0], rest.get(0));
        assertEquals(List.of("Zzz Deleted", "Turing", "Lovelace", "Knuth", "Hopper", "100% Sure"),
                rest.stream().map(id -> db.em().find(Lead.class, id) == null ? "Zzz Deleted"
                        : db.em().find(Lead.class, id).lastName()).toList());
    }

    /** Reads a listing batch by batch, each in its own entity manager; deletes lead {@code deleteAfterFirst} after the first. */
    private static List<String> batched(String order, int size, String deleteAfterFirst) {
        List<String> ids = new java.util.ArrayList<>();
        RecordQueries.Position at = null;
        do {
            EntityManager em = db.em();
            RecordQueries.Batch<Lead> b;
            try {
                b = RecordQueries.batch(em, Lead.class, LeadSchema.LEAD, new ListQuery(null, order, 50, 0, false),
                        List.of(), at, size);
            } finally {
                em.close();
            }
            b.items().forEach(l -> ids.add(l.id()));
            if (deleteAfterFirst != null && ids.size() == size) {
                db.inTransaction(x -> x.remove(x.find(Lead.class, deleteAfterFirst)));
            }
            at = b.next();
        } while (at != null);
        return ids;
    }

    @Test
    void theSameLanguageFiltersAccounts() {
        var em = db.em();
        try {
            Page<Account> p = RecordQueries.list(em, Account.class, CustomerSchemas.ACCOUNT,
                    new ListQuery("numberOfEmployees lt 100", null, 10, 0, true), List.of());
            assertEquals(List.of("Contoso Retail"), p.items().stream().map(Account::name).toList());
        } finally {
            em.close();
        }
    }

    @Test
    void badExpressionsBecomeValidationErrorsNamingTheParameter() {
        ValidationException f = assertThrows(ValidationException.class, () -> list("colour eq 'red'", null));
        assertEquals("filter", f.errors().get(0).field());
        assertTrue(f.errors().get(0).message().contains("'colour'"));
        ValidationException o = assertThrows(ValidationException.class, () -> list(null, "colour"));
        assertEquals("orderBy", o.errors().get(0).field());
    }

    private static Page<Lead> page(String filter, String orderBy, int top, int skip, String after) {
        var em = db.em();
        try {
            return RecordQueries.list(em, Lead.class, LeadSchema.LEAD, new ListQuery(filter, orderBy, top, skip, true, after),
                    List.of());
        } finally {
            em.close();
        }
    }

    private static Page<Lead> list(String filter, String orderBy) {
        return page(filter, orderBy, 100, 0);
    }

    private static Page<Lead> page(String filter, String orderBy, int top, int skip) {
        var em = db.em();
        try {
            return RecordQueries.list(em, Lead.class, LeadSchema.LEAD, new ListQuery(filter, orderBy, top, skip, true), List.of());
        } finally {
            em.close();
        }
    }

    private static Set<String> names(Page<Lead> page) {
        Set<String> out = new TreeSet<>();
        page.items().forEach(l -> out.add(l.lastName()));
        assertEquals((long) out.size(), page.count(), "count matches the rows");
        return out;
    }

    private static Lead lead(String lastName, String industry, String email, String accountId, String created,
                             Map<String, Object> attributes) {
        Map<String, Object> v = new HashMap<>();
        v.put("lastName", lastName);
        if (industry != null) {
            v.put("industry", industry);
        }
        if (email != null) {
            v.put("email", email);
        }
        if (accountId != null) {
            v.put("accountId", accountId);
        }
        return new Lead(RecordInput.of(v, attributes), "sales", Instant.parse(created));
    }
}
