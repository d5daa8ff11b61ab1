import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/rescore: a server on a database of 1,000,000 open leads (and closed ones to train on) with no model.
 * Deploys, trains and publishes the demo model: publishing starts a lead-rescore job for its leads, the first
 * scoring of every lead (a score and a history row each). The job is killed with the server (SIGKILL) when
 * about 40 % is read; the server is started again and the job instance restarted over the batch REST API.
 * Then two uninterrupted rescores over the API: the next daily run, where every trend moves from "not enough
 * info" to "steady" (every lead written), and the one after it, where no score changes. Prints the
 * figures and the peak heap; the script checks in the database that every lead was scored exactly once.
 *
 * java RescoreBench <baseUrl> <wlpDir> <command> <open-leads> <classpath with ij and the JDBC drivers> <JDBC URL>
 */
public class RescoreBench {

    static final HttpClient HTTP = newClient();
    static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes());
    static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString("operator:operator".getBytes());
    static final String BATCH = "https://localhost:9443/ibm/api/batch";
    static volatile long peakHeap;

    static HttpClient newClient() {
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        try {
            javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
            ssl.init(null, new javax.net.ssl.TrustManager[]{new javax.net.ssl.X509TrustManager() {
                public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }
                public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }
                public java.security.cert.X509Certificate[] getAcceptedIssuers() { return new java.security.cert.X509Certificate[0]; }
            }}, null);
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path wlp = Path.of(args[1]);
        String command = args[2];
        long leads = Long.parseLong(args[3]);
        String cp = args[4];
        String db = args[5];
        Thread heap = new Thread(() -> watchHeap(base));
        heap.setDaemon(true);
        heap.start();

        String model = send("PUT", base + "/api/v1/models/by-name/Default", ADMIN, Files.readString(Path.of("models/default.json")));
        String modelId = field(model, "id");
        long t0 = System.nanoTime();
        send("POST", base + "/api/v1/models/" + modelId + "/train", ADMIN, "");
        while (!field(send("GET", base + "/api/v1/models/" + modelId, ADMIN, null), "status").equals("TRAINED")) {
            Thread.sleep(1000);
        }
        System.out.printf("trained in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        long started = System.nanoTime();
        send("POST", base + "/api/v1/models/" + modelId + "/publish", ADMIN, "");
        long instance = -1;
        while (instance < 0) {
            Matcher m = Pattern.compile("\"instanceId\"\\s*:\\s*(\\d+)").matcher(send("GET", BATCH + "/jobinstances?jobName=lead-rescore", OPERATOR, null));
            if (m.find()) {
                instance = Long.parseLong(m.group(1));
            } else {
                Thread.sleep(200);
            }
        }
        long first = latestExecution(instance);
        long readBeforeKill;
        while ((readBeforeKill = readCount(base, first)) < leads * 2 / 5) {
            Thread.sleep(500);
        }
        double firstSeconds = (System.nanoTime() - started) / 1e9;
        long pid = Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid/leadscore.pid")).strip());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        System.out.printf("killed the server after about %,d leads read in %.0f s%n", readBeforeKill, firstSeconds);

        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), "start", "leadscore").inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("server start failed");
        }
        while (status(base + "/health/ready") != 200) {
            Thread.sleep(500);
        }
        readBeforeKill = readCount(base, first); // what the chunks committed before the kill
        long restartedAt = System.nanoTime();
        send("PUT", BATCH + "/jobinstances/" + instance + "?action=restart&reusePreviousParams=true", OPERATOR, "{}");
        long second = latestExecution(instance, first);
        String done = awaitEnd(second);
        double secondSeconds = (System.nanoTime() - restartedAt) / 1e9;
        long readAfter = readCount(base, second) - readBeforeKill;
        System.out.println("restarted execution: " + field(done, "batchStatus") + " in " + Math.round(secondSeconds) + " s, "
                + readAfter + " leads read");

        // exactly once for that run: checked in the database, with the server stopped (embedded Derby allows one JVM)
        run(wlp.resolve("bin/server").toString(), "stop", "leadscore");
        String check = ij(cp, db, "SELECT COUNT(*) AS n FROM crm_lead WHERE status = 'OPEN';",
                "SELECT COUNT(*) AS n FROM crm_lead WHERE status = 'OPEN' AND score_value IS NULL;",
                "SELECT COUNT(*) AS n FROM lead_score_history h JOIN crm_lead l ON l.id = h.lead_id WHERE l.status = 'OPEN';",
                "SELECT COUNT(*) AS n FROM (SELECT lead_id FROM lead_score_history GROUP BY lead_id HAVING COUNT(*) > 1) t;");
        long[] n = Pattern.compile("(?m)^\\s*(\\d+)\\s*$").matcher(check).results().mapToLong(r -> Long.parseLong(r.group(1))).toArray();
        boolean once = n.length == 4 && n[1] == 0 && n[3] == 0 && n[0] == n[2];
        String verdict = String.format("%,d open leads, %,d without a score, %,d history rows for them, %,d scored more than once: %s",
                n[0], n[1], n[2], n[3], once ? "**every lead scored exactly once**" : "**NOT exactly once**");
        System.out.println(verdict);
        run(wlp.resolve("bin/server").toString(), "start", "leadscore");
        while (status(base + "/health/ready") != 200) {
            Thread.sleep(500);
        }

        // the next daily rescore: every trend turns from "not enough info" to "steady", so every lead is written;
        // the one after it is the usual day, when no score changed
        double[] daily = dailyRescore(base);
        double[] quiet = dailyRescore(base);

        double firstRate = readBeforeKill / firstSeconds;
        double secondRate = readAfter / secondSeconds;
        System.out.printf("first scoring: %,.0f leads/s before the kill, %,.0f leads/s after the restart; daily rescore "
                + "%,.0f leads/s with every lead written, %,.0f leads/s with none; peak heap %d MB%n", firstRate,
                secondRate, daily[0] / daily[2], quiet[0] / quiet[2], peakHeap >> 20);
        Files.writeString(Path.of("bench/work/rescore-figures.txt"), String.format(
                "| first scoring, until the kill | %,d | %,d | %.0f s | %,.0f | %n| first scoring, the restarted execution | %,d | %,d | %.0f s | %,.0f | %n"
                        + "| the next daily rescore (every trend moves) | %,.0f | %,.0f | %.0f s | %,.0f | %n"
                        + "| the daily rescore after it (no score changes) | %,.0f | %,.0f | %.0f s | %,.0f | %n",
                readBeforeKill, readBeforeKill, firstSeconds, firstRate, readAfter, readAfter, secondSeconds, secondRate,
                daily[0], daily[1], daily[2], daily[0] / daily[2], quiet[0], quiet[1], quiet[2], quiet[0] / quiet[2])
                + "VERDICT=" + verdict + "\n"
                + "PEAK=" + (peakHeap >> 20) + "\n" + "COMMAND=" + command + "\n" + "LEADS=" + leads + "\n"
                + "MACHINE=" + BenchReport.machine() + "\n" + "DATE=" + LocalDate.now() + "\n");
        System.exit(0);
    }

    /** A rescore of every open lead over the API, to its end: {leads read, new scores, seconds}. */
    static double[] dailyRescore(String base) throws Exception {
        long start = System.nanoTime();
        String daily = send("POST", base + "/api/v1/rescore", OPERATOR, "{}");
        String done = awaitEnd(Long.parseLong(field(daily, "executionId")));
        double seconds = (System.nanoTime() - start) / 1e9;
        Matcher tally = Pattern.compile("\"exitStatus\"\\s*:\\s*\"(\\d+) leads read, (\\d+) new scores").matcher(done);
        if (!tally.find()) {
            throw new IllegalStateException("the daily rescore did not complete: " + done);
        }
        return new double[]{Long.parseLong(tally.group(1)), Long.parseLong(tally.group(2)), seconds};
    }

    static void run(String... command) throws Exception {
        if (new ProcessBuilder(command).inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    static String ij(String cp, String db, String... statements) throws Exception {
        Process p = new ProcessBuilder("java", "-cp", cp, "org.apache.derby.tools.ij").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(("connect '" + db + "';\n" + String.join("\n", statements) + "\n").getBytes());
        }
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    static void watchHeap(String base) {
        Pattern used = Pattern.compile("memory_usedHeap_bytes\\{[^}]*\\}\\s+([0-9.E]+)");
        while (true) {
            try {
                Matcher m = used.matcher(send("GET", base + "/metrics?scope=base", null, null));
                if (m.find()) {
                    peakHeap = Math.max(peakHeap, (long) Double.parseDouble(m.group(1)));
                }
                Thread.sleep(500);
            } catch (Exception e) {
                // the server is down for a moment
            }
        }
    }

    static long latestExecution(long instance) throws Exception {
        return latestExecution(instance, -1);
    }

    static long latestExecution(long instance, long after) throws Exception {
        while (true) {
            Matcher m = Pattern.compile("\"executionId\"\\s*:\\s*(\\d+)").matcher(send("GET", BATCH + "/jobinstances/" + instance + "/jobexecutions", OPERATOR, null));
            long newest = -1;
            while (m.find()) {
                newest = Math.max(newest, Long.parseLong(m.group(1)));
            }
            if (newest > after) {
                return newest;
            }
            Thread.sleep(200);
        }
    }

    /** Leads the committed chunks of the execution's job instance read so far, over every execution (its progress). */
    static long readCount(String base, long execution) throws Exception {
        Matcher m = Pattern.compile("\"leadsRead\"\\s*:\\s*(\\d+)").matcher(send("GET", base + "/api/v1/rescore/" + execution,
                OPERATOR, null));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static String awaitEnd(long execution) throws Exception {
        while (true) {
            String e = send("GET", BATCH + "/jobexecutions/" + execution, OPERATOR, null);
            String s = field(e, "batchStatus");
            if (!s.matches("STARTING|STARTED|STOPPING")) {
                return e;
            }
            Thread.sleep(1000);
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(name + " not in " + json);
        }
        return m.group(1);
    }

    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    static String send(String method, String url, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
