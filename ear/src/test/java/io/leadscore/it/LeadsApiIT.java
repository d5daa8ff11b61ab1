package io.leadscore.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.leadscore.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Leads over HTTP, exactly as API.md describes them. */
class LeadsApiIT {

    private final Api sales = Api.as("sales");

    @Test
    void createReturnsLocationEtagAndTheLeadOwnedByTheCaller() {
        Api.Reply r = sales.post("/api/v1/leads", "{'lastName':'Lovelace','email':'ada@example.com',"
                + "'attributes':{'TotalVisits':5,'Lead Origin':'API','Webinar':true}}").expect(201);
        JsonObject lead = r.json();
        String id = lead.getString("id");
        assertEquals(Api.BASE + "/api/v1/leads/" + id, r.header("Location"));
        assertEquals("W/\"1\"", r.header("ETag"));
        assertEquals("OPEN", lead.getString("status"));
        assertEquals("sales", lead.getString("ownerId"));
        // the demo's published model scores a new lead through a system job, moments after the 201
        JsonObject score = sales.awaitScored(id).getJsonObject("score");
        int value = score.getInt("value");
        assertTrue(value >= 0 && value <= 100, "score " + value);
        assertEquals(value >= 75 ? "A" : value >= 50 ? "B" : value >= 25 ? "C" : "D", score.getString("grade"));
        assertEquals("NOT_ENOUGH_INFO", score.getString("trend"));
        assertEquals("Default", score.getString("modelName"));
        assertEquals(JsonValue.NULL, lead.get("closedOn"));
        assertEquals(5, lead.getJsonObject("attributes").getInt("TotalVisits"));
        assertEquals("API", lead.getJsonObject("attributes").getString("Lead Origin"));
        assertTrue(lead.getJsonObject("attributes").getBoolean("Webinar"));
        Instant created = Instant.parse(lead.getString("createdOn"));
        assertTrue(Math.abs(created.toEpochMilli() - System.currentTimeMillis()) < 120_000);

        Api.Reply read = sales.get(r.header("Location")).expect(200);
        assertEquals("W/\"1\"", read.header("ETag"));
        // the same lead; only its score, written by the scoring job, may be newer (it does not change the version)
        assertEquals(jakarta.json.Json.createObjectBuilder(lead).remove("score").build(),
                jakarta.json.Json.createObjectBuilder(read.json()).remove("score").build());
    }

    @Test
    void mergePatchChangesOnlyWhatItNamesAndHonoursIfMatch() {
        JsonObject lead = sales.createLead("{'lastName':'Hopper','industry':'Retail','city':'Arlington','attributes':{'a':1,'b':'x'}}");
        String path = "/api/v1/leads/" + lead.getString("id");

        Api.Reply changed = sales.patch(path, "{'industry':'Finance','city':null,'attributes':{'a':null,'c':true}}", "W/\"1\"").expect(200);
        assertEquals("W/\"2\"", changed.header("ETag"));
        JsonObject after = changed.json();
        assertEquals("Finance", after.getString("industry"));
        assertEquals(JsonValue.NULL, after.get("city"));
        assertEquals("Hopper", after.getString("lastName"));
        assertEquals(Set.of("b", "c"), after.getJsonObject("attributes").keySet());
        assertFalse(Instant.parse(after.getString("modifiedOn")).isBefore(Instant.parse(lead.getString("modifiedOn"))));

        sales.patch(path, "{'industry':'Energy'}", "W/\"1\"").problem(412);
        sales.delete(path, "W/\"1\"").problem(412);
        assertEquals("Finance", sales.get(path).json().getString("industry"), "a stale write changes nothing");

        sales.delete(path, "W/\"2\"").expect(204);
        sales.get(path).problem(404);
    }

    @Test
    void qualifyAndDisqualifyCloseTheLeadOnce() {
        JsonObject a = sales.createLead("{'lastName':'Turing'}");
        JsonObject q = sales.post("/api/v1/leads/" + a.getString("id") + "/qualify").expect(200).json();
        assertEquals("QUALIFIED", q.getString("status"));
        assertNotNull(Instant.parse(q.getString("closedOn")));
        sales.post("/api/v1/leads/" + a.getString("id") + "/disqualify").problem(409);
        sales.patch("/api/v1/leads/" + a.getString("id"), "{'topic':'late change'}").problem(409);

        JsonObject b = sales.createLead("{'lastName':'Dijkstra'}");
        sales.postWithIfMatch("/api/v1/leads/" + b.getString("id") + "/disqualify", "W/\"7\"").problem(412);
        assertEquals("DISQUALIFIED", sales.postWithIfMatch("/api/v1/leads/" + b.getString("id") + "/disqualify", "W/\"1\"")
                .expect(200).json().getString("status"));
    }

    @Test
    void collectionsFilterOrderCountAndPageWithNextLink() {
        String company = Api.unique("Paging");
        for (int i = 0; i < 5; i++) {
            sales.createLead("{'lastName':'L" + i + "','companyName':'" + company + "','attributes':{'Rank':" + i + "}}");
        }
        String filter = q("companyName eq '" + company + "' and attributes/Rank ge 1");
        JsonObject page1 = sales.get("/api/v1/leads?filter=" + filter + "&orderBy=" + q("lastName desc") + "&top=2&count=true")
                .expect(200).json();
        assertEquals(4, page1.getInt("count"));
        assertEquals(List.of("L4", "L3"), names(page1));
        assertTrue(page1.getString("nextLink").contains("skiptoken=") && !page1.getString("nextLink").contains("skip="),
                "the next page continues after the last row, it does not skip: " + page1.getString("nextLink"));
        JsonObject page2 = sales.get(page1.getString("nextLink")).expect(200).json();
        assertEquals(List.of("L2", "L1"), names(page2));
        assertFalse(page2.containsKey("nextLink"), "the last page has no nextLink");
        sales.get("/api/v1/leads?skip=10001").problemNaming(400, "skip");
        sales.get("/api/v1/leads?skiptoken=not-a-lead").problemNaming(400, "skiptoken");

        JsonObject odata = sales.get("/api/v1/leads?$filter=" + q("companyName eq '" + company + "'") + "&$top=1&$count=true")
                .expect(200).json();
        assertEquals(5, odata.getInt("count"));
        assertEquals(1, odata.getJsonArray("value").size());
    }

    @Test
    void collectionOptionsAreReadInAnyLetterCaseAndOneNotUnderstoodIsA400() {
        String company = Api.unique("Options");
        for (int i = 0; i < 3; i++) {
            sales.createLead("{'lastName':'O" + i + "','companyName':'" + company + "'}");
        }
        String filter = q("companyName eq '" + company + "'");
        // as OData 4.01 reads system query options: a list must not come back unsorted for a letter's case
        JsonObject lower = sales.get("/api/v1/leads?filter=" + filter + "&orderby=" + q("lastName desc") + "&TOP=2")
                .expect(200).json();
        assertEquals(List.of("O2", "O1"), names(lower));
        JsonObject next = sales.get(lower.getString("nextLink")).expect(200).json();
        assertEquals(List.of("O0"), names(next), "the next page, its paging options spelled once: " + lower.getString("nextLink"));
        assertEquals(List.of("O0", "O1"), names(sales.get("/api/v1/leads?$Filter=" + filter + "&$OrderBy=" + q("lastName")
                + "&$Top=2").expect(200).json()));

        sales.get("/api/v1/leads?filter=" + filter + "&$select=lastName").problemNaming(400, "$select");
        sales.get("/api/v1/leads?filter=" + filter + "&$expand=account").problemNaming(400, "$expand");
        sales.get("/api/v1/leads?top=1&$top=2").problemNaming(400, "top");
        sales.get("/api/v1/leads?orderBy=" + q("lastName") + "&orderBy=" + q("topic")).problemNaming(400, "orderBy");
        // parameters that are not collection options stay a client's own (a cache buster, say)
        assertEquals(3, sales.get("/api/v1/leads?filter=" + filter + "&_=1733616000").expect(200).json()
                .getJsonArray("value").size());
        Api.as("manager").get("/api/v1/accounts?$skip=x").problemNaming(400, "skip");
    }

    @Test
    void myOpenScoredListsOnlyTheCallersOpenLeads() {
        Api manager = Api.as("manager");
        String company = Api.unique("View");
        JsonObject mine = sales.createLead("{'lastName':'Mine','companyName':'" + company + "'}");
        sales.awaitScored(mine.getString("id"));
        JsonObject closed = sales.createLead("{'lastName':'Closed','companyName':'" + company + "'}");
        sales.post("/api/v1/leads/" + closed.getString("id") + "/qualify").expect(200);
        manager.createLead("{'lastName':'Theirs','companyName':'" + company + "'}");

        JsonObject view = sales.get("/api/v1/leads?view=my-open-scored&filter=" + q("companyName eq '" + company + "'")).expect(200).json();
        assertEquals(List.of("Mine"), names(view));
        assertEquals(mine.getString("id"), view.getJsonArray("value").getJsonObject(0).getString("id"));

        JsonObject all = sales.get("/api/v1/leads?view=my-open-scored&top=5000").expect(200).json();
        Set<String> statuses = new HashSet<>();
        Set<String> owners = new HashSet<>();
        all.getJsonArray("value").forEach(v -> {
            statuses.add(v.asJsonObject().getString("status"));
            owners.add(v.asJsonObject().getString("ownerId"));
        });
        assertEquals(Set.of("OPEN"), statuses);
        assertEquals(Set.of("sales"), owners);
        int previous = 101;
        for (JsonValue v : all.getJsonArray("value")) {
            int value = v.asJsonObject().getJsonObject("score").getInt("value");
            assertTrue(value <= previous, "best score first: " + value + " after " + previous);
            previous = value;
        }

        JsonObject managersView = manager.get("/api/v1/leads?view=my-open-scored&filter=" + q("companyName eq '" + company + "'")).expect(200).json();
        assertEquals(List.of("Theirs"), names(managersView));
    }

    @Test
    void listsFilterAndOrderByTheScore() {
        Api manager = Api.as("manager");
        JsonObject graded = manager.get("/api/v1/leads?top=200&filter=" + q("score/grade eq 'B' and status eq 'OPEN'")
                + "&orderBy=" + q("score/value desc")).expect(200).json();
        assertFalse(graded.getJsonArray("value").isEmpty(), "the demo model gives some open leads a B");
        int previous = 101;
        for (JsonValue v : graded.getJsonArray("value")) {
            JsonObject score = v.asJsonObject().getJsonObject("score");
            assertEquals("B", score.getString("grade"));
            assertTrue(score.getInt("value") >= 50 && score.getInt("value") < 75, score.toString());
            assertTrue(score.getInt("value") <= previous);
            previous = score.getInt("value");
        }
        JsonObject unscored = manager.get("/api/v1/leads?top=5&count=true&filter=" + q("status eq 'OPEN' and score/value eq null"))
                .expect(200).json();
        assertEquals(0, unscored.getInt("count"), "every open lead is covered by the demo model: " + unscored);
        manager.get("/api/v1/leads?filter=" + q("score/colour eq 1")).problemNaming(400, "filter");
    }

    @Test
    void leadsReferToAccountsAndContactsAndFilterThroughThem() {
        Api s = sales;
        String name = Api.unique("Bank");
        JsonObject account = s.post("/api/v1/accounts", "{'name':'" + name + "','industry':'Finance','numberOfEmployees':1200}").expect(201).json();
        JsonObject contact = s.post("/api/v1/contacts", "{'lastName':'Banker','accountId':'" + account.getString("id") + "'}").expect(201).json();
        JsonObject lead = s.createLead("{'lastName':'Banker','accountId':'" + account.getString("id") + "','contactId':'"
                + contact.getString("id") + "'}");
        JsonObject found = s.get("/api/v1/leads?count=true&filter=" + q("account/name eq '" + name + "' and account/numberOfEmployees gt 1000"))
                .expect(200).json();
        assertEquals(1, found.getInt("count"));
        assertEquals(lead.getString("id"), found.getJsonArray("value").getJsonObject(0).getString("id"));
    }

    private static List<String> names(JsonObject page) {
        return page.getJsonArray("value").stream().map(v -> v.asJsonObject().getString("lastName")).toList();
    }
}
