package io.leadscore.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadscore.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/v1/leads/bulk: create, update and upsert many leads in one call, per record or all or nothing. */
class BulkIT {

    private final Api sales = Api.as("sales");
    private final Api manager = Api.as("manager");

    private int count(String lastName) {
        return manager.get("/api/v1/leads?top=0&count=true&filter=" + q("lastName eq '" + lastName + "'")).expect(200)
                .json().getInt("count");
    }

    @Test
    void createsEachRecordThroughThePipelineAndAnswersForEach() {
        String name = Api.unique("Bulk");
        JsonObject answer = sales.post("/api/v1/leads/bulk", "{'mode':'create','records':["
                + "{'lastName':'" + name + "','industry':'Finance','attributes':{'TotalVisits':3}},"
                + "{'lastName':'" + name + "','email':'not an email'},"
                + "{'lastName':'" + name + "','industry':'Retail'}]}").expect(200).json();
        JsonArray results = answer.getJsonArray("results");
        assertEquals(3, results.size());
        assertEquals(201, results.getJsonObject(0).getInt("status"));
        assertEquals(400, results.getJsonObject(1).getInt("status"));
        assertEquals("email", results.getJsonObject(1).getJsonObject("problem").getJsonArray("errors").getJsonObject(0)
                .getString("field"));
        assertEquals(201, results.getJsonObject(2).getInt("status"));
        assertEquals(2, answer.getInt("created"));
        assertEquals(1, answer.getInt("failed"));
        assertEquals(2, count(name));
        String id = results.getJsonObject(0).getString("id");
        JsonObject lead = sales.awaitScored(id); // through the pipeline: the scoring plugin's system job ran
        assertEquals("sales", lead.getString("ownerId"));
    }

    @Test
    void anAtomicCallWritesAllOrNothingAndNamesTheFirstRecordThatFails() {
        String name = Api.unique("Atomic");
        sales.post("/api/v1/leads/bulk", "{'mode':'create','atomic':true,'records':["
                + "{'lastName':'" + name + "'},{'lastName':'" + name + "','email':'nope'}]}")
                .problemNaming(400, "records[1]");
        assertEquals(0, count(name));

        // a failure only the write meets (an update of a lead that is not there) undoes the records before it
        String id = sales.createLead("{'lastName':'" + name + "','topic':'before'}").getString("id");
        JsonObject p = sales.post("/api/v1/leads/bulk", "{'mode':'update','atomic':true,'records':["
                + "{'id':'" + id + "','topic':'after'},{'id':'no-such-lead','topic':'x'}]}").problemNaming(400, "records[1]");
        assertTrue(p.getString("detail").contains("none was written"), p.toString());
        assertEquals("before", sales.get("/api/v1/leads/" + id).expect(200).json().getString("topic"));

        JsonObject ok = sales.post("/api/v1/leads/bulk", "{'mode':'create','atomic':true,'records':["
                + "{'lastName':'" + name + "'},{'lastName':'" + name + "'}]}").expect(200).json();
        assertEquals(2, ok.getInt("created"));
        assertEquals(3, count(name));
    }

    @Test
    void updatesHonourTheVersionReadAndWhatTheCallerMaySee() {
        String name = Api.unique("Upd");
        JsonObject a = sales.createLead("{'lastName':'" + name + "','topic':'a'}");
        JsonObject b = sales.createLead("{'lastName':'" + name + "','topic':'b'}");
        String theirs = manager.createLead("{'lastName':'" + name + "','ownerId':'manager'}").getString("id");
        JsonArray results = sales.post("/api/v1/leads/bulk", "{'mode':'update','records':["
                + "{'id':'" + a.getString("id") + "','topic':'a2'},"
                + "{'id':'" + b.getString("id") + "','version':" + (b.getInt("version") + 5) + ",'topic':'b2'},"
                + "{'id':'" + theirs + "','topic':'mine'},"
                + "{'topic':'no id'}]}").expect(200).json().getJsonArray("results");
        assertEquals(200, results.getJsonObject(0).getInt("status"));
        assertEquals(412, results.getJsonObject(1).getInt("status"), results.toString());
        assertEquals(404, results.getJsonObject(2).getInt("status"), "another's lead is not there for a Salesperson");
        assertEquals(400, results.getJsonObject(3).getInt("status"));
        assertEquals("a2", sales.get("/api/v1/leads/" + a.getString("id")).expect(200).json().getString("topic"));
        assertEquals("b", sales.get("/api/v1/leads/" + b.getString("id")).expect(200).json().getString("topic"));
    }

    @Test
    void aCallWrittenWholeChangesFieldsAndAttributesAndMovesEachVersionOn() {
        String name = Api.unique("Whole");
        JsonObject a = sales.createLead("{'lastName':'" + name + "','topic':'a','attributes':"
                + "{'TotalVisits':3,'Segment':'smb','Newsletter':true}}");
        JsonObject b = sales.createLead("{'lastName':'" + name + "','topic':'b','attributes':{'TotalVisits':5}}");
        JsonObject answer = sales.post("/api/v1/leads/bulk", "{'mode':'update','records':["
                + "{'id':'" + a.getString("id") + "','version':" + a.getInt("version") + ",'topic':'a2',"
                + "'attributes':{'TotalVisits':4.5,'Segment':null,'Region':'north'}},"
                + "{'id':'" + b.getString("id") + "','email':'b@example.com'}]}").expect(200).json();
        assertEquals(2, answer.getInt("updated"), answer.toString());
        JsonArray results = answer.getJsonArray("results");
        assertEquals(a.getInt("version") + 1, results.getJsonObject(0).getInt("version"));
        assertEquals(b.getInt("version") + 1, results.getJsonObject(1).getInt("version"));

        JsonObject a2 = sales.get("/api/v1/leads/" + a.getString("id")).expect(200).json();
        assertEquals("a2", a2.getString("topic"));
        assertEquals(name, a2.getString("lastName"), "a field the record leaves out is kept");
        assertEquals(a.getInt("version") + 1, a2.getInt("version"));
        JsonObject attributes = a2.getJsonObject("attributes");
        assertEquals(3, attributes.size(), attributes.toString());
        assertEquals(4.5, attributes.getJsonNumber("TotalVisits").doubleValue());
        assertEquals("north", attributes.getString("Region"));
        assertTrue(attributes.getBoolean("Newsletter"));
        JsonObject b2 = sales.get("/api/v1/leads/" + b.getString("id")).expect(200).json();
        assertEquals("b@example.com", b2.getString("email"));
        assertEquals("b", b2.getString("topic"));
        assertEquals(5, b2.getJsonObject("attributes").getInt("TotalVisits"));
        assertEquals(b.getInt("version") + 1, b2.getInt("version"));

        // the versions moved on: the same records again at the versions first read are refused, and nothing changes
        sales.post("/api/v1/leads/bulk", "{'mode':'update','atomic':true,'records':["
                + "{'id':'" + b.getString("id") + "','version':" + b2.getInt("version") + ",'topic':'b3'},"
                + "{'id':'" + a.getString("id") + "','version':" + a.getInt("version") + ",'topic':'a3'}]}")
                .problemNaming(400, "records[1]");
        assertEquals("b", sales.get("/api/v1/leads/" + b.getString("id")).expect(200).json().getString("topic"));
    }

    @Test
    void upsertsByAlternateKey() {
        String key = Api.unique("Key");
        String existing = sales.put("/api/v1/leads/by-key/crm/" + key, "{'lastName':'Existing'}").expect(201).json()
                .getString("id");
        String fresh = Api.unique("Fresh");
        JsonObject answer = sales.post("/api/v1/leads/bulk", "{'mode':'upsert','records':["
                + "{'externalSource':'crm','externalId':'" + key + "','topic':'changed'},"
                + "{'externalSource':'crm','externalId':'" + fresh + "','lastName':'Fresh'},"
                + "{'externalSource':'crm','lastName':'No id'}]}").expect(200).json();
        JsonArray results = answer.getJsonArray("results");
        assertEquals(200, results.getJsonObject(0).getInt("status"));
        assertEquals(existing, results.getJsonObject(0).getString("id"));
        assertEquals(201, results.getJsonObject(1).getInt("status"));
        assertEquals(400, results.getJsonObject(2).getInt("status"));
        assertEquals(1, answer.getInt("updated"));
        assertEquals(1, answer.getInt("created"));
        assertEquals("changed", sales.get("/api/v1/leads/by-key/crm/" + key).expect(200).json().getString("topic"));
        assertEquals("Existing", sales.get("/api/v1/leads/by-key/crm/" + key).expect(200).json().getString("lastName"));
    }

    @Test
    void anUpsertCallWrittenWholeCreatesTheNewKeysAndChangesTheLeadsThatHaveTheirs() {
        String a = Api.unique("KeyA");
        String b = Api.unique("KeyB");
        String existing = manager.put("/api/v1/leads/by-key/crm/" + a, "{'lastName':'A','topic':'old'}").expect(201)
                .json().getString("id");
        JsonObject answer = manager.post("/api/v1/leads/bulk", "{'mode':'upsert','atomic':true,'records':["
                + "{'externalSource':'crm','externalId':'" + b + "','lastName':'B'},"
                + "{'externalSource':'crm','externalId':'" + a + "','topic':'new'},"
                + "{'externalSource':'erp','externalId':'" + a + "','lastName':'A of erp'}]}").expect(200).json();
        JsonArray results = answer.getJsonArray("results");
        assertEquals(List.of(201, 200, 201), results.stream().map(r -> r.asJsonObject().getInt("status")).toList(),
                "answered in the records' order; the key of another source is another lead's");
        assertEquals(existing, results.getJsonObject(1).getString("id"));
        assertEquals(2, answer.getInt("created"));
        assertEquals(1, answer.getInt("updated"));
        JsonObject changed = manager.get("/api/v1/leads/by-key/crm/" + a).expect(200).json();
        assertEquals("new", changed.getString("topic"));
        assertEquals("A", changed.getString("lastName"));
        assertEquals(results.getJsonObject(0).getString("id"),
                manager.get("/api/v1/leads/by-key/crm/" + b).expect(200).json().getString("id"));
        assertEquals("A of erp", manager.get("/api/v1/leads/by-key/erp/" + a).expect(200).json().getString("lastName"));

        // a new key twice in one call: the database's unique key refuses the second, and an atomic call writes nothing
        String twice = Api.unique("Twice");
        manager.post("/api/v1/leads/bulk", "{'mode':'upsert','atomic':true,'records':["
                + "{'externalSource':'crm','externalId':'" + twice + "','lastName':'" + twice + "'},"
                + "{'externalSource':'crm','externalId':'" + twice + "','lastName':'" + twice + "'}]}").expect(400);
        manager.get("/api/v1/leads/by-key/crm/" + twice).expect(404);
        assertEquals(0, count(twice));
    }

    @Test
    void aCallThatIsNotOneIsA400NamingWhatIsWrong() {
        sales.post("/api/v1/leads/bulk", "{'records':[{'lastName':'X'}]}").problemNaming(400, "mode");
        sales.post("/api/v1/leads/bulk", "{'mode':'merge','records':[{'lastName':'X'}]}").problemNaming(400, "mode");
        sales.post("/api/v1/leads/bulk", "{'mode':'create','records':[]}").problemNaming(400, "records");
        sales.post("/api/v1/leads/bulk", "{'mode':'create','atomic':'yes','records':[{'lastName':'X'}]}")
                .problemNaming(400, "atomic");
        sales.post("/api/v1/leads/bulk", "{'mode':'create','records':[{'lastName':'X'}],'extra':1}").problemNaming(400, "extra");
        StringBuilder many = new StringBuilder("{'mode':'create','records':[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("{'lastName':'TooMany'}");
        }
        sales.post("/api/v1/leads/bulk", many.append("]}").toString()).problemNaming(400, "records");
        assertEquals(0, count("TooMany"));
        Api.as("operator").post("/api/v1/leads/bulk", "{'mode':'create','records':[{'lastName':'X'}]}").problem(403);
    }
}
