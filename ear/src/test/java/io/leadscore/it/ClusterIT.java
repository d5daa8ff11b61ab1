package io.leadscore.it;

import jakarta.json.JsonArray;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two Liberty servers on one PostgreSQL database (issue 19): the build's PostgreSQL test server, and a second one this
 * test makes from its configuration (other ports, its own server.id, the same database and plugin jars) and starts
 * with bin/server as an operator would. Leads are created through both; a model published on one scores on the
 * other; the second is killed (SIGKILL) while its scoring jobs are in flight, and the first finishes them: each lead
 * scored exactly once, each job succeeded once. Runs on PostgreSQL only (an embedded Derby database has one server).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String SECOND = "leadscore-pg-second";
    /** The second server's id, naming its host (else the host's name is added to it). */
    private static final String SECOND_ID = "second-server@cluster-it";
    private static final int SECOND_HTTP = 9380;
    private static final int SECOND_HTTPS = 9743;
    private static final String B = "http://localhost:" + SECOND_HTTP;
    /** What the build's server leaves in its directory that another server must not share. */
    private static final Set<String> NOT_COPIED = Set.of("logs", "workarea", "tranlog", "derby", "imports");
    /** Shared rather than copied: the JDBC driver and DL4J's jars (230 MB). */
    private static final String LINKED = "lib";

    private static Path dir;
    private static boolean killed;
    private final Api sales = Api.as("sales");
    private final Api admin = Api.as("admin");
    private final Api operator = Api.as("operator");

    @BeforeAll
    static void startSecondServer() throws Exception {
        assumeTrue("postgresql".equals(System.getProperty("it.database")),
                "servers share a PostgreSQL database; the embedded Derby one belongs to one server");
        Path first = Server.WLP.resolve("usr/servers/" + Server.NAME);
        dir = Server.WLP.resolve("usr/servers/" + SECOND);
        deleteTree(dir);
        Files.createDirectories(dir);
        try (Stream<Path> entries = Files.list(first)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (name.equals(LINKED)) {
                    Files.createSymbolicLink(dir.resolve(name), p.toAbsolutePath());
                } else if (!NOT_COPIED.contains(name)) {
                    copyTree(p, dir.resolve(name));
                }
            }
        }
        Path bootstrap = dir.resolve("bootstrap.properties");
        List<String> lines = new ArrayList<>(Files.readAllLines(bootstrap).stream()
                .filter(l -> !l.matches("\\s*(http\\.port|https\\.port|server\\.id)\\s*=.*")).toList());
        lines.add("http.port=" + SECOND_HTTP);
        lines.add("https.port=" + SECOND_HTTPS);
        lines.add("server.id=" + SECOND_ID);
        Files.write(bootstrap, lines);
        startSecond();
    }

    /** Starts the second server with bin/server, as an operator would, and waits until it is ready. */
    private static void startSecond() throws Exception {
        Path log = Files.createTempFile("second-server-start", ".log");
        Process p = new ProcessBuilder(Server.WLP.resolve("bin/server").toString(), "start", SECOND)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "server start returned");
        assertEquals(0, p.exitValue(), Files.readString(log));
        Api.await(Duration.ofMinutes(4), ClusterIT::secondReady, ready -> ready);
        killed = false;
    }

    /** Kills the second server as a crash would (SIGKILL). */
    private static void killSecond() throws Exception {
        long pid = Long.parseLong(Files.readString(Server.WLP.resolve("usr/servers/.pid/" + SECOND + ".pid")).strip());
        ProcessHandle second = ProcessHandle.of(pid).orElseThrow();
        killed = true;
        assertTrue(second.destroyForcibly());
        second.onExit().get(30, TimeUnit.SECONDS);
    }

    private static boolean secondReady() {
        try {
            return Api.anonymous().get(B + "/health/ready").status() == 200;
        } catch (Api.NoAnswer e) {
            return false; // not listening yet
        }
    }

    @AfterAll
    static void stopSecondServer() throws Exception {
        if (dir == null || killed) {
            return;
        }
        Process p = new ProcessBuilder(Server.WLP.resolve("bin/server").toString(), "stop", SECOND)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(120, TimeUnit.SECONDS);
    }

    @Test
    @Order(1)
    void aModelUnpublishedAndPublishedOnOneServerIsFollowedOnTheOtherWithinSeconds() {
        JsonObject demo = admin.get("/api/v1/models").expect(200).json().getJsonArray("value").stream()
                .map(JsonValue::asJsonObject).filter(m -> !m.isNull("publishedVersion")).findFirst().orElseThrow();
        String model = demo.getString("id");
        int version = demo.getInt("publishedVersion");
        String lead = sales.post(B + "/api/v1/leads", "{'lastName':'" + Api.unique("Cluster") + "'}").expect(201)
                .json().getString("id");
        assertEquals(model, sales.awaitScored(lead).getJsonObject("score").getString("modelId"),
                "created on the second server, read on the first");
        try {
            admin.post("/api/v1/models/" + model + "/unpublish").expect(200);
            JsonObject none = Api.await(Duration.ofSeconds(30), () -> eligibility(B, lead), e -> e.isNull("scoredBy"));
            assertTrue(none.toString().contains("no model is published"), none.toString());
        } finally {
            admin.post("/api/v1/models/" + model + "/versions/" + version + "/publish").expect(200);
        }
        Api.await(Duration.ofSeconds(30), () -> eligibility(B, lead), e -> model.equals(e.getString("scoredBy", null)));
        String next = sales.post(B + "/api/v1/leads", "{'lastName':'" + Api.unique("Cluster") + "'}").expect(201)
                .json().getString("id");
        JsonObject scored = Api.await(Duration.ofSeconds(60), () -> sales.get(B + "/api/v1/leads/" + next).expect(200)
                .json(), l -> !l.isNull("score"));
        assertEquals(version, scored.getJsonObject("score").getInt("modelVersion"), scored.toString());
    }

    @Test
    @Order(2)
    void aRescoreStartedOnOneServerIsSharedWithTheOtherAndARangeOfAKilledServerIsFinishedEachLeadReadOnce()
            throws Exception {
        String name = Api.unique("ClusterRescore");
        List<String> ours = bulkCreate(Api.BASE, name, 1000); // ~1,400 open leads with the others: the rescore lasts
        // longer than the second server takes to join it
        Api.await(Duration.ofMinutes(2), () -> sales.get("/api/v1/leads?top=1&count=true&filter="
                + Api.q("lastName eq '" + name + "' and score/value eq null")).expect(200).json().getInt("count"), c -> c == 0);
        String windowStart = java.time.Instant.now().minus(Duration.ofDays(730)).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS).toString();
        long open = Api.as("manager").get("/api/v1/leads?top=0&count=true&filter=" + Api.q("status eq 'OPEN' and "
                + "createdOn gt " + windowStart)).expect(200).json().getInt("count");

        // started on the first server with one thread of its own, a lead per chunk: the second's help (every 5 s)
        // comes while the first works through the ranges
        long instance = operator.post(Api.BATCH + "/jobinstances", "{'applicationName':'leadscore','moduleName':"
                + "'leadscore-batch.jar','componentName':'JobLauncher','jobXMLName':'lead-rescore','jobParameters':"
                + "{'chunkSize':'1','partitions':'1','ranges':'8'}}").expect(201).json().getJsonNumber("instanceId")
                .longValue();
        long execution = Api.await(Duration.ofSeconds(30), () -> operator.get(Api.BATCH + "/jobinstances/" + instance
                + "/jobexecutions").expect(200).array().stream().mapToLong(v -> v.asJsonObject()
                .getJsonNumber("executionId").longValue()).max().orElse(-1), e -> e > 0);
        JsonObject helping = Api.await(Duration.ofSeconds(60), () -> operator.get("/api/v1/rescore/" + execution)
                .expect(200).json().getJsonObject("progress"), p -> p.getJsonObject("working").containsKey(SECOND_ID));
        killSecond(); // while it holds a range

        JsonObject done = Api.await(Duration.ofMinutes(3), () -> operator.get("/api/v1/rescore/" + execution)
                .expect(200).json(), e -> !e.getString("batchStatus").matches("STARTING|STARTED|STOPPING"));
        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
        JsonObject progress = done.getJsonObject("progress");
        assertEquals(8, progress.getInt("ranges"));
        assertEquals(8, progress.getInt("rangesDone"), "the range the killed server held was taken over: " + done);
        assertEquals(open, progress.getJsonNumber("leadsRead").longValue(),
                "every open lead read once, over both servers: " + helping + " then " + done);
        assertTrue(done.getString("exitStatus").startsWith(open + " leads read, "), done.toString());
        for (String id : ours.subList(0, 60)) {
            JsonArray history = sales.get("/api/v1/leads/" + id + "/score-history").expect(200).array();
            assertEquals(2, history.size(), "lead " + id + ": its first scoring and the rescore's, once each: " + history);
        }
        startSecond(); // for the next test
    }

    @Test
    @Order(3)
    void theJobsOfAServerKilledMidWayAreFinishedByTheOtherEachLeadScoredOnce() throws Exception {
        String onFirst = Api.unique("ClusterA");
        String onSecond = Api.unique("ClusterB");
        List<String> leads = new ArrayList<>(bulkCreate(Api.BASE, onFirst, 200));
        List<String> secondsLeads = bulkCreate(B, onSecond, 1000);
        leads.addAll(secondsLeads);
        // its 1,000 scoring jobs were committed with the leads; it has barely started them
        killSecond();

        // the first server takes up the dead one's jobs once their leases have run out (30 s, swept every 10 s)
        for (String name : List.of(onFirst, onSecond)) {
            Api.await(Duration.ofMinutes(3), () -> sales.get("/api/v1/leads?top=1&count=true&filter="
                    + Api.q("lastName eq '" + name + "' and score/value eq null")).expect(200).json().getInt("count"),
                    c -> c == 0);
        }
        for (String id : leads) {
            JsonArray history = sales.get("/api/v1/leads/" + id + "/score-history").expect(200).array();
            assertEquals(1, history.size(), "lead " + id + " scored once: " + history);
        }
        Map<String, List<JsonObject>> jobs = scoringJobs(leads);
        int takenOver = 0;
        for (String id : leads) {
            List<JsonObject> own = jobs.getOrDefault(id, List.of());
            assertEquals(1, own.size(), "one scoring job for lead " + id + ": " + own);
            assertEquals("Succeeded", own.get(0).getString("status"), own.get(0).toString());
            if (secondsLeads.contains(id) && !SECOND_ID.equals(own.get(0).getString("server", null))) {
                takenOver++;
            }
        }
        assertTrue(takenOver > 0, "the first server finished jobs the killed one had claimed or not yet started");
    }

    private List<String> bulkCreate(String base, String lastName, int n) {
        String records = Stream.generate(() -> "{'lastName':'" + lastName + "','industry':'Finance'}").limit(n)
                .collect(Collectors.joining(","));
        JsonObject answer = sales.post(base + "/api/v1/leads/bulk", "{'mode':'create','atomic':true,'records':["
                + records + "]}").expect(200).json();
        assertEquals(n, answer.getInt("created"), answer.toString());
        return answer.getJsonArray("results").stream().map(r -> r.asJsonObject().getString("id")).toList();
    }

    /** Each lead's scoring system jobs, read on the first server. */
    private Map<String, List<JsonObject>> scoringJobs(List<String> leads) {
        Map<String, List<JsonObject>> byLead = new HashMap<>();
        for (int from = 0; from < leads.size(); from += 80) { // a filter is at most 4,000 characters
            List<String> part = leads.subList(from, Math.min(leads.size(), from + 80));
            String filter = "plugin eq 'LeadScoringPlugin' and entityId in (" + part.stream().map(id -> "'" + id + "'")
                    .collect(Collectors.joining(",")) + ")";
            String next = "/api/v1/system-jobs?top=1000&filter=" + Api.q(filter);
            while (next != null) {
                JsonObject page = operator.get(next).expect(200).json();
                for (JsonValue v : page.getJsonArray("value")) {
                    JsonObject job = v.asJsonObject();
                    byLead.computeIfAbsent(job.getString("entityId"), k -> new ArrayList<>()).add(job);
                }
                next = page.containsKey("nextLink") && !page.isNull("nextLink") ? page.getString("nextLink") : null;
            }
        }
        return byLead;
    }

    private JsonObject eligibility(String base, String lead) {
        return sales.get(base + "/api/v1/leads/" + lead + "/eligibility").expect(200).json();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) { // a symbolic link is deleted, not followed
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
