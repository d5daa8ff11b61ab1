package io.leadscore.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lead-rescore batch job, started through the platform's API (JobOperator inside) and through Liberty's
 * batch REST API, followed to COMPLETED, failed with a reason, stopped midway and restarted from its checkpoint.
 */
class RescoreIT {

    private static final String MODULE = "{'applicationName':'leadscore','moduleName':'leadscore-batch.jar','componentName':'JobLauncher',"
            + "'jobXMLName':'lead-rescore','jobParameters':%s}";
    private final Api operator = Api.as("operator");
    private final Api sales = Api.as("sales");

    private JsonObject awaitExecution(long id, Predicate<JsonObject> done) {
        return Api.await(java.time.Duration.ofSeconds(120),
                () -> operator.get(Api.BATCH + "/jobexecutions/" + id).expect(200).json(), done);
    }

    /** The newest execution of a job instance, once there is one newer than {@code after}. */
    private long execution(long instanceId, long after) {
        return Api.await(java.time.Duration.ofSeconds(30),
                () -> operator.get(Api.BATCH + "/jobinstances/" + instanceId + "/jobexecutions").expect(200).array()
                        .stream().mapToLong(v -> v.asJsonObject().getJsonNumber("executionId").longValue()).max().orElse(-1),
                newest -> newest > after);
    }

    private static boolean ended(JsonObject e) {
        return !e.getString("batchStatus").matches("STARTING|STARTED|STOPPING");
    }

    private static long[] tally(JsonObject e) {
        String[] words = e.getString("exitStatus").split(" ");
        return new long[]{Long.parseLong(words[0]), Long.parseLong(words[3])};
    }

    @Test
    void aRescoreStartedOverTheApiCompletesAndIsVisibleInTheBatchApi() {
        JsonObject started = operator.post("/api/v1/rescore", "{}").expect(202).json();
        long id = started.getJsonNumber("executionId").longValue();
        assertEquals("lead-rescore", started.getString("jobName"));
        JsonObject done = awaitExecution(id, RescoreIT::ended);
        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
        assertTrue(done.getString("exitStatus").matches("\\d+ leads read, \\d+ new scores; ranges finished by .+ \\d+"),
                done.toString());
        assertTrue(tally(done)[0] >= 400, "every open demo lead is read: " + done);
        JsonObject followed = operator.get("/api/v1/rescore/" + id).expect(200).json();
        assertEquals(done.getString("exitStatus"), followed.getString("exitStatus"));
        JsonObject progress = followed.getJsonObject("progress");
        assertEquals(progress.getInt("ranges"), progress.getInt("rangesDone"), followed.toString());
        assertEquals(tally(done)[0], progress.getJsonNumber("leadsRead").longValue());
        assertEquals(0, progress.getJsonObject("working").size(), "nobody holds a range of a finished rescore");

        // who may start it, and bad options
        sales.post("/api/v1/rescore", "{}").problem(403);
        sales.get("/api/v1/rescore/" + id).problem(403); // its progress names the servers: for operators only
        Api.as("manager").get("/api/v1/rescore/" + id).problem(403);
        Api.as("admin").get("/api/v1/rescore/" + id).expect(200);
        operator.post("/api/v1/rescore", "{'modelId':'01a21d18-0000-7000-8000-000000000000'}").problemNaming(400, "modelId");
        operator.post("/api/v1/rescore", "{'everything':true}").problemNaming(400, "everything");
    }

    @Test
    void aRescoreThatFailsSaysWhyAndARestartWithGoodParametersCompletes() {
        JsonObject instance = operator.post(Api.BATCH + "/jobinstances", String.format(MODULE, "{'partitions':'many'}"))
                .expect(201).json();
        long instanceId = instance.getJsonNumber("instanceId").longValue();
        long first = execution(instanceId, -1);
        JsonObject failed = awaitExecution(first, RescoreIT::ended);
        assertEquals("FAILED", failed.getString("batchStatus"));
        assertTrue(failed.getString("exitStatus").contains("partitions must be a whole number above 0, not 'many'"), failed.toString());

        operator.put(Api.BATCH + "/jobinstances/" + instanceId + "?action=restart",
                "{'jobParameters':{'partitions':'2'}}").expect(200);
        long second = execution(instanceId, first);
        JsonObject done = awaitExecution(second, RescoreIT::ended);
        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
    }

    @Test
    void aStoppedRescoreRestartsFromItsCheckpointReadingEveryLeadOnce() {
        // the open leads the rescore covers: those created within its window (730 days; older ones, which other tests
        // import, are passed by)
        String windowStart = java.time.Instant.now().minus(java.time.Duration.ofDays(730)).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS).toString();
        long total = Api.as("manager").get("/api/v1/leads?top=0&count=true&filter=" + Api.q("status eq 'OPEN' and "
                + "createdOn gt " + windowStart)).expect(200).json().getInt("count");
        // one lead per chunk makes checkpoints fine-grained
        JsonObject instance = operator.post(Api.BATCH + "/jobinstances", String.format(MODULE, "{'chunkSize':'1','partitions':'1'}"))
                .expect(201).json();
        long instanceId = instance.getJsonNumber("instanceId").longValue();
        long first = execution(instanceId, -1);
        awaitExecution(first, e -> !e.getString("batchStatus").equals("STARTING"));
        Api.Reply stop = operator.put(Api.BATCH + "/jobexecutions/" + first + "?action=stop", "{}");
        JsonObject ended = awaitExecution(first, RescoreIT::ended);
        if (ended.getString("batchStatus").equals("COMPLETED")) {
            // it finished before the stop arrived: nothing to restart
            assertEquals(total, tally(ended)[0]);
            return;
        }
        assertEquals(200, stop.status(), stop.body());
        assertEquals("STOPPED", ended.getString("batchStatus"), ended.toString());

        operator.put(Api.BATCH + "/jobinstances/" + instanceId + "?action=restart", "{}").expect(200);
        long second = execution(instanceId, first);
        JsonObject done = awaitExecution(second, RescoreIT::ended);
        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
        // the exit status counts every chunk of the job instance: a lead read again would count twice
        assertEquals(total, tally(done)[0], "every open lead read once over both executions: " + done);
    }

    @Test
    void leadsCreatedBeforeTheWindowAreNotRescored() {
        String run = Api.unique("Window");
        byte[] csv = ("lastName,createdOn,attributes/TotalVisits\n" + run + " Old,2023-06-01,4\n" + run + " New,,4\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String importId = sales.post("/api/v1/imports", "text/csv", csv).expect(202).json().getString("id");
        Api.await(java.time.Duration.ofSeconds(60), () -> sales.get("/api/v1/imports/" + importId).expect(200).json(),
                i -> i.getString("status").equals("Completed"));
        var leads = sales.get("/api/v1/leads?orderBy=lastName&filter=" + Api.q("startswith(lastName, '" + run + "')"))
                .expect(200).json().getJsonArray("value");
        String newId = leads.getJsonObject(0).getString("id");
        String oldId = leads.getJsonObject(1).getString("id");
        sales.awaitScored(newId);
        sales.awaitScored(oldId); // a new lead is scored whatever its age

        JsonObject instance = operator.post(Api.BATCH + "/jobinstances",
                String.format(MODULE, "{'windowDays':'730','partitions':'1'}")).expect(201).json();
        long execution = execution(instance.getJsonNumber("instanceId").longValue(), -1);
        assertEquals("COMPLETED", awaitExecution(execution, RescoreIT::ended).getString("batchStatus"));

        // the first scoring's trend was "not enough info", so a rescore writes a second history row
        assertEquals(2, sales.get("/api/v1/leads/" + newId + "/score-history").expect(200).array().size());
        assertEquals(1, sales.get("/api/v1/leads/" + oldId + "/score-history").expect(200).array().size(),
                "a lead created 2023-06-01 is older than the 730-day window");
    }
}
