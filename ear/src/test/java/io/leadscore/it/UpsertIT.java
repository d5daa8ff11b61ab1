package io.leadscore.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.leadscore.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lead's alternate key (externalSource + externalId, Dataverse's alternate keys): PUT by key creates or updates,
 * GET by key reads, the key is unique, and a CSV import with the key columns upserts instead of duplicating.
 */
class UpsertIT {

    private final Api sales = Api.as("sales");
    private final Api manager = Api.as("manager");

    private static String byKey(String source, String id) {
        return "/api/v1/leads/by-key/" + source + "/" + id;
    }

    private int countWithKey(String source, String id) {
        return manager.get("/api/v1/leads?top=0&count=true&filter=" + q("externalSource eq '" + source
                + "' and externalId eq '" + id + "'")).expect(200).json().getInt("count");
    }

    @Test
    void putByKeyCreatesThenUpdatesTheSameLeadThroughThePipeline() {
        String key = Api.unique("K");
        Api.Reply created = sales.put(byKey("crm", key), "{'lastName':'Upsert','industry':'Finance','topic':'first'}")
                .expect(201);
        JsonObject lead = created.json();
        String id = lead.getString("id");
        assertTrue(created.header("Location").endsWith("/api/v1/leads/" + id), created.header("Location"));
        assertEquals("crm", lead.getString("externalSource"));
        assertEquals(key, lead.getString("externalId"));
        assertEquals("sales", lead.getString("ownerId"));
        sales.awaitScored(id); // a Create through the pipeline: the scoring plugin scored it

        // the same key again: an update of the fields the body names, the others kept
        JsonObject updated = sales.put(byKey("crm", key), "{'topic':'second','externalId':'" + key + "'}").expect(200).json();
        assertEquals(id, updated.getString("id"));
        assertEquals("second", updated.getString("topic"));
        assertEquals("Upsert", updated.getString("lastName"));
        assertEquals("Finance", updated.getString("industry"));
        assertTrue(updated.getJsonNumber("version").longValue() > lead.getJsonNumber("version").longValue());
        assertEquals(id, sales.get(byKey("crm", key)).expect(200).json().getString("id"));
        assertEquals(1, countWithKey("crm", key));

        // If-Match: the version read, else 412; and a key with no lead has no version to match
        sales.put(byKey("crm", key), "{'topic':'stale'}", "W/\"1\"").problem(412);
        String etag = sales.get(byKey("crm", key)).expect(200).header("ETag");
        sales.put(byKey("crm", key), "{'topic':'third'}", etag).expect(200);
        sales.put(byKey("crm", Api.unique("None")), "{'lastName':'X'}", "W/\"1\"").problem(412);
        sales.get(byKey("crm", Api.unique("None"))).problem(404);
    }

    @Test
    void theKeyIsUniqueWholeAndTheAddressDecides() {
        String key = Api.unique("U");
        sales.put(byKey("crm", key), "{'lastName':'Unique'}").expect(201);
        // another lead may not take the key, by POST or by PATCH
        sales.post("/api/v1/leads", "{'lastName':'Dup','externalSource':'crm','externalId':'" + key + "'}").problem(409);
        String other = sales.createLead("{'lastName':'Other'}").getString("id");
        sales.patch("/api/v1/leads/" + other, "{'externalSource':'crm','externalId':'" + key + "'}").problem(409);
        assertEquals(1, countWithKey("crm", key));
        // the same id in another source is another key
        sales.put(byKey("erp", key), "{'lastName':'Elsewhere'}").expect(201);
        // half a key, a body naming another key, a key too long: 400 naming the field, nothing written
        sales.post("/api/v1/leads", "{'lastName':'Half','externalId':'" + Api.unique("H") + "'}")
                .problemNaming(400, "externalSource");
        sales.post("/api/v1/leads", "{'lastName':'Half','externalSource':'crm'}").problemNaming(400, "externalId");
        sales.put(byKey("crm", key), "{'externalId':'something-else'}").problemNaming(400, "externalId");
        sales.put(byKey("crm", "x".repeat(201)), "{'lastName':'Long'}").problemNaming(400, "externalId");
        sales.put(byKey("crm", Api.unique("B")), "{'lastName':").problem(400);
        assertEquals(0, manager.get("/api/v1/leads?top=0&count=true&filter=" + q("lastName eq 'Half'")).expect(200)
                .json().getInt("count"));
    }

    @Test
    void aSalespersonUpsertsOnlyTheirOwnLeads() {
        String key = Api.unique("M");
        String id = manager.put(byKey("crm", key), "{'lastName':'Managers','ownerId':'manager'}").expect(201).json()
                .getString("id");
        sales.get(byKey("crm", key)).problem(404);
        sales.put(byKey("crm", key), "{'topic':'mine now'}").problemNaming(403, "externalId");
        assertEquals("manager", manager.get("/api/v1/leads/" + id).expect(200).json().getString("ownerId"));
        Api.as("operator").put(byKey("crm", key), "{'topic':'x'}").problem(403);
        Api.Reply anonymous = Api.anonymous().put(byKey("crm", key), "{'topic':'x'}");
        anonymous.problem(401);
        assertTrue(anonymous.header("WWW-Authenticate") != null, "the challenge stays");
    }

    @Test
    void concurrentUpsertsOfANewKeyMakeOneLead() throws Exception {
        String key = Api.unique("C");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Reply>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                answers.add(pool.submit(() -> sales.put(byKey("crm", key), "{'lastName':'Race','topic':'t" + n + "'}")));
            }
            int created = 0;
            for (Future<Api.Reply> a : answers) {
                int status = a.get().status();
                assertTrue(status == 200 || status == 201, "each upsert created or updated the lead: " + status + " "
                        + a.get().body());
                created += status == 201 ? 1 : 0;
            }
            assertEquals(1, created, "exactly one created the lead");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, countWithKey("crm", key));
    }

    @Test
    void concurrentCreatesOfOneKeyMakeOneLeadAndTheOthersAConflict() throws Exception {
        String key = Api.unique("P");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Api.Reply>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> sales.post("/api/v1/leads", "{'lastName':'Posted','externalSource':'crm',"
                        + "'externalId':'" + key + "'}")));
            }
            int created = 0;
            for (Future<Api.Reply> a : answers) {
                Api.Reply r = a.get();
                assertTrue(r.status() == 201 || r.status() == 409, "created, or a conflict with the one that was: "
                        + r.status() + " " + r.body());
                if (r.status() == 409) {
                    r.problem(409);
                }
                created += r.status() == 201 ? 1 : 0;
            }
            assertEquals(1, created);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, countWithKey("crm", key));
    }

    @Test
    void aCsvImportWithTheKeyColumnsUpsertsInsteadOfDuplicating() {
        String a = Api.unique("A");
        String b = Api.unique("B");
        String c = Api.unique("C");
        String file = "externalSource,externalId,lastName,industry,topic,attributes/Visits\r\n"
                + "crm," + a + ",Alpha,Finance,one,3\r\n"
                + "crm," + b + ",Beta,Retail,two,4\r\n"
                + "crm," + c + ",Gamma,Education,three,5\r\n";
        JsonObject first = runImport(file);
        assertEquals(3, first.getInt("rowsCreated"), first.toString());
        assertEquals(0, first.getInt("rowsUpdated"));

        // the same file again changes nothing and creates nothing
        JsonObject again = runImport(file);
        assertEquals(0, again.getInt("rowsCreated"), again.toString());
        assertEquals(3, again.getInt("rowsUnchanged"), again.toString());
        assertEquals(0, again.getInt("rowsImported"));
        for (String k : List.of(a, b, c)) {
            assertEquals(1, countWithKey("crm", k), k);
        }

        // a changed row updates its lead (a blank cell keeps the value), a new key creates, half a key is rejected,
        // and the same new key twice in one file makes one lead
        String d = Api.unique("D");
        String changed = "externalSource,externalId,lastName,industry,topic,attributes/Visits\r\n"
                + "crm," + a + ",Alpha,,changed,3.0\r\n"
                + "crm," + b + ",Beta,Retail,two,4\r\n"
                + "crm," + d + ",Delta,Finance,new,1\r\n"
                + "," + Api.unique("Half") + ",Half,Finance,,\r\n"
                + "crm," + d + ",Delta,Finance,newer,1\r\n";
        JsonObject third = runImport(changed);
        assertEquals(5, third.getInt("rowsRead"), third.toString());
        assertEquals(1, third.getInt("rowsCreated"), third.toString());
        assertEquals(2, third.getInt("rowsUpdated"), third.toString());
        assertEquals(1, third.getInt("rowsUnchanged"), third.toString());
        assertEquals(1, third.getInt("rowsRejected"), third.toString());
        String why = third.getJsonArray("errors").getJsonObject(0).getString("message");
        assertTrue(why.contains("externalSource") && why.contains("required"), why);
        assertEquals(4, third.getJsonArray("errors").getJsonObject(0).getInt("row"));

        JsonObject alpha = manager.get(byKey("crm", a)).expect(200).json();
        assertEquals("changed", alpha.getString("topic"));
        assertEquals("Finance", alpha.getString("industry"), "a blank cell keeps the lead's value");
        JsonObject delta = manager.get(byKey("crm", d)).expect(200).json();
        assertEquals("newer", delta.getString("topic"), "the later row of the same key wins");
        assertEquals(1, countWithKey("crm", d));
    }

    private JsonObject runImport(String csv) {
        String id = manager.post("/api/v1/imports", "text/csv", csv.getBytes(StandardCharsets.UTF_8)).expect(202).json()
                .getString("id");
        JsonObject done = Api.await(Duration.ofSeconds(120), () -> manager.get("/api/v1/imports/" + id).expect(200).json(),
                i -> !i.getString("status").equals("Waiting") && !i.getString("status").equals("Running"));
        assertEquals("Completed", done.getString("status"), done.toString());
        assertNotEquals(null, done.get("rowsUnchanged"));
        return done;
    }
}
