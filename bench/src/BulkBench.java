import java.net.URI;
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
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/bulk's client. {@code BulkBench <base> <calls> <database>}: after the demo model is published and warm-up
 * calls, per mode (create, upsert with half the keys new, update) {@code calls} timed bulk calls of 1,000 records
 * back to back, then {@code calls} more each on a quiet server; prints one table row per mode. {@code BulkBench report <command> <rows file>}
 * writes the bulk section of bench/RESULTS.md from the rows of every database.
 */
public class BulkBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String MANAGER = "Basic " + Base64.getEncoder().encodeToString("manager:manager".getBytes());
    private static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString("operator:operator".getBytes());
    private static final int RECORDS = 1000;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("report")) {
            report(args[1], Path.of(args[2]));
            return;
        }
        String base = args[0];
        int calls = Integer.parseInt(args[1]);
        String database = args[2];
        ImportBench.awaitPublishedModel(base);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> existingKeys = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        for (String mode : List.of("create", "upsert", "update")) {
            List<Double> rates = new ArrayList<>();
            List<Double> quietRates = new ArrayList<>();
            List<Double> scoredRates = new ArrayList<>();
            // warm-up calls (more for the first mode, on a server just started), then calls back to back, then as
            // many each on a quiet server (every scoring job of the calls before done), timed to its answer and to the
            // end of its own leads' scoring
            for (int c = mode.equals("create") ? -8 : -2; c < 2 * calls; c++) {
                boolean quiet = c >= calls;
                if (quiet) {
                    awaitJobsDone(base);
                }
                StringBuilder body = new StringBuilder("{\"mode\":\"" + mode + "\",\"records\":[");
                for (int i = 0; i < RECORDS; i++) {
                    body.append(i == 0 ? "" : ",").append(record(mode, run, c, i, existingKeys, ids));
                }
                body.append("]}");
                long start = System.nanoTime();
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/leads/bulk"))
                        .header("Authorization", MANAGER).header("Content-Type", "application/json")
                        .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(body.toString(),
                                StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
                double seconds = (System.nanoTime() - start) / 1e9;
                if (r.statusCode() != 200 || !r.body().contains("\"failed\":0")) {
                    throw new IllegalStateException(mode + ": " + r.statusCode() + " "
                            + r.body().substring(0, Math.min(2000, r.body().length())));
                }
                if (mode.equals("create")) {
                    Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(r.body());
                    while (m.find()) {
                        ids.add(m.group(1));
                    }
                }
                if (quiet) {
                    awaitJobsDone(base);
                    double scored = (System.nanoTime() - start) / 1e9;
                    quietRates.add(RECORDS / seconds);
                    scoredRates.add(RECORDS / scored);
                    System.err.printf("%s call %d on a quiet server: %.2f s, %,.0f records/s; scored after %.2f s, "
                            + "%,.0f records/s%n", mode, c, seconds, RECORDS / seconds, scored, RECORDS / scored);
                } else {
                    if (c >= 0) {
                        rates.add(RECORDS / seconds);
                    }
                    System.err.printf("%s call %d: %.2f s, %,.0f records/s%n", mode, c, seconds, RECORDS / seconds);
                }
            }
            rows.append(String.format("| %s | %s | %d × %,d | %s | %s | %s |%n", database, mode, calls, RECORDS,
                    summary(rates), summary(quietRates), summary(scoredRates)));
        }
        System.out.print(rows);
    }

    /** Median, and min – max in brackets. */
    private static String summary(List<Double> rates) {
        List<Double> sorted = new ArrayList<>(rates);
        Collections.sort(sorted);
        return String.format("%,.0f (%,.0f – %,.0f)", sorted.get(sorted.size() / 2), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    /** Waits until no system job waits or runs (the scoring of every lead written so far is done). */
    private static void awaitJobsDone(String base) throws Exception {
        String filter = java.net.URLEncoder.encode("status eq 'Waiting' or status eq 'InProgress'", StandardCharsets.UTF_8);
        while (true) {
            String jobs = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/system-jobs?top=0&count=true&filter="
                    + filter)).header("Authorization", OPERATOR).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"count\":(\\d+)").matcher(jobs);
            if (!m.find()) {
                throw new IllegalStateException("no count in " + jobs);
            }
            if (Long.parseLong(m.group(1)) == 0) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static String record(String mode, String run, int call, int i, List<String> existingKeys, List<String> ids) {
        String fields = "\"lastName\":\"Bulk " + i + "\",\"industry\":\"" + (i % 3 == 0 ? "Finance" : "Retail")
                + "\",\"attributes\":{\"TotalVisits\":" + (i % 17) + ",\"Lead Origin\":\"API\"}";
        return switch (mode) {
            case "create" -> {
                String key = run + "-" + call + "-" + i;
                existingKeys.add(key);
                yield "{" + fields + ",\"externalSource\":\"bench\",\"externalId\":\"" + key + "\"}";
            }
            case "upsert" -> {
                // every other record names a lead the create calls made; the others are new
                String key = i % 2 == 0 ? existingKeys.get((call + 2) * RECORDS / 2 + i / 2)
                        : run + "-u" + call + "-" + i;
                yield "{" + fields.replace("Bulk ", "Upserted ") + ",\"externalSource\":\"bench\",\"externalId\":\""
                        + key + "\"}";
            }
            default -> "{\"id\":\"" + ids.get(((call + 2) * RECORDS + i) % ids.size())
                    + "\",\"topic\":\"updated " + call + "\"}";
        };
    }

    private static void report(String command, Path rowsFile) throws Exception {
        String md = "## bulk — " + LocalDate.now() + "\n\n"
                + "Machine: " + BenchReport.machine() + ". Command: `" + command + "`. Server: Open Liberty with the "
                + "demo organisation and its published model, on a fresh database each. POST /api/v1/leads/bulk as a "
                + "manager, 1,000 records per call, one call at a time, after warm-up calls (eight creates, two per other mode). create: new "
                + "leads with externalSource/externalId and two attributes; upsert: half the keys a create made, half "
                + "new; update: a topic change of leads the creates made. Each new or changed lead gets its scoring "
                + "system job in the call's transaction; the scoring runs after the call, on the same two cores.\n\n"
                + "Records/s per call, median (min – max): *back to back*, each call as soon as the one before "
                + "answered (the scoring of earlier calls runs meanwhile); *quiet*, each call once every scoring job "
                + "before it is done (the call's own cost: parse, pipeline, write, commit, answer); *scored*, the same "
                + "calls until the scoring of their own leads is done too (what the server sustains).\n\n"
                + "| database | mode | calls | back to back | quiet | scored |\n| --- | --- | --- | --- | --- | --- |\n"
                + Files.readString(rowsFile)
                + "\nTarget (issue #17): ≥ 5,000 records/s on PostgreSQL.\n";
        BenchReport.write("bulk", md);
    }
}
