package io.leadscore.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.leadscore.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin host with a third-party plugin jar that this test builds and drops into the server's plugin
 * directory: discovery, a declared step, registered steps, a synchronous refusal, a Target changed before the
 * write, the depth guard, retries with backoff, a job failed for good then retried, a canceled job, and jobs
 * taken up again after the server is killed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginJarIT {

    private static final Path JAR = Server.SAMPLE_PLUGIN_JAR;
    private static final List<String> REGISTERED = new ArrayList<>();

    private static final Api admin = Api.as("admin");
    private static final Api sales = Api.as("sales");
    private static final Api operator = Api.as("operator");

    @BeforeAll
    static void dropTheJar() throws IOException {
        SamplePluginJar.build(JAR);
    }

    @AfterAll
    static void removeIt() throws IOException {
        for (String id : REGISTERED) {
            admin.delete("/api/v1/plugin-steps/" + id, null);
        }
        Files.deleteIfExists(JAR);
        admin.get("/api/v1/plugins").expect(200); // looks at the directory again: the jar's steps stop
    }

    private static String register(String json) {
        JsonObject step = admin.post("/api/v1/plugin-steps", json).expect(201).json();
        REGISTERED.add(step.getString("id"));
        return step.getString("id");
    }

    private static String registerPartnerSource() {
        return register("{'plugin':'PartnerSourcePlugin','message':'Create','entity':'lead','stage':'PreValidation',"
                + "'mode':'Synchronous','rank':1}");
    }

    /** Imports a CSV as the salesperson and waits for it to complete. */
    private static JsonObject importCompleted(byte[] csv) {
        String importId = sales.post("/api/v1/imports", "text/csv", csv).expect(202).json().getString("id");
        return Api.await(java.time.Duration.ofSeconds(60), () -> sales.get("/api/v1/imports/" + importId).expect(200).json(),
                i -> i.getString("status").equals("Completed"));
    }

    private static List<JsonObject> leadsStartingWith(String run) {
        return sales.get("/api/v1/leads?orderBy=lastName&filter=" + q("startswith(lastName, '" + run + "')"))
                .expect(200).json().getJsonArray("value").stream().map(JsonValue::asJsonObject).toList();
    }

    private static JsonObject step(String plugin) {
        return admin.get("/api/v1/plugin-steps").expect(200).json().getJsonArray("value").stream()
                .map(JsonValue::asJsonObject).filter(s -> s.getString("plugin").equals(plugin)).findFirst().orElseThrow();
    }

    private static List<JsonObject> jobs(String leadId, String plugin) {
        return operator.get("/api/v1/system-jobs?orderBy=" + q("createdOn asc") + "&filter=" + q("entityId eq '" + leadId + "'"))
                .expect(200).json().getJsonArray("value").stream().map(JsonValue::asJsonObject)
                .filter(j -> j.getString("plugin").equals(plugin)).toList();
    }

    private static JsonObject awaitJob(String leadId, String plugin, Predicate<JsonObject> done) {
        List<JsonObject> found = Api.await(java.time.Duration.ofSeconds(90), () -> jobs(leadId, plugin),
                j -> j.size() == 1 && done.test(j.get(0)));
        return found.get(0);
    }

    private static int leadsNamed(String lastName) {
        return admin.get("/api/v1/leads?count=true&filter=" + q("lastName eq '" + lastName + "'")).expect(200).json().getInt("count");
    }

    @Test
    @Order(1)
    void theJarIsDiscoveredAndTheStepItDeclaresRefusesPartnerLeadsWithoutEmail() {
        JsonObject plugins = admin.get("/api/v1/plugins").expect(200).json();
        List<String> fromJar = plugins.getJsonArray("value").stream().map(JsonValue::asJsonObject)
                .filter(p -> p.getString("source").equals("example-lead-plugins.jar")).map(p -> p.getString("name")).sorted().toList();
        assertEquals(List.of("EchoPlugin", "FlakyPlugin", "PartnerSourcePlugin", "RequireEmailPlugin"), fromJar);
        JsonObject declared = step("RequireEmailPlugin");
        assertTrue(declared.getBoolean("declared") && declared.getBoolean("active") && declared.getBoolean("enabled"), declared.toString());
        assertEquals("PreOperation", declared.getString("stage"));

        String name = Api.unique("NoEmail");
        JsonObject refused = sales.post("/api/v1/leads", "{'lastName':'" + name + "','businessProcess':'Partner'}").problem(400);
        assertEquals("A Partner lead needs an email address", refused.getString("detail"));
        assertEquals(0, leadsNamed(name), "nothing written");
        sales.post("/api/v1/leads", "{'lastName':'" + name + "','businessProcess':'Partner','email':'p@example.org'}").expect(201);
        sales.post("/api/v1/leads", "{'lastName':'" + name + "','businessProcess':'Standard'}").expect(201);
        assertEquals(2, leadsNamed(name));

        // administrators disable a declared step; they cannot change what it is bound to
        admin.patch("/api/v1/plugin-steps/" + declared.getString("id"), "{'stage':'PreValidation'}").problemNaming(400, "message");
        admin.patch("/api/v1/plugin-steps/" + declared.getString("id"), "{'enabled':false}").expect(200);
        sales.post("/api/v1/leads", "{'lastName':'" + name + "','businessProcess':'Partner'}").expect(201);
        admin.patch("/api/v1/plugin-steps/" + declared.getString("id"), "{'enabled':true}").expect(200);
        admin.delete("/api/v1/plugin-steps/" + declared.getString("id"), null).problem(409);
        operator.post("/api/v1/plugin-steps", "{}").problem(403);
        sales.get("/api/v1/plugin-steps").problem(403);
    }

    @Test
    @Order(2)
    void aPreValidationStepChangesTheTargetBeforeItIsWritten() {
        String id = registerPartnerSource();
        JsonObject lead = sales.createLead("{'lastName':'Sourced','businessProcess':'Partner','email':'s@example.org'}");
        assertEquals("Partner portal", lead.getString("source"));
        // the changed Target is validated as a client's input would be, and written once
        assertEquals("Partner portal", sales.get("/api/v1/leads/" + lead.getString("id")).expect(200).json().getString("source"));
        admin.patch("/api/v1/plugin-steps/" + id, "{'enabled':false}").expect(200);
        JsonObject unchanged = sales.createLead("{'lastName':'Unsourced','businessProcess':'Partner','email':'u@example.org'}");
        assertTrue(unchanged.isNull("source"), unchanged.toString());
    }

    @Test
    @Order(3)
    void aStepThatTriggersItselfIsStoppedAtTheDepthLimitAndNothingIsWritten() {
        register("{'plugin':'EchoPlugin','message':'Update','entity':'lead','stage':'PostOperation','mode':'Synchronous',"
                + "'filteringAttributes':['attributes/echo'],'rank':1}");
        JsonObject lead = sales.createLead("{'lastName':'Echo'}");
        String id = lead.getString("id");
        JsonObject loop = sales.patch("/api/v1/leads/" + id, "{'attributes':{'echo':0}}").problem(400);
        assertTrue(loop.getString("detail").contains("depth 9"), loop.toString());
        JsonObject after = sales.get("/api/v1/leads/" + id).expect(200).json();
        assertEquals(lead.getInt("version"), after.getInt("version"), "rolled back");
        assertFalse(after.getJsonObject("attributes").containsKey("echo"));
        // a change of another attribute does not run the step
        sales.patch("/api/v1/leads/" + id, "{'topic':'No echo'}").expect(200);
    }

    @Test
    @Order(4)
    void aPluginThatBreaksIsAServerErrorWithTheCorrelationIdAndNothingIsWritten() {
        String id = register("{'plugin':'FlakyPlugin','message':'Update','entity':'lead','stage':'PreOperation',"
                + "'mode':'Synchronous','filteringAttributes':['topic'],'rank':1}");
        JsonObject lead = sales.createLead("{'lastName':'Broken','attributes':{'failTimes':99}}");
        JsonObject problem = sales.patch("/api/v1/leads/" + lead.getString("id"), "{'topic':'Breaks'}").problem(500);
        assertTrue(problem.getString("detail").contains("FlakyPlugin"), problem.toString());
        assertTrue(problem.toString().matches(".*[0-9a-f]{8}-[0-9a-f]{4}-.*"), "a correlation id: " + problem);
        assertTrue(sales.get("/api/v1/leads/" + lead.getString("id")).expect(200).json().isNull("topic"), "rolled back");
        admin.delete("/api/v1/plugin-steps/" + id, null).expect(204);
        REGISTERED.remove(id);
    }

    @Test
    @Order(4)
    void aHungSynchronousStepIsInterruptedAtItsTimeLimitAndNothingIsWritten() {
        String id = register("{'plugin':'FlakyPlugin','message':'Update','entity':'lead','stage':'PreOperation',"
                + "'mode':'Synchronous','filteringAttributes':['topic'],'rank':1}");
        try {
            // the step sleeps a minute, as a call to a service that never answers would hang; the limit is 10 s here
            JsonObject lead = sales.createLead("{'lastName':'Hung','attributes':{'sleepMs':60000}}");
            long started = System.nanoTime();
            JsonObject problem = sales.patch("/api/v1/leads/" + lead.getString("id"), "{'topic':'Hangs'}").problem(500);
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertTrue(seconds >= 9 && seconds < 40, "answered after " + seconds + " s, at the limit, not after the minute");
            assertTrue(problem.getString("detail").contains("FlakyPlugin"), problem.toString());
            assertTrue(sales.get("/api/v1/leads/" + lead.getString("id")).expect(200).json().isNull("topic"), "rolled back");
            // the thread that ran it serves the next request as usual
            sales.patch("/api/v1/leads/" + lead.getString("id"), "{'attributes':{'sleepMs':0}}").expect(200);
        } finally {
            admin.delete("/api/v1/plugin-steps/" + id, null).expect(204);
            REGISTERED.remove(id);
        }
    }

    @Test
    @Order(5)
    void anAsynchronousStepIsRetriedWithBackoffUntilItSucceeds() {
        register("{'plugin':'FlakyPlugin','message':'Create','entity':'lead','stage':'PostOperation','mode':'Asynchronous','rank':2}");
        String id = sales.createLead("{'lastName':'Flaky','attributes':{'failTimes':2}}").getString("id");
        JsonObject job = awaitJob(id, "FlakyPlugin", j -> j.getString("status").equals("Succeeded"));
        assertEquals(3, job.getInt("attempts"));
        assertTrue(job.isNull("error"));
        assertEquals(3, sales.get("/api/v1/leads/" + id).expect(200).json().getJsonObject("attributes").getInt("flakyDone"));
        // the scoring step of the same save ran on its own
        sales.awaitScored(id);
    }

    @Test
    @Order(6)
    void aPluginThatThrowsAnErrorFailsItsJobInsteadOfLeavingItInProgress() {
        String id = sales.createLead("{'lastName':'Erroneous','attributes':{'throwError':true}}").getString("id");
        JsonObject failed = awaitJob(id, "FlakyPlugin", j -> j.getString("status").equals("Failed"));
        assertTrue(failed.getString("error").contains("flaky: an Error, not an exception"), failed.toString());
        sales.awaitScored(id); // the other steps of the save ran
    }

    @Test
    @Order(6)
    void aJobThatKeepsFailingEndsFailedWithItsErrorAndAnOperatorRetriesIt() {
        String id = sales.createLead("{'lastName':'Failing','attributes':{'failTimes':5}}").getString("id");
        JsonObject failed = awaitJob(id, "FlakyPlugin", j -> j.getString("status").equals("Failed"));
        assertEquals(5, failed.getInt("attempts"));
        assertTrue(failed.getString("error").contains("flaky: call 5 of 5"), failed.toString());
        JsonObject listed = operator.get("/api/v1/system-jobs?count=true&filter=" + q("status eq 'Failed' and entityId eq '" + id + "'"))
                .expect(200).json();
        assertEquals(1, listed.getInt("count"));

        operator.post("/api/v1/system-jobs/" + failed.getString("id") + "/retry").expect(200);
        JsonObject retried = awaitJob(id, "FlakyPlugin", j -> j.getString("status").equals("Succeeded"));
        assertEquals(1, retried.getInt("attempts"));
        assertEquals(6, sales.get("/api/v1/leads/" + id).expect(200).json().getJsonObject("attributes").getInt("flakyDone"));
    }

    @Test
    @Order(7)
    void aWaitingJobIsCanceledAndStaysCanceled() {
        String id = sales.createLead("{'lastName':'Canceled','attributes':{'failTimes':4}}").getString("id");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonObject canceled = null;
        while (canceled == null) {
            JsonObject job = awaitJob(id, "FlakyPlugin", j -> j.getString("status").equals("Waiting") && j.getInt("attempts") >= 1);
            Api.Reply r = operator.post("/api/v1/system-jobs/" + job.getString("id") + "/cancel");
            if (r.status() == 200) {
                canceled = r.json();
            } else {
                assertEquals(409, r.status()); // it had just started its next attempt: try in its next wait
                assertTrue(System.nanoTime() < deadline);
            }
        }
        assertEquals("Canceled", canceled.getString("status"));
        Api.pause(5_000); // longer than the backoff it was waiting for
        JsonObject job = jobs(id, "FlakyPlugin").get(0);
        assertEquals("Canceled", job.getString("status"), job.toString());
        assertFalse(sales.get("/api/v1/leads/" + id).expect(200).json().getJsonObject("attributes").containsKey("flakyDone"));
    }

    @Test
    @Order(8)
    void anImportsJobsRunTogetherAndALeadWhosePluginFailsDoesNotHoldBackTheOthers() {
        // FlakyPlugin runs batches (Plugin.batched): the jobs of an import's chunk run in one transaction,
        // and when one of them fails there, each runs again on its own
        String run = Api.unique("Batch");
        byte[] csv = ("lastName,attributes/failTimes\n" + run + " A,0\n" + run + " B,9\n" + run + " C,0\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        importCompleted(csv);
        List<JsonObject> leads = leadsStartingWith(run);
        assertEquals(3, leads.size());
        for (int i : new int[]{0, 2}) {
            String id = leads.get(i).getString("id");
            awaitJob(id, "FlakyPlugin", j -> j.getString("status").equals("Succeeded"));
            assertTrue(sales.get("/api/v1/leads/" + id).expect(200).json().getJsonObject("attributes").containsKey("flakyDone"));
            sales.awaitScored(id);
        }
        String failing = leads.get(1).getString("id");
        sales.awaitScored(failing); // its scoring job is not held back either
        JsonObject failed = awaitJob(failing, "FlakyPlugin", j -> j.getString("status").equals("Failed"));
        assertTrue(failed.getString("error").contains("flaky: call"), failed.toString());
        assertFalse(sales.get("/api/v1/leads/" + failing).expect(200).json().getJsonObject("attributes").containsKey("flakyDone"));
    }

    @Test
    @Order(9)
    void anImportsRowsGoThroughTheSynchronousStepsAndARefusedRowIsRejectedWithThePluginsReason() {
        // a chunk's leads are written together; RequireEmailPlugin (PreOperation) refuses one of them, so the
        // chunk is written again row by row and only that row is rejected; PartnerSourcePlugin (PreValidation)
        // fills in the source of the others before they are written
        String step = registerPartnerSource();
        String run = Api.unique("Chunk");
        byte[] csv = ("lastName,businessProcess,email,source,attributes/visits\n"
                + run + " A,Partner,a@example.org,,3\n"
                + run + " B,Partner,,,4\n"
                + run + " C,Partner,c@example.org,Trade show,5\n"
                + run + " D,Standard,,,6\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonObject done = importCompleted(csv);
        admin.patch("/api/v1/plugin-steps/" + step, "{'enabled':false}").expect(200);
        assertEquals(3, done.getInt("rowsImported"), done.toString());
        assertEquals(1, done.getInt("rowsRejected"), done.toString());
        JsonObject error = done.getJsonArray("errors").getJsonObject(0);
        assertEquals(2, error.getInt("row"));
        assertEquals("A Partner lead needs an email address", error.getString("message"));
        List<JsonObject> leads = leadsStartingWith(run);
        assertEquals(List.of(run + " A", run + " C", run + " D"), leads.stream().map(l -> l.getString("lastName")).toList());
        assertEquals("Partner portal", leads.get(0).getString("source"));
        assertEquals("Trade show", leads.get(1).getString("source"));
        assertTrue(leads.get(2).isNull("source"), leads.get(2).toString());
        assertEquals(3, leads.get(0).getJsonObject("attributes").getInt("visits"));
        sales.awaitScored(leads.get(0).getString("id"));
        sales.awaitScored(leads.get(2).getString("id"));
    }
}
