package io.leadscore.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static io.leadscore.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asynchronous plugin steps and kill -9: the sample plugin jar's FlakyPlugin registered on Create, the server
 * killed with one job in progress and others waiting, started again: every job runs once more and each lead
 * gets exactly one creation score. Tagged "restart": it runs after the other integration tests.
 */
@Tag("restart")
class PluginRestartIT {

    private static final Path JAR = Server.SAMPLE_PLUGIN_JAR;
    private static final Api admin = Api.as("admin");
    private static final Api sales = Api.as("sales");
    private static final Api operator = Api.as("operator");
    private static String stepId;

    @BeforeAll
    static void registerTheFlakyPlugin() throws IOException {
        SamplePluginJar.build(JAR);
        Api.await(java.time.Duration.ofSeconds(60), () -> admin.get("/api/v1/plugins").expect(200).json()
                .getJsonArray("value").stream().map(JsonValue::asJsonObject)
                .anyMatch(p -> p.getString("name").equals("FlakyPlugin")), loaded -> loaded);
        stepId = admin.post("/api/v1/plugin-steps", "{'plugin':'FlakyPlugin','message':'Create','entity':'lead',"
                + "'stage':'PostOperation','mode':'Asynchronous','rank':2}").expect(201).json().getString("id");
    }

    @AfterAll
    static void removeIt() throws IOException {
        if (stepId != null) {
            admin.delete("/api/v1/plugin-steps/" + stepId, null);
        }
        Files.deleteIfExists(JAR);
        admin.get("/api/v1/plugins").expect(200);
    }

    private static JsonObject awaitJob(String leadId, String plugin, Predicate<JsonObject> done) {
        List<JsonObject> found = Api.await(java.time.Duration.ofSeconds(90), () -> operator.get("/api/v1/system-jobs?orderBy="
                                + q("createdOn asc") + "&filter=" + q("entityId eq '" + leadId + "'")).expect(200).json()
                        .getJsonArray("value").stream().map(JsonValue::asJsonObject)
                        .filter(j -> j.getString("plugin").equals(plugin)).toList(),
                j -> j.size() == 1 && done.test(j.get(0)));
        return found.get(0);
    }

    @Test
    void jobsInProgressOrWaitingWhenTheServerIsKilledRunAfterItRestarts() throws Exception {
        String slow = sales.createLead("{'lastName':'Interrupted','attributes':{'sleepMs':8000}}").getString("id");
        awaitJob(slow, "FlakyPlugin", j -> j.getString("status").equals("InProgress"));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            created.add(sales.createLead("{'lastName':'Restart','industry':'Finance','attributes':{'sleepMs':200}}").getString("id"));
        }
        Server.kill();
        Server.start();

        JsonObject job = awaitJob(slow, "FlakyPlugin", j -> j.getString("status").equals("Succeeded"));
        assertEquals(2, job.getInt("attempts"), "taken up again once: " + job);
        for (String id : created) {
            JsonObject done = awaitJob(id, "FlakyPlugin", j -> j.getString("status").equals("Succeeded"));
            assertTrue(done.getInt("attempts") <= 2, done.toString());
            JsonObject scoring = awaitJob(id, "LeadScoringPlugin", j -> j.getString("status").equals("Succeeded"));
            assertTrue(scoring.getInt("attempts") <= 2, scoring.toString());
            jakarta.json.JsonArray history = sales.get("/api/v1/leads/" + id + "/score-history").expect(200).array();
            assertEquals(1, history.size(), "exactly one creation score: " + history);
        }
        // registrations survive the restart
        JsonObject step = admin.get("/api/v1/plugin-steps/" + stepId).expect(200).json();
        assertTrue(step.getBoolean("active"), step.toString());
    }
}
