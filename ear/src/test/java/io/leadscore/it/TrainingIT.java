package io.leadscore.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model-train batch job: started by an administrator's train request and through Liberty's batch REST API,
 * followed to COMPLETED; a failure says why and a restart after the fix completes; the publish policy of
 * auto-retraining (Dynamics' 95 % rule); a training interrupted by kill -9 runs again after the restart.
 */
class TrainingIT {

    private static final String JOB = "{'applicationName':'leadscore','moduleName':'leadscore-batch.jar',"
            + "'componentName':'JobLauncher','jobXMLName':'model-train','jobParameters':%s}";
    /** Healthcare leads: no other test creates any, so the rescores after these models' publishes disturb none. */
    private static final String HEALTHCARE = "{'attributes':['source','jobTitle','email','attributes/TotalVisits',"
            + "'attributes/TimeOnWebsite','attributes/Lead Origin'],'filter':'industry eq \\u0027Healthcare\\u0027'}";
    private final Api admin = Api.as("admin");
    private final Api operator = Api.as("operator");

    private String deploy(String name, String json) {
        return admin.put("/api/v1/models/by-name/" + Api.unique(name), json).expect(201).json().getString("id");
    }

    private JsonObject model(String id) {
        return admin.get("/api/v1/models/" + id).expect(200).json();
    }

    private JsonObject awaitExecution(long id, Predicate<JsonObject> done) {
        return Api.await(Duration.ofMinutes(3), () -> operator.get(Api.BATCH + "/jobexecutions/" + id).expect(200).json(), done);
    }

    private static boolean ended(JsonObject e) {
        return !e.getString("batchStatus").matches("STARTING|STARTED|STOPPING");
    }

    /**
     * The newest model-train execution for a model, once there is one newer than {@code after}. (Instances
     * still SUBMITTED are left alone: Liberty's REST API fails on an instance whose execution it is creating.)
     */
    private JsonObject executionFor(String modelId, long after) {
        return Api.await(Duration.ofSeconds(60), () -> operator.get(Api.BATCH + "/v4/jobinstances?jobName=model-train"
                                + "&jobParameter.modelId=" + modelId).expect(200).array().stream()
                        .map(i -> i.asJsonObject()).filter(i -> !i.getString("instanceState").equals("SUBMITTED"))
                        .map(i -> i.getJsonNumber("instanceId").longValue())
                        .flatMap(i -> operator.get(Api.BATCH + "/jobinstances/" + i + "/jobexecutions").expect(200)
                                .array().stream().map(v -> v.asJsonObject()))
                        .max(java.util.Comparator.comparingLong(e -> e.getJsonNumber("executionId").longValue()))
                        .orElse(null),
                e -> e != null && e.getJsonNumber("executionId").longValue() > after);
    }

    private long start(String jobParameters) {
        return start(operator, jobParameters);
    }

    /** Submits a model-train job over Liberty's batch REST API as {@code submitter}; answers its execution id. */
    private long start(Api submitter, String jobParameters) {
        long instance = submitter.post(Api.BATCH + "/jobinstances", String.format(JOB, jobParameters)).expect(201).json()
                .getJsonNumber("instanceId").longValue();
        return Api.await(Duration.ofSeconds(60), () -> operator.get(Api.BATCH + "/jobinstances/" + instance + "/jobexecutions")
                        .expect(200).array().stream().mapToLong(v -> v.asJsonObject().getJsonNumber("executionId").longValue())
                        .max().orElse(-1), e -> e > 0);
    }

    private static long id(JsonObject execution) {
        return execution.getJsonNumber("executionId").longValue();
    }

    @Test
    void anAdministratorsTrainingRunsAsAModelTrainJobOperatorsSee() {
        String id = deploy("Trained", HEALTHCARE);
        assertEquals("TRAINING", admin.post("/api/v1/models/" + id + "/train").expect(202).json().getString("status"));
        JsonObject execution = executionFor(id, 0);
        assertEquals("admin", execution.getJsonObject("jobParameters").getString("requestedBy"), execution.toString());
        assertEquals("never", execution.getJsonObject("jobParameters").getString("publish"));
        JsonObject done = awaitExecution(id(execution), TrainingIT::ended);
        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
        assertTrue(done.getString("exitStatus").matches("version 1 trained on \\d+ leads, AUC 0\\.\\d{4}; kept TRAINED "
                + "for an administrator to publish"), done.getString("exitStatus"));
        JsonObject m = model(id);
        assertEquals("TRAINED", m.getString("status"));
        assertTrue(done.getString("exitStatus").contains(String.format(java.util.Locale.ROOT, "AUC %.4f",
                m.getJsonObject("metrics").getJsonNumber("auc").doubleValue())), "the job reports the model's AUC");
        // gradient-boosted trees (XGBoost, native code in the server's library) taught beside the networks
        JsonObject metrics = m.getJsonObject("metrics");
        assertTrue(metrics.getInt("treeRounds") >= 1, metrics.toString());
        double share = metrics.getJsonNumber("treeShare").doubleValue();
        assertTrue(share >= 0 && share <= 1, metrics.toString());
    }

    /**
     * Leads of a business process of their own: 120 closed (half qualified) and 40 open. Visits help (qualified
     * leads have four more), a lost reason is written on every disqualified lead as it closes (open leads never
     * have one), Noise says nothing. Answers the business process.
     */
    private String importLeakyLeads() {
        String process = Api.unique("Leaky");
        StringBuilder csv = new StringBuilder("lastName,status,createdOn,closedOn,businessProcess,Visits,LostReason,Noise\n");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 160; i++) {
            boolean qualified = i % 2 == 0;
            String status = i < 120 ? (qualified ? "QUALIFIED" : "DISQUALIFIED") : "OPEN";
            String lost = status.equals("DISQUALIFIED") ? (random.nextBoolean() ? "Budget" : "No answer") : "";
            String closedOn = status.equals("OPEN") ? "" : "2026-03-01";
            // a qualified and a disqualified lead a day: the newest closed leads have the lost reason as often as all
            String createdOn = java.time.LocalDate.of(2025, 12, 1).plusDays(i / 2).toString();
            csv.append("L").append(i).append(',').append(status).append(',').append(createdOn).append(',').append(closedOn).append(',')
                    .append(process).append(',').append(random.nextInt(9) + (qualified ? 4 : 0)).append(',').append(lost)
                    .append(',').append(random.nextBoolean() ? "red" : "blue").append('\n');
        }
        String importId = admin.post("/api/v1/imports", "text/csv", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .expect(202).json().getString("id");
        JsonObject imported = Api.await(Duration.ofSeconds(120), () -> admin.get("/api/v1/imports/" + importId).expect(200)
                .json(), i -> !i.getString("status").matches("Waiting|Running"));
        assertEquals(160, imported.getInt("rowsImported"), imported.toString());
        return process;
    }

    /** Trains the model as its administrator does and waits for the version (asserting TRAINED); answers the model. */
    private JsonObject trainAndAwait(String id) {
        admin.post("/api/v1/models/" + id + "/train").expect(202);
        JsonObject m = Api.await(Duration.ofMinutes(3), () -> model(id), x -> !x.getString("status").equals("TRAINING"));
        assertEquals("TRAINED", m.getString("status"), m.toString());
        return m;
    }

    private static java.util.Map<String, JsonObject> byPath(jakarta.json.JsonArray ranking) {
        java.util.Map<String, JsonObject> m = new java.util.HashMap<>();
        ranking.forEach(v -> m.put(v.asJsonObject().getString("path"), v.asJsonObject()));
        return m;
    }

    @Test
    void autoRanksEveryAttributeKeepsWhatHelpsAndTheAdministratorPinsAndDrops() {
        String process = importLeakyLeads();
        String id = deploy("Auto", "{'businessProcess':'" + process + "','attributes':'auto'}");
        assertEquals("auto", model(id).getString("attributes"));

        java.util.Map<String, JsonObject> suggested = byPath(admin.post("/api/v1/models/" + id + "/suggest-attributes")
                .expect(200).json().getJsonArray("value"));
        assertTrue(suggested.get("attributes/Visits").getBoolean("chosen"), suggested.get("attributes/Visits").toString());
        assertTrue(suggested.get("attributes/Visits").getJsonNumber("gain").doubleValue() > 0.1);
        JsonObject lost = suggested.get("attributes/LostReason");
        assertTrue(!lost.getBoolean("chosen") && lost.getString("why").startsWith("may leak the outcome"), lost.toString());
        assertTrue(!lost.getJsonArray("warnings").isEmpty());
        assertTrue(!suggested.get("attributes/Noise").getBoolean("chosen"), suggested.get("attributes/Noise").toString());
        assertTrue(suggested.containsKey("industry") && suggested.containsKey("account/industry"),
                "every attribute a model may read is ranked: " + suggested.keySet());
        // a person's name and the lead's key elsewhere are ranked, but learnt from only when pinned
        for (String who : java.util.List.of("lastName", "firstName", "externalId", "contact/lastName")) {
            JsonObject r = suggested.get(who);
            assertTrue(!r.getBoolean("chosen") && r.getString("why").endsWith("kept only when pinned"), r.toString());
        }
        java.util.Map<String, JsonObject> offered = byPath(admin.get("/api/v1/models/attributes").expect(200).json()
                .getJsonArray("value"));
        assertTrue(offered.get("externalId").getString("autoLeavesOut").startsWith("the lead's key"),
                offered.get("externalId").toString());
        for (String offeredToAuto : java.util.List.of("industry", "externalSource", "email")) {
            assertTrue(!offered.get(offeredToAuto).containsKey("autoLeavesOut"), offered.get(offeredToAuto).toString());
        }

        JsonObject m = trainAndAwait(id);
        java.util.Map<String, JsonObject> trained = byPath(m.getJsonObject("metrics").getJsonArray("attributeRanking"));
        assertTrue(trained.get("attributes/Visits").getBoolean("chosen"), "the version keeps its chosen list");
        java.util.List<String> factors = admin.get("/api/v1/models/" + id + "/factors").expect(200).json()
                .getJsonArray("factors").stream().map(v -> v.asJsonObject().getString("attribute")).toList();
        assertTrue(factors.contains("attributes/Visits") && !factors.contains("attributes/LostReason"), factors.toString());

        admin.patch("/api/v1/models/" + id, "{'pinned':['attributes/Noise'],'dropped':['attributes/Visits']}",
                "\"" + m.getInt("version") + "\"").expect(200);
        java.util.Map<String, JsonObject> steered = byPath(admin.post("/api/v1/models/" + id + "/suggest-attributes")
                .expect(200).json().getJsonArray("value"));
        assertEquals("pinned by an administrator", steered.get("attributes/Noise").getString("why"));
        assertTrue(steered.get("attributes/Noise").getBoolean("chosen"));
        assertEquals("dropped by an administrator", steered.get("attributes/Visits").getString("why"));
        assertTrue(!steered.get("attributes/Visits").getBoolean("chosen"));
    }

    @Test
    void aPublishedModelWhoseOpenLeadsMovedIsFoundDriftingWithTheAttributesThatMoved() {
        String process = importLeakyLeads();
        String id = deploy("Drift", "{'businessProcess':'" + process + "','attributes':['attributes/Visits','attributes/Noise']}");
        JsonObject trained = trainAndAwait(id);
        assertTrue(trained.isNull("drift"), "not checked yet");
        admin.post("/api/v1/models/" + id + "/drift").problem(409); // only a published version is checked
        admin.post("/api/v1/models/" + id + "/publish").expect(200);

        JsonObject first = admin.post("/api/v1/models/" + id + "/drift").expect(200).json();
        assertEquals(40, first.getInt("leads"), "the open leads the model scores: " + first);
        assertEquals(1, first.getInt("version"));
        assertTrue(first.containsKey("scorePsi") && !first.isNull("scorePsi"), first.toString());

        // 200 new open leads with far more visits than any lead it learnt from
        StringBuilder csv = new StringBuilder("lastName,businessProcess,Visits,Noise\n");
        for (int i = 0; i < 200; i++) {
            csv.append("New").append(i).append(',').append(process).append(",40,").append(i % 2 == 0 ? "red" : "blue")
                    .append('\n');
        }
        String importId = admin.post("/api/v1/imports", "text/csv", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .expect(202).json().getString("id");
        Api.await(Duration.ofSeconds(120), () -> admin.get("/api/v1/imports/" + importId).expect(200).json(),
                i -> i.getString("status").equals("Completed"));

        JsonObject moved = admin.post("/api/v1/models/" + id + "/drift").expect(200).json();
        assertEquals(240, moved.getInt("leads"), moved.toString());
        assertTrue(moved.getBoolean("drifting"), moved.toString());
        JsonObject visits = moved.getJsonArray("attributes").getJsonObject(0);
        assertEquals("attributes/Visits", visits.getString("path"), moved.toString());
        assertTrue(visits.getJsonNumber("psi").doubleValue() >= 0.25, moved.toString());
        assertTrue(moved.getJsonArray("attributes").stream().noneMatch(a -> a.asJsonObject().getString("path")
                .equals("attributes/Noise")), "the noise did not move: " + moved);
        assertTrue(moved.getJsonNumber("scorePsi").doubleValue() >= 0.25, "the scores moved with the visits: " + moved);

        assertEquals(moved, model(id).getJsonObject("drift"), "the model keeps its last check");
        String app = Api.anonymous().get("/metrics?scope=application").expect(200).body();
        assertTrue(java.util.regex.Pattern.compile("models_drifting\\{[^}]*} [1-9]").matcher(app).find(), app);
        admin.post("/api/v1/models/" + id + "/unpublish").expect(200);
        assertTrue(model(id).isNull("drift"), "an unpublished model has no drift to show");
    }

    @Test
    void trainingWarnsOfAnAttributeWrittenWhenALeadClosesWithTheFiguresThatShowWhy() {
        String process = importLeakyLeads();

        String id = deploy("Leaky", "{'businessProcess':'" + process + "','attributes':['attributes/Visits','attributes/LostReason']}");
        JsonObject m = trainAndAwait(id);
        java.util.List<JsonObject> warnings = m.getJsonObject("metrics").getJsonArray("warnings").stream()
                .map(v -> v.asJsonObject()).toList();
        JsonObject fill = warnings.stream().filter(w -> w.getString("kind").equals("filled-when-closed")).findFirst()
                .orElseThrow(() -> new AssertionError(warnings.toString()));
        assertEquals("attributes/LostReason", fill.getString("attribute"));
        assertEquals(0.5, fill.getJsonNumber("filledClosed").doubleValue(), 1e-9);
        assertEquals(0.0, fill.getJsonNumber("filledOpen").doubleValue(), 1e-9);
        assertEquals(0.5, fill.getJsonNumber("filledNewest").doubleValue(), 1e-9);
        assertTrue(fill.getString("text").startsWith("LostReason is filled in on 50 % of the closed leads (50 % of the "
                + "newest) but on 0 % of the open ones"), fill.getString("text"));
        assertTrue(warnings.stream().anyMatch(w -> w.getString("kind").equals("separates")
                && w.getString("attribute").equals("attributes/LostReason")), warnings.toString());
        assertTrue(warnings.stream().noneMatch(w -> w.getString("attribute").equals("attributes/Visits")), warnings.toString());
    }

    @Test
    void aFailedTrainingSaysWhyAndARestartAfterTheFixCompletes() {
        String id = deploy("Empty", "{'attributes':['source'],'filter':'lastName eq \\u0027Nobody at all\\u0027'}");
        long first = start("{'modelId':'" + id + "'}");
        JsonObject failed = awaitExecution(first, TrainingIT::ended);
        assertEquals("FAILED", failed.getString("batchStatus"));
        assertTrue(failed.getString("exitStatus").startsWith("FAILED: ") && failed.getString("exitStatus")
                .contains("closed leads that the model's business process and filter select"), failed.toString());
        JsonObject m = model(id);
        assertEquals("FAILED", m.getString("status"));
        assertTrue(failed.getString("exitStatus").endsWith(m.getString("error")), "the job and the model say the same: "
                + m.getString("error"));

        admin.patch("/api/v1/models/" + id, "{'filter':'industry eq \\u0027Healthcare\\u0027'}", "\"" + m.getInt("version") + "\"")
                .expect(200);
        long instance = failed.getJsonNumber("instanceId").longValue();
        operator.put(Api.BATCH + "/jobinstances/" + instance + "?action=restart&reusePreviousParams=true", "{}").expect(200);
        JsonObject restarted = Api.await(Duration.ofSeconds(60), () -> operator.get(Api.BATCH + "/jobinstances/"
                        + instance + "/jobexecutions").expect(200).array().get(0).asJsonObject(), e -> id(e) > first);
        JsonObject done = awaitExecution(id(restarted), TrainingIT::ended);
        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
        assertEquals("TRAINED", model(id).getString("status"));

        // bad parameters fail the job with the reason and leave the model as it was
        JsonObject bad = awaitExecution(start("{'modelId':'" + id + "','publish':'sometimes'}"), TrainingIT::ended);
        assertEquals("FAILED: Job parameter publish must be never, always or auto, not 'sometimes'", bad.getString("exitStatus"));
        assertEquals("TRAINED", model(id).getString("status"));
    }

    @Test
    void anOperatorCannotHaveATrainingPublishItsVersion() {
        String id = deploy("NotYours", HEALTHCARE);
        for (String policy : new String[]{"always", "auto"}) {
            JsonObject refused = awaitExecution(start("{'modelId':'" + id + "','publish':'" + policy + "'}"), TrainingIT::ended);
            assertEquals("FAILED", refused.getString("batchStatus"), refused.toString());
            assertTrue(refused.getString("exitStatus").startsWith("FAILED: Only a System Administrator may have a "
                    + "training publish its version; the job was submitted by operator"), refused.getString("exitStatus"));
            JsonObject m = model(id);
            assertEquals("DRAFT", m.getString("status"), m.toString());
            assertEquals(jakarta.json.JsonValue.NULL, m.getOrDefault("publishedVersion", jakarta.json.JsonValue.NULL), m.toString());
        }
        // the same job with publish=never trains and publishes nothing
        JsonObject trained = awaitExecution(start("{'modelId':'" + id + "','publish':'never'}"), TrainingIT::ended);
        assertEquals("COMPLETED", trained.getString("batchStatus"), trained.toString());
        assertEquals("TRAINED", model(id).getString("status"));
    }

    @Test
    void autoPublishesANewVersionAsGoodAsThePublishedOneAndKeepsAWorseOneTrained() {
        String id = deploy("Auto", HEALTHCARE);
        JsonObject first = awaitExecution(start(admin, "{'modelId':'" + id + "','publish':'always'}"), TrainingIT::ended);
        assertTrue(first.getString("exitStatus").endsWith("published as asked"), first.toString());
        assertEquals(1, model(id).getInt("publishedVersion"));

        // the same data gives the same model: as good, so published
        JsonObject same = awaitExecution(start(admin, "{'modelId':'" + id + "','publish':'auto'}"), TrainingIT::ended);
        assertTrue(same.getString("exitStatus").matches(".*; published: AUC (0\\.\\d{4}) is at least 95% of the "
                + "published version's \\1"), same.getString("exitStatus"));
        assertEquals(2, model(id).getInt("publishedVersion"));

        // an administrator narrows the attributes to one that tells little: the next version stays TRAINED
        admin.patch("/api/v1/models/" + id, "{'attributes':['country']}", "\"" + model(id).getInt("version") + "\"")
                .expect(200);
        JsonObject worse = awaitExecution(start(admin, "{'modelId':'" + id + "','publish':'auto'}"), TrainingIT::ended);
        assertEquals("COMPLETED", worse.getString("batchStatus"));
        assertTrue(worse.getString("exitStatus").contains("; kept TRAINED: AUC "), worse.getString("exitStatus"));
        JsonObject m = model(id);
        assertEquals(2, m.getInt("publishedVersion"), "the published version keeps scoring");
        assertEquals(3, m.getInt("latestVersion"));
        assertEquals("PUBLISHED", m.getString("status"));
        admin.post("/api/v1/models/" + id + "/unpublish").expect(200);
    }

    @Test
    @Tag("restart")
    void aTrainingInterruptedByKillMinus9RunsAgainAfterTheRestartWithItsPublishPolicy() throws Exception {
        // every closed lead and eight attributes: long enough a training to be killed in the middle of it
        String id = deploy("Interrupted", "{'attributes':['industry','source','jobTitle','country','email',"
                + "'attributes/TotalVisits','attributes/TimeOnWebsite','attributes/Lead Origin']}");
        long first = start(admin, "{'modelId':'" + id + "','publish':'auto'}");
        awaitExecution(first, e -> !e.getString("batchStatus").equals("STARTING"));
        Api.await(Duration.ofSeconds(30), () -> model(id).getString("status"), "TRAINING"::equals);
        Server.kill();
        Server.start();

        JsonObject killed = operator.get(Api.BATCH + "/jobexecutions/" + first).expect(200).json();
        if (!killed.getString("batchStatus").equals("COMPLETED")) {
            assertNotEquals("STARTED", killed.getString("batchStatus"), "a killed execution is not left running");
            JsonObject again = executionFor(id, first);
            assertEquals("auto", again.getJsonObject("jobParameters").getString("publish"), again.toString());
            JsonObject done = awaitExecution(id(again), TrainingIT::ended);
            assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
            assertTrue(done.getString("exitStatus").endsWith("kept TRAINED: no version is published to compare it with"),
                    done.getString("exitStatus"));
        }
        JsonObject m = Api.await(Duration.ofMinutes(3), () -> model(id), x -> !x.getString("status").equals("TRAINING"));
        assertEquals("TRAINED", m.getString("status"), m.toString());
        assertEquals(1, m.getInt("latestVersion"), "one version: the interrupted training stored none");
    }
}
