package io.leadscore.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model manager over HTTP against the running server and its demo organisation: deploy, train,
 * publish, score, explain, roll back, unpublish; roles, conflicts and bad configurations.
 * (Filters in JSON bodies spell their quotes as \u0027, since Api turns ' into ".)
 */
class ModelsApiIT {

    private final Api admin = Api.as("admin");
    private final Api sales = Api.as("sales");

    private static final String FINANCE = "{'attributes':['source','jobTitle','email','attributes/TotalVisits',"
            + "'attributes/TimeOnWebsite','attributes/Lead Origin'],'filter':'industry eq \\u0027Finance\\u0027',"
            + "'priority':5,'grades':{'A':70,'B':45,'C':20},'trendThreshold':3}";

    private JsonObject awaitModel(String id, Predicate<JsonObject> done) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            JsonObject m = admin.get("/api/v1/models/" + id).expect(200).json();
            if (done.test(m)) {
                return m;
            }
            assertTrue(Instant.now().isBefore(deadline), "model did not get there: " + m);
            sleep(500);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many scoring jobs ran for a lead. */
    private int systemJobs(String leadId) {
        return admin.get("/api/v1/system-jobs?count=true&top=0&filter=" + Api.q("entityId eq '" + leadId
                + "' and status eq 'Succeeded'")).expect(200).json().getInt("count");
    }

    private static String modelName(JsonObject lead) {
        return lead.isNull("score") ? null : lead.getJsonObject("score").getString("modelName");
    }

    @Test
    void deployTrainPublishScoreRollBackAndRetire() {
        String name = Api.unique("Finance");
        Api.Reply created = admin.put("/api/v1/models/by-name/" + name, FINANCE).expect(201);
        JsonObject model = created.json();
        String id = model.getString("id");
        assertEquals("DRAFT", model.getString("status"));
        assertEquals(JsonValue.NULL, model.get("metrics"));
        assertTrue(created.header("Location").endsWith("/api/v1/models/" + id));
        // deploying the same file again changes nothing
        JsonObject again = admin.put("/api/v1/models/by-name/" + name, FINANCE).expect(200).json();
        assertEquals(model.getInt("version"), again.getInt("version"));

        // an untrained model cannot be published
        admin.post("/api/v1/models/" + id + "/publish").problem(409);

        JsonObject training = admin.post("/api/v1/models/" + id + "/train").expect(202).json();
        assertEquals("TRAINING", training.getString("status"));
        admin.post("/api/v1/models/" + id + "/train").problem(409);
        JsonObject trained = awaitModel(id, m -> !m.getString("status").equals("TRAINING"));
        assertEquals("TRAINED", trained.getString("status"), trained.toString());
        JsonObject metrics = trained.getJsonObject("metrics");
        assertTrue(metrics.getJsonNumber("auc").doubleValue() > 0.6, metrics.toString());
        assertTrue(metrics.getInt("trainingRows") >= 80);
        assertEquals(metrics.getInt("trainingRows"), metrics.getInt("qualified") + metrics.getInt("disqualified"));
        assertTrue(metrics.getJsonNumber("ece").doubleValue() < 0.2);
        assertEquals(1, trained.getInt("latestVersion"));

        JsonObject published = admin.post("/api/v1/models/" + id + "/publish").expect(200).json();
        assertEquals("PUBLISHED", published.getString("status"));
        assertEquals(1, published.getInt("publishedVersion"));
        assertTrue(published.getJsonArray("warnings").getString(0).contains("'Default'"), published.toString());

        // the new model scores Finance leads (higher priority), Default scores the rest
        JsonObject finance = sales.awaitScored(sales.createLead("{'lastName':'Fin','industry':'Finance','source':'Web',"
                + "'email':'fin@bank.example','attributes':{'TotalVisits':12,'TimeOnWebsite':40}}").getString("id"));
        assertEquals(name, modelName(finance));
        JsonObject retail = sales.awaitScored(sales.createLead("{'lastName':'Ret','industry':'Retail'}").getString("id"));
        assertEquals("Default", modelName(retail));
        int value = finance.getJsonObject("score").getInt("value");
        assertEquals(value >= 70 ? "A" : value >= 45 ? "B" : value >= 20 ? "C" : "D",
                finance.getJsonObject("score").getString("grade"));

        JsonObject score = sales.get("/api/v1/leads/" + finance.getString("id") + "/score").expect(200).json();
        assertEquals(value, score.getInt("value"));
        assertTrue(score.getJsonArray("positive").size() <= 5 && score.getJsonArray("negative").size() <= 5);
        List<JsonObject> all = new java.util.ArrayList<>();
        JsonObject full = sales.get("/api/v1/leads/" + finance.getString("id") + "/score?all=true").expect(200).json();
        full.getJsonArray("positive").forEach(v -> all.add(v.asJsonObject()));
        full.getJsonArray("negative").forEach(v -> all.add(v.asJsonObject()));
        assertFalse(all.isEmpty());
        for (JsonObject r : all) {
            assertFalse(r.getString("text").isBlank());
            assertTrue(r.getString("insight").contains("closed lead"), r.toString());
        }
        full.getJsonArray("positive").forEach(v -> assertTrue(v.asJsonObject().getJsonNumber("impact").doubleValue() > 0));
        full.getJsonArray("negative").forEach(v -> assertTrue(v.asJsonObject().getJsonNumber("impact").doubleValue() < 0));

        JsonObject eligibility = sales.get("/api/v1/leads/" + retail.getString("id") + "/eligibility").expect(200).json();
        JsonObject mine = eligibility.getJsonArray("models").stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("modelId").equals(id)).findFirst().orElseThrow();
        assertFalse(mine.getBoolean("applies"));
        assertEquals("filter industry eq 'Finance' is false: industry = 'Retail'", mine.getJsonArray("reasons").getString(0));
        assertFalse(eligibility.getString("scoredBy").equals(id));

        // changing the lead rescores it (an Update job); the trend compares the score with the one before it
        sales.patch("/api/v1/leads/" + finance.getString("id"),
                "{'attributes':{'TotalVisits':0,'TimeOnWebsite':0},'source':'Cold Call'}").expect(200);
        sales.awaitLead(finance.getString("id"), l -> systemJobs(l.getString("id")) >= 2);
        // The trend compares the score with the one before it. The rescore the publish started may score the
        // lead again at any moment (an unchanged value after a decline is then STEADY), so read the lead and
        // its history until both show the same scoring.
        JsonObject newScore;
        jakarta.json.JsonArray history;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (true) {
            newScore = sales.get("/api/v1/leads/" + finance.getString("id")).expect(200).json().getJsonObject("score");
            history = sales.get("/api/v1/leads/" + finance.getString("id") + "/score-history").expect(200).array();
            JsonObject after = sales.get("/api/v1/leads/" + finance.getString("id")).expect(200).json().getJsonObject("score");
            String last = history.getJsonObject(history.size() - 1).getString("scoredOn");
            if (newScore.getString("scoredOn").equals(last) && after.getString("scoredOn").equals(last)) {
                break;
            }
            assertTrue(Instant.now().isBefore(deadline), "the lead and its history never agreed: " + history);
            sleep(200);
        }
        assertTrue(history.size() >= 2, history.toString());
        JsonObject last = history.getJsonObject(history.size() - 1);
        int delta = last.getInt("value") - history.getJsonObject(history.size() - 2).getInt("value");
        assertEquals(newScore.getInt("value"), last.getInt("value"));
        assertEquals(Math.abs(delta) < 3 ? "STEADY" : delta > 0 ? "IMPROVING" : "DECLINING", newScore.getString("trend"));

        // a second version, then a roll back to the first
        admin.post("/api/v1/models/" + id + "/train").expect(202);
        JsonObject v2 = awaitModel(id, m -> !m.getString("status").equals("TRAINING"));
        assertEquals(2, v2.getInt("latestVersion"), v2.toString());
        assertEquals(1, v2.getInt("publishedVersion"));
        assertEquals("PUBLISHED", v2.getString("status"));
        assertEquals(2, admin.post("/api/v1/models/" + id + "/publish").expect(200).json().getInt("publishedVersion"));
        sales.awaitLead(finance.getString("id"), l -> l.getJsonObject("score").getInt("modelVersion") == 2);
        JsonObject rolledBack = admin.post("/api/v1/models/" + id + "/versions/1/publish").expect(200).json();
        assertEquals(1, rolledBack.getInt("publishedVersion"));
        sales.awaitLead(finance.getString("id"), l -> l.getJsonObject("score").getInt("modelVersion") == 1);
        JsonObject versions = admin.get("/api/v1/models/" + id + "/versions").expect(200).json();
        assertEquals(2, versions.getJsonArray("value").size());
        JsonObject version1 = admin.get("/api/v1/models/" + id + "/versions/1").expect(200).json();
        assertTrue(version1.getBoolean("published"));
        assertEquals(64, version1.getString("checksum").length());
        assertTrue(version1.getJsonObject("metrics").getJsonArray("roc").size() > 2);
        admin.post("/api/v1/models/" + id + "/versions/9/publish").problem(404);

        // salespeople read the factors (About tab), not the models
        JsonObject factors = sales.get("/api/v1/models/" + id + "/factors").expect(200).json();
        assertEquals(70, factors.getJsonObject("grades").getInt("A"));
        assertEquals(6, factors.getJsonArray("factors").size());
        sales.get("/api/v1/models/" + id).problem(403);

        // a published model is not deleted; unpublished, its leads go to the next model that covers them
        admin.delete("/api/v1/models/" + id, null).problem(409);
        assertEquals("RETIRED", admin.post("/api/v1/models/" + id + "/unpublish").expect(200).json().getString("status"));
        sales.awaitLead(finance.getString("id"), l -> !l.isNull("score") && !l.getJsonObject("score").getString("modelId").equals(id));
        admin.post("/api/v1/models/" + id + "/unpublish").problem(409);
        admin.delete("/api/v1/models/" + id, null).expect(204);
        admin.get("/api/v1/models/" + id).problem(404);
    }

    @Test
    void tooFewClosedLeadsFailsWithHowManyWereFound() {
        String name = Api.unique("Empty");
        String id = admin.put("/api/v1/models/by-name/" + name,
                "{'attributes':['source'],'filter':'industry eq \\u0027No such industry\\u0027'}").expect(201).json().getString("id");
        admin.post("/api/v1/models/" + id + "/train").expect(202);
        JsonObject failed = awaitModel(id, m -> !m.getString("status").equals("TRAINING"));
        assertEquals("FAILED", failed.getString("status"));
        assertTrue(failed.getString("error").contains("found 0 qualified and 0 disqualified"), failed.getString("error"));
        admin.post("/api/v1/models/" + id + "/publish").problem(409);
        admin.delete("/api/v1/models/" + id, null).expect(204);
    }

    @Test
    void onlySystemAdministratorsManageModels() {
        sales.get("/api/v1/models").problem(403);
        Api.as("manager").put("/api/v1/models/by-name/x", "{'attributes':['source']}").problem(403);
        Api.as("operator").get("/api/v1/models").problem(403);
        Api.anonymous().get("/api/v1/models").expect(401);
        assertTrue(admin.get("/api/v1/models").expect(200).json().getJsonArray("value").stream()
                .anyMatch(m -> m.asJsonObject().getString("name").equals("Default")));
    }

    @Test
    void badConfigurationsAreRejectedNamingTheField() {
        String name = Api.unique("Bad");
        admin.put("/api/v1/models/by-name/" + name, "{'attributes':['colour']}").problemNaming(400, "attributes/0");
        admin.put("/api/v1/models/by-name/" + name, "{'attributes':['source'],'filter':'industry eq'}")
                .problemNaming(400, "filter");
        admin.put("/api/v1/models/by-name/" + name, "{'attributes':['source'],'grades':{'A':50,'B':60,'C':10}}")
                .problemNaming(400, "grades");
        admin.put("/api/v1/models/by-name/" + name, "{'attributes':['source'],'trendThreshold':-2}")
                .problemNaming(400, "trendThreshold");
        admin.post("/api/v1/models", "{'name':'Default','attributes':['source']}").problem(409);
        admin.put("/api/v1/models/by-name/" + name, "not json").problem(400);
        // nothing was created by the rejected requests
        assertTrue(admin.get("/api/v1/models").expect(200).json().getJsonArray("value").stream()
                .noneMatch(m -> m.asJsonObject().getString("name").equals(name)));
        String id = admin.put("/api/v1/models/by-name/" + name, "{'attributes':['source']}").expect(201).json().getString("id");
        admin.patch("/api/v1/models/" + id, "{'status':'PUBLISHED'}").problemNaming(400, "status");
        admin.patch("/api/v1/models/" + id, "{'priority':3}", "W/\"999\"").problem(412);
        assertEquals(3, admin.patch("/api/v1/models/" + id, "{'priority':3}").expect(200).json().getInt("priority"));
        admin.delete("/api/v1/models/" + id, null).expect(204);
    }
}
