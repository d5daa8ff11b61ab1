import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/realtime-fault: starts 1,000 creates, kills the server with SIGKILL midway, starts it again, and
 * checks that every lead that got a 201 — and every lead committed without its 201 arriving — ends with
 * exactly one creation score (one score-history row) and one succeeded scoring job. Writes the
 * realtime-fault section of bench/RESULTS.md.
 *
 * java RealtimeFault <baseUrl> <wlpDir> <command> [creates] [rate]
 */
public class RealtimeFault {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(16)).build();
    static final String SALES = "Basic " + Base64.getEncoder().encodeToString("sales:sales".getBytes());
    static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString("operator:operator".getBytes());
    static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path wlp = Path.of(args[1]);
        String command = args[2];
        int total = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int rate = args.length > 4 ? Integer.parseInt(args[4]) : 400;
        String run = "Fault " + System.currentTimeMillis();

        // warm-up: 200 creates at 50/s, so that the kill hits a server running at speed, not a cold one
        for (int i = 0; i < 200; i++) {
            HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/leads")).header("Authorization", SALES)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"lastName\":\"Warm-up " + i + "\"}")).build(), HttpResponse.BodyHandlers.discarding());
            Thread.sleep(20);
        }
        Set<String> got201 = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long start = System.nanoTime();
        long killedAt = 0;
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (i == total / 2) {
                long pid = Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid/leadscore.pid")).strip());
                ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
                server.destroyForcibly(); // SIGKILL
                server.onExit().get(30, TimeUnit.SECONDS);
                killedAt = i;
                System.out.println("killed the server (pid " + pid + ") after " + i + " creates were sent");
            }
            String body = "{\"lastName\":\"" + run + " " + i + "\",\"industry\":\"Finance\",\"source\":\"Web\","
                    + "\"attributes\":{\"TotalVisits\":" + (i % 9) + "}}";
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/leads")).header("Authorization", SALES)
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            pending.add(HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                if (e == null && r.statusCode() == 201) {
                    Matcher m = ID.matcher(r.body());
                    m.find();
                    got201.add(m.group(1));
                } else {
                    failed.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        System.out.println(got201.size() + " creates answered 201, " + failed.get() + " failed (server down); starting it again");

        long restart = System.nanoTime();
        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), "start", "leadscore").inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("server start failed");
        }
        while (get(base + "/health/ready", SALES).statusCode() != 200) {
            Thread.sleep(500);
        }
        double restartSeconds = (System.nanoTime() - restart) / 1e9;
        // what the server found to do again: the jobs the kill interrupted or left waiting
        int takenUp = 0;
        for (String line : Files.readAllLines(wlp.resolve("usr/servers/leadscore/logs/messages.log"))) {
            Matcher t = Pattern.compile("(\\d+) system job\\(s\\) taken up again").matcher(line);
            if (t.find()) {
                takenUp = Integer.parseInt(t.group(1));
            }
        }
        System.out.println(takenUp + " system job(s) taken up again after the restart");

        // every committed lead of this run, whether or not its 201 arrived
        List<String> committed = new ArrayList<>();
        String next = base + "/api/v1/leads?top=5000&filter=" + enc("startswith(lastName,'" + run + " ')");
        Matcher m = ID.matcher(get(next, SALES).body());
        while (m.find()) {
            committed.add(m.group(1));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int exactlyOne;
        int none;
        int more;
        int jobsNotSucceeded;
        while (true) {
            exactlyOne = 0;
            none = 0;
            more = 0;
            jobsNotSucceeded = 0;
            for (String id : committed) {
                String history = get(base + "/api/v1/leads/" + id + "/score-history", SALES).body();
                int scores = history.split("\"scoredOn\"", -1).length - 1;
                if (scores == 1) {
                    exactlyOne++;
                } else if (scores == 0) {
                    none++;
                } else {
                    more++;
                }
                String jobs = get(base + "/api/v1/system-jobs?filter=" + enc("entityId eq '" + id + "' and plugin eq 'LeadScoringPlugin'"), OPERATOR).body();
                int succeeded = jobs.split("\"Succeeded\"", -1).length - 1;
                int all = jobs.split("\"plugin\"", -1).length - 1;
                if (succeeded != 1 || all != 1) {
                    jobsNotSucceeded++;
                }
            }
            if (none == 0 && jobsNotSucceeded == 0 || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }
        boolean all201Committed = committed.containsAll(got201);
        String verdict = none == 0 && more == 0 && jobsNotSucceeded == 0 && all201Committed ? "nothing lost" : "LOST OR DUPLICATED";
        System.out.printf("%d jobs taken up again; %d committed (%d with a 201), killed after %d sent; exactly one creation score: %d, none: %d, "
                + "more than one: %d; leads without exactly one succeeded scoring job: %d; restart to ready %.1f s: %s%n",
                takenUp, committed.size(), got201.size(), killedAt, exactlyOne, none, more, jobsNotSucceeded, restartSeconds, verdict);

        String md = "## realtime-fault — " + LocalDate.now() + "\n\n"
                + "Machine: " + BenchReport.machine() + ". Command: `" + command + "`. " + total + " creates at " + rate
                + "/s after a warm-up of 200; the server is killed with SIGKILL when half have been sent (requests in flight and those sent "
                + "while it is down fail), then started again with `bin/server start`. Checked for every committed lead of "
                + "the run (found by name, whether or not its 201 arrived): its score history and its LeadScoringPlugin "
                + "system jobs.\n\n"
                + "\"Taken up\" is the number of system jobs the restarted server found waiting or in progress.\n\n"
                + "| creates sent | answered 201 | committed | jobs taken up after the restart | exactly one creation score "
                + "| no score | more than one | not exactly one succeeded job | restart to ready | verdict |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
                + String.format("| %d | %d | %d | %d | %d | %d | %d | %d | %.1f s | %s |%n", total, got201.size(), committed.size(),
                takenUp, exactlyOne, none, more, jobsNotSucceeded, restartSeconds, verdict);
        BenchReport.write("realtime-fault", md);
        System.exit(verdict.equals("nothing lost") ? 0 : 1);
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static HttpResponse<String> get(String url, String auth) throws Exception {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return new FailedResponse(url);
        }
    }

    /** A request the server did not answer (it is still starting). */
    record FailedResponse(String url) implements HttpResponse<String> {
        public int statusCode() { return 0; }
        public HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true); }
        public String body() { return ""; }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public URI uri() { return URI.create(url); }
        public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
