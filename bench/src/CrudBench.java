import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bench/crud: creates at a fixed rate (open loop: latency counts from the intended send time, so a
 * stalled server cannot hide its queue), then filtered, ordered list queries over the database the
 * server runs on. Prints the figures and writes them into bench/RESULTS.md between the crud markers.
 *
 * java bench/src/CrudBench.java <baseUrl> <rate/s> <seconds> <listQueries> <leadsInDb> <command>
 */
public class CrudBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
            .executor(java.util.concurrent.Executors.newFixedThreadPool(8)).build();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int listQueries = Integer.parseInt(args[3]);
        String leadsInDb = args[4];
        String command = args[5];

        System.out.println("warm-up: 30 s at 100 creates/s, 100 list queries per kind");
        runCreates(base, 100, 30);
        runLists(base, 100);

        System.out.printf("creates: %d/s for %d s%n", rate, seconds);
        Result creates = runCreates(base, rate, seconds);
        System.out.println(creates);
        System.out.printf("list queries: %d per kind%n", listQueries);
        Map<String, Result> lists = runLists(base, listQueries);
        lists.forEach((k, v) -> System.out.println(k + ": " + v));

        StringBuilder md = new StringBuilder();
        md.append("## crud — ").append(LocalDate.now()).append("\n\n");
        md.append("Machine: ").append(BenchReport.machine()).append(". Command: `").append(command).append("`. ");
        md.append("Server: Open Liberty, embedded Derby holding ").append(leadsInDb).append(" leads, `-Xmx2g`.\n\n");
        md.append("| measurement | requests | errors | p50 ms | p95 ms | p99 ms | max ms | target |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        md.append(creates.row("POST /api/v1/leads at " + rate + "/s for " + seconds + " s (achieved "
                + String.format("%.0f", creates.count / (double) seconds) + "/s)", "p99 ≤ 25 ms"));
        lists.forEach((k, v) -> md.append(v.row("GET " + k, "p99 ≤ 150 ms")));
        md.append("\nCreates are open-loop (latency from the intended send time). List queries run one at a time, ")
                .append("as the manager (all leads) unless the row says otherwise.\n");
        BenchReport.write("crud", md.toString());
        System.exit(0); // the client's executor threads would keep the JVM alive
    }

    record Result(int count, int errors, List<Double> latencies) {
        double pct(double p) {
            if (latencies.isEmpty()) {
                return Double.NaN;
            }
            List<Double> s = new ArrayList<>(latencies);
            Collections.sort(s);
            return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100 * s.size()) - 1));
        }

        String row(String name, String target) {
            return String.format("| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %s |%n", name, count, errors, pct(50), pct(95),
                    pct(99), pct(100), target);
        }

        @Override
        public String toString() {
            return String.format("n=%d errors=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms", count, errors, pct(50),
                    pct(95), pct(99), pct(100));
        }
    }

    static Result runCreates(String base, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        ConcurrentLinkedQueue<Double> lat = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            // spread over the demo organisation's industries and sources, so that the leads this run adds do not
            // change what the list queries below have to read
            String body = "{\"lastName\":\"Bench" + i + "\",\"companyName\":\"Bench Co\",\"industry\":\""
                    + DEMO_INDUSTRIES[i % DEMO_INDUSTRIES.length] + "\",\"source\":\"" + DEMO_SOURCES[i % DEMO_SOURCES.length]
                    + "\",\"email\":\"bench" + i + "@bench.example\",\"attributes\":{\"TotalVisits\":" + (i % 9)
                    + ",\"Lead Origin\":\"API\"}}";
            HttpRequest req = request(base + "/api/v1/leads", "sales")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            all.add(HTTP.sendAsync(req, HttpResponse.BodyHandlers.discarding()).handle((r, t) -> {
                lat.add((System.nanoTime() - intended) / 1e6);
                if (t != null || r.statusCode() != 201) {
                    if (errors.incrementAndGet() <= 3) {
                        System.err.println("create failed: " + (t != null ? t : r.statusCode()));
                    }
                }
                return null;
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return new Result(total, errors.get(), new ArrayList<>(lat));
    }

    static final String[] DEMO_INDUSTRIES = {"Finance", "Technology", "Healthcare", "Manufacturing", "Retail",
            "Education", "Government", "Energy", "Hospitality", "Logistics"};
    static final String[] DEMO_SOURCES = {"Web", "Referral", "Partner", "Trade show", "Email campaign", "Cold call",
            "Social", "Advertisement"};

    static Map<String, Result> runLists(String base, int n) throws Exception {
        Map<String, String[]> kinds = new LinkedHashMap<>();
        kinds.put("?filter=status eq 'OPEN' and industry eq '<industry>'&orderBy=createdOn desc&top=50",
                new String[]{"manager", "status eq 'OPEN' and industry eq '%s'", "createdOn desc"});
        kinds.put("?filter=source eq '<source>' and createdOn gt <30 days ago>&orderBy=lastName&top=50",
                new String[]{"manager", "source eq '%s' and createdOn gt "
                        + java.time.Instant.now().minus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), "lastName"});
        kinds.put("?view=my-open-scored&top=50 (as sales)", new String[]{"sales", null, null});
        String[] industries = {"Finance", "Technology", "Healthcare", "Retail", "Education"};
        String[] sources = {"Web", "Referral", "Partner", "Cold call"};
        Map<String, Result> out = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> k : kinds.entrySet()) {
            List<Double> lat = new ArrayList<>();
            int errors = 0;
            for (int i = 0; i < n; i++) {
                String[] spec = k.getValue();
                String url;
                if (spec[1] == null) {
                    url = base + "/api/v1/leads?view=my-open-scored&top=50";
                } else {
                    String v = spec[1].contains("industry") ? industries[i % industries.length] : sources[i % sources.length];
                    url = base + "/api/v1/leads?filter=" + enc(String.format(spec[1], v)) + "&orderBy=" + enc(spec[2]) + "&top=50";
                }
                long t0 = System.nanoTime();
                HttpResponse<String> r = HTTP.send(request(url, spec[0]).GET().build(), HttpResponse.BodyHandlers.ofString());
                lat.add((System.nanoTime() - t0) / 1e6);
                if (r.statusCode() != 200) {
                    errors++;
                    if (errors == 1) {
                        System.err.println(r.statusCode() + " " + r.body());
                    }
                }
            }
            out.put(k.getKey(), new Result(n, errors, lat));
        }
        return out;
    }

    static HttpRequest.Builder request(String url, String user) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
