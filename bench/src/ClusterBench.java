import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/cluster (issue 19): two Liberty servers on one PostgreSQL database holding a million open leads. Publishing
 * the model on the first server starts the rescore of the million (its partitions, and the second server's help). Then sustained
 * creates (closed loop, single POST /api/v1/leads, each new lead scored by a system job): on the first server alone
 * (the second stopped), on both (half the clients each, as a load balancer spreads them), and on both with the
 * second killed (SIGKILL) half-way, its clients then sent to the first as a load balancer would. After each phase
 * the leads are drained (every one scored) and the database is checked: leads never scored (lost), leads scored
 * more than once (a job run twice), scoring jobs that did not succeed.
 *
 * java ClusterBench <wlpDir> <firstUrl> <secondUrl> <secondServerName> <seconds> <clients> <psql database> <command> <open leads>
 */
public class ClusterBench {

    static final String SALES = "Basic " + Base64.getEncoder().encodeToString("sales:sales".getBytes());

    public static void main(String[] args) throws Exception {
        Path wlp = Path.of(args[0]);
        String a = args[1];
        String b = args[2];
        String second = args[3];
        int seconds = Integer.parseInt(args[4]);
        int clients = Integer.parseInt(args[5]);
        String database = args[6];
        String command = args[7];
        long open = Long.parseLong(args[8]);
        StringBuilder rows = new StringBuilder();

        // the first server publishes the model: its rescore of every open lead
        String model = RescoreBench.send("PUT", a + "/api/v1/models/by-name/Default", RescoreBench.ADMIN,
                Files.readString(Path.of("models/default.json")));
        String modelId = RescoreBench.field(model, "id");
        RescoreBench.send("POST", a + "/api/v1/models/" + modelId + "/train", RescoreBench.ADMIN, "");
        while (!RescoreBench.field(RescoreBench.send("GET", a + "/api/v1/models/" + modelId, RescoreBench.ADMIN, null), "status").equals("TRAINED")) {
            Thread.sleep(1000);
        }
        long t0 = System.nanoTime();
        RescoreBench.send("POST", a + "/api/v1/models/" + modelId + "/publish", RescoreBench.ADMIN, "");
        long instance = -1;
        while (instance < 0) {
            Matcher m = Pattern.compile("\"instanceId\"\\s*:\\s*(\\d+)").matcher(RescoreBench.send("GET", RescoreBench.BATCH + "/jobinstances?jobName=lead-rescore", RescoreBench.OPERATOR, null));
            if (m.find()) {
                instance = Long.parseLong(m.group(1));
            } else {
                Thread.sleep(200);
            }
        }
        String done = RescoreBench.awaitEnd(RescoreBench.latestExecution(instance));
        Matcher tally = Pattern.compile("\"exitStatus\"\\s*:\\s*\"([^\"]*)\"").matcher(done);
        String exit = tally.find() ? tally.group(1) : "?";
        double rescoreSeconds = (System.nanoTime() - t0) / 1e9;
        String unscored = psql(database, "SELECT COUNT(*) FROM crm_lead WHERE status = 'OPEN' AND score_value IS NULL");
        System.out.printf("rescore of %,d open leads started on the first server, helped by the second: %.0f s, %,.0f leads/s (%s); unscored after it: %s%n",
                open, rescoreSeconds, open / rescoreSeconds, exit, unscored);

        run(wlp.resolve("bin/server").toString(), "stop", second); // it helped with the rescore
        // one server: the second is stopped, so that it takes none of the first's jobs
        Phase one = phase("one", List.of(a), null, seconds, clients, database, wlp, second);
        rows.append(one.row("creates on the first server alone (the second stopped)"));
        run(wlp.resolve("bin/server").toString(), "start", second);
        while (RescoreBench.status(b + "/health/ready") != 200) {
            Thread.sleep(500);
        }
        Phase two = phase("two", List.of(a, b), null, seconds, clients, database, wlp, second);
        rows.append(two.row("creates spread over both servers"));
        Phase killed = phase("killed", List.of(a, b), b, seconds, clients, database, wlp, second);
        rows.append(killed.row("creates over both, the second killed half-way (its clients then go to the first)"));

        Files.writeString(Path.of("bench/work/cluster-figures.txt"), rows
                + String.format("RESCORE=%,d open leads in %.0f s, %,.0f leads/s (%s); %s left unscored%n", open,
                rescoreSeconds, open / rescoreSeconds, exit, unscored)
                + String.format("RATIO=%.2f%n", two.createsPerSecond() / one.createsPerSecond())
                + String.format("SCOREDRATIO=%.2f%n", two.scoredPerSecond() / one.scoredPerSecond())
                + "COMMAND=" + command + "\n" + "MACHINE=" + BenchReport.machine() + "\n" + "DATE=" + LocalDate.now() + "\n");
        System.exit(0);
    }

    /** What a phase did: leads created, seconds of load, seconds until every one was scored, and the checks. */
    record Phase(long created, double loadSeconds, double scoredSeconds, long failedCalls, String lost, String twice,
                 String notSucceeded) {
        double createsPerSecond() {
            return created / loadSeconds;
        }

        double scoredPerSecond() {
            return created / scoredSeconds;
        }

        String row(String name) {
            return String.format("| %s | %,d | %,.0f | %,.0f | %,d | %s | %s | %s |%n", name, created, createsPerSecond(),
                    scoredPerSecond(), failedCalls, lost, twice, notSucceeded);
        }
    }

    /**
     * Clients create leads on these servers (client k on server k mod n) for {@code seconds}; with {@code kill}, that
     * server is killed half-way and its clients go on with the first. Then waits until every lead is scored (at most
     * five minutes) and checks the database.
     */
    static Phase phase(String name, List<String> servers, String kill, int seconds, int clients, String database,
                       Path wlp, String second) throws Exception {
        String lastName = "cluster-" + name + "-" + System.currentTimeMillis();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean dead = new AtomicBoolean();
        AtomicLong created = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int k = 0; k < clients; k++) {
            String mine = servers.get(k % servers.size());
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    String target = mine.equals(kill) && dead.get() ? servers.get(0) : mine;
                    try {
                        HttpResponse<String> r = RescoreBench.HTTP.send(HttpRequest.newBuilder(URI.create(target + "/api/v1/leads"))
                                .timeout(Duration.ofSeconds(30)).header("Authorization", SALES)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"lastName\":\"" + lastName
                                        + "\",\"industry\":\"Finance\",\"source\":\"Web\"}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            created.incrementAndGet();
                            ids.add(RescoreBench.field(r.body(), "id"));
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        // the killed server's calls in flight, and those it refused before its clients moved on
                        failed.incrementAndGet();
                        try {
                            Thread.sleep(100); // as a client retries, not in a tight loop
                        } catch (InterruptedException stopped) {
                            return;
                        }
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        if (kill != null) {
            Thread.sleep(seconds * 500L);
            long pid = Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid/" + second + ".pid")).strip());
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
            dead.set(true);
            System.out.println("killed " + second + " after " + seconds / 2 + " s");
            Thread.sleep(seconds * 500L);
        } else {
            Thread.sleep(seconds * 1000L);
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        String where = "FROM crm_lead WHERE last_name = '" + lastName + "'"; // our own constant, not input
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (Long.parseLong(psql(database, "SELECT COUNT(*) " + where + " AND score_value IS NULL")) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        double scoredSeconds = (System.nanoTime() - start) / 1e9;
        String lost = psql(database, "SELECT COUNT(*) " + where + " AND score_value IS NULL");
        String twice = psql(database, "SELECT COUNT(*) FROM (SELECT h.lead_id FROM lead_score_history h JOIN crm_lead l "
                + "ON l.id = h.lead_id WHERE l.last_name = '" + lastName + "' GROUP BY h.lead_id HAVING COUNT(*) > 1) t");
        String notSucceeded = psql(database, "SELECT COUNT(*) FROM system_job j JOIN crm_lead l ON l.id = j.entity_id "
                + "WHERE l.last_name = '" + lastName + "' AND j.plugin = 'LeadScoringPlugin' AND j.status <> 'Succeeded'");
        String rows = psql(database, "SELECT COUNT(*) " + where);
        Phase p = new Phase(created.get(), loadSeconds, scoredSeconds, failed.get(), lost, twice, notSucceeded);
        System.out.printf("%s: %,d created (%s rows), %,.0f creates/s, all scored after %.0f s (%,.0f leads/s); "
                        + "%,d failed calls; lost %s, scored twice %s, jobs not succeeded %s%n", name, p.created(), rows,
                p.createsPerSecond(), scoredSeconds, p.scoredPerSecond(), p.failedCalls(), lost, twice, notSucceeded);
        if (Long.parseLong(rows) != p.created()) {
            System.out.println("note: " + rows + " leads in the database for " + p.created() + " answered creates "
                    + "(a create committed by the killed server whose answer never came back)");
        }
        return p;
    }

    static String psql(String database, String sql) throws Exception {
        Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atc", sql)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql: " + out);
        }
        return out;
    }

    static void run(String... command) throws Exception {
        RescoreBench.run(command);
    }
}
