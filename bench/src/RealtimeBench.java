import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/realtime: creates leads at fixed rates (open loop) against a server with a published model, then
 * reads every lead back: the latency from the 201 to the score (the scoring job's scoredOn; same machine,
 * same clock), and how many leads were never scored (jobs lost). Writes the realtime section of
 * bench/RESULTS.md.
 *
 * java bench/src/RealtimeBench.java <baseUrl> <command> <rate:seconds>...
 */
public class RealtimeBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(16)).build();
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("sales:sales".getBytes());
    static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    static final Pattern SCORED = Pattern.compile("\"scoredOn\":\"([^\"]+)\"");
    static final Pattern CREATED = Pattern.compile("\"createdOn\":\"([^\"]+)\"");

    record Created(String id, Instant received) {
    }

    record Run(int rate, int seconds, int created, int errors, int unscored, double[] latencyMs, double[] saveToScoreMs) {
        double pct(double q) {
            return pct(latencyMs, q);
        }

        double save(double q) {
            return pct(saveToScoreMs, q);
        }

        static double pct(double[] v, double q) {
            return v.length == 0 ? Double.NaN : v[Math.min(v.length - 1, (int) (q * v.length))];
        }
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String command = args[1];
        run(base, 20, 10); // warm-up
        List<Run> runs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] rs = args[i].split(":");
            Run r = run(base, Integer.parseInt(rs[0]), Integer.parseInt(rs[1]));
            runs.add(r);
            System.out.printf("%d/s for %d s: %d created, %d errors, %d never scored; 201-to-score p50 %.0f ms, p95 %.0f ms, "
                    + "p99 %.0f ms, max %.0f ms; save-to-score p50 %.0f ms, p99 %.0f ms%n", r.rate(), r.seconds(), r.created(),
                    r.errors(), r.unscored(), r.pct(0.5), r.pct(0.95), r.pct(0.99), r.pct(1.0), r.save(0.5), r.save(0.99));
        }
        StringBuilder md = new StringBuilder("## realtime — ").append(LocalDate.now()).append("\n\n");
        md.append("Machine: ").append(BenchReport.machine()).append(". Command: `").append(command).append("`. Server: Open Liberty, ")
                .append("embedded Derby with the demo organisation and its published model. Creates are open-loop; ")
                .append("\"201 → score\" runs from the client receiving the 201 to the score the LeadScoringPlugin's ")
                .append("system job wrote (its scoredOn; same machine, same clock; 0 when the score was written before ")
                .append("the 201 arrived); \"save → score\" runs from the lead's createdOn to its scoredOn, both server ")
                .append("times: the create's commit, the dispatch after commit, the job's scoring.\n\n");
        md.append("| creates | leads | errors | never scored | 201 → score p50 / p95 / p99 / max ms | save → score p50 / p99 ms | target |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Run r : runs) {
            md.append(String.format("| %d/s for %d s | %d | %d | %d | %.0f / %.0f / %.0f / %.0f | %.0f / %.0f | %s |%n", r.rate(),
                    r.seconds(), r.created(), r.errors(), r.unscored(), r.pct(0.5), r.pct(0.95), r.pct(0.99), r.pct(1.0),
                    r.save(0.5), r.save(0.99), r.rate() == 50 ? "p99 ≤ 1 s, none lost" : "none lost"));
        }
        BenchReport.write("realtime", md.toString());
        System.exit(0);
    }

    static Run run(String base, int rate, int seconds) throws Exception {
        ConcurrentLinkedQueue<Created> created = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long start = System.nanoTime();
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String body = "{\"lastName\":\"Realtime " + i + "\",\"industry\":\"Finance\",\"source\":\"Web\","
                    + "\"email\":\"rt" + i + "@contoso.example\",\"attributes\":{\"TotalVisits\":" + (i % 9) + "}}";
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/leads")).header("Authorization", AUTH)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            pending.add(HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                Instant received = Instant.now();
                if (e != null || r.statusCode() != 201) {
                    errors.add(e != null ? e : new IllegalStateException(r.statusCode() + " " + r.body()));
                    return;
                }
                Matcher m = ID.matcher(r.body());
                m.find();
                created.add(new Created(m.group(1), received));
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        Thread.sleep(5000); // the last jobs finish; a lead not scored by then counts as lost
        List<Double> latencies = new ArrayList<>();
        List<Double> saveToScore = new ArrayList<>();
        int unscored = 0;
        for (Created c : created) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/leads/" + c.id())).header("Authorization", AUTH).build();
            String body = HTTP.send(req, HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = SCORED.matcher(body);
            if (!m.find()) {
                unscored++;
                continue;
            }
            Instant scored = Instant.parse(m.group(1));
            latencies.add((double) Math.max(0, Duration.between(c.received(), scored).toMillis()));
            Matcher cm = CREATED.matcher(body);
            cm.find();
            saveToScore.add(Duration.between(Instant.parse(cm.group(1)), scored).toNanos() / 1e6);
        }
        Collections.sort(latencies);
        Collections.sort(saveToScore);
        return new Run(rate, seconds, created.size(), errors.size(), unscored,
                latencies.stream().mapToDouble(Double::doubleValue).toArray(),
                saveToScore.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
