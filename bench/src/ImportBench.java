import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/import: writes a CSV of realistic leads (seeded; every 100th row bad in a different way), imports
 * it through POST /api/v1/imports and follows GET /api/v1/imports/{id} to the end: rows/s from the upload
 * to Completed, and the counts. Runs it three times and reports the median. Writes the import section of
 * bench/RESULTS.md.
 *
 * java ImportBench <baseUrl> <command> <rows> <runs>
 */
public class ImportBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final String MANAGER = "Basic " + Base64.getEncoder().encodeToString("manager:manager".getBytes());
    static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString("operator:operator".getBytes());
    static final String[] INDUSTRIES = {"Finance", "Retail", "Manufacturing", "Healthcare", "Education", "Energy", "Software"};
    static final String[] SOURCES = {"Web", "Referral", "Event", "Phone", "Partner", "Advertisement"};
    static final String[] COUNTRIES = {"UK", "France", "Germany", "India", "USA", "Spain", "Brazil"};
    static final String[] TITLES = {"Buyer", "Facilities Manager", "Office Manager", "CFO", "Director of Purchasing", "Student"};
    static final String[] NAMES = {"Lovelace", "Hopper", "Turing", "Liskov", "Knuth", "Dijkstra", "Ritchie", "Torvalds"};

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String command = args[1];
        int rows = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        String database = args.length > 4 ? args[4] : "embedded Derby";
        Path csv = Path.of("bench/work/import-" + rows + ".csv");
        int expectedBad = write(csv, rows);
        long bytes = Files.size(csv);
        System.out.printf("%,d rows, %,d bytes, %,d bad%n", rows, bytes, expectedBad);
        int warmUpRows = Math.max(10_000, rows / 5);
        Path warmUpCsv = Path.of("bench/work/import-" + warmUpRows + ".csv");
        int warmUpBad = write(warmUpCsv, warmUpRows);
        awaitPublishedModel(base);
        List<Double> rates = new ArrayList<>();
        List<Double> scoredRates = new ArrayList<>();
        String last = "";
        // run 0 warms the server up (the JIT compiles the import's and the scoring's code) and is not counted
        for (int r = 0; r <= runs; r++) {
            Path file = r == 0 ? warmUpCsv : csv;
            int fileRows = r == 0 ? warmUpRows : rows;
            int fileBad = r == 0 ? warmUpBad : expectedBad;
            long start = System.nanoTime();
            HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/imports"))
                    .header("Authorization", MANAGER).header("Content-Type", "text/csv").timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                throw new IllegalStateException(started.statusCode() + " " + started.body());
            }
            String id = field(started.body(), "id");
            String status;
            do {
                Thread.sleep(100);
                last = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/imports/" + id)).header("Authorization", MANAGER)
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                status = field(last, "status");
            } while (status.equals("Waiting") || status.equals("Running"));
            double seconds = (System.nanoTime() - start) / 1e9;
            long imported = Long.parseLong(field(last, "rowsImported"));
            long rejected = Long.parseLong(field(last, "rowsRejected"));
            double rate = (imported + rejected) / seconds;
            // the imported leads' scoring system jobs: done when none waits or runs
            long unfinished;
            do {
                String jobs = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/system-jobs?top=0&count=true&filter="
                        + java.net.URLEncoder.encode("status eq 'Waiting' or status eq 'InProgress'", StandardCharsets.UTF_8)))
                        .header("Authorization", OPERATOR).build(), HttpResponse.BodyHandlers.ofString()).body();
                unfinished = Long.parseLong(field(jobs, "count"));
                if (unfinished > 0) {
                    Thread.sleep(100);
                }
            } while (unfinished > 0);
            double scoredSeconds = (System.nanoTime() - start) / 1e9;
            if (r > 0) {
                rates.add(rate);
                scoredRates.add((imported + rejected) / scoredSeconds);
            }
            System.out.printf((r == 0 ? "warm-up" : "run " + r) + ": %s in %.1f s, %,d imported, %,d rejected: %,.0f rows/s; every scoring job done after %.1f s: %,.0f rows/s%n",
                    status, seconds, imported, rejected, rate, scoredSeconds, (imported + rejected) / scoredSeconds);
            if (!status.equals("Completed") || rejected != fileBad || imported != fileRows - fileBad) {
                throw new IllegalStateException("unexpected outcome: " + last.substring(0, Math.min(2000, last.length())));
            }
        }
        String each = String.join(", ", rates.stream().map(x -> String.format("%,.0f", x)).toList());
        String eachScored = String.join(", ", scoredRates.stream().map(x -> String.format("%,.0f", x)).toList());
        Collections.sort(rates);
        Collections.sort(scoredRates);
        double median = rates.get(rates.size() / 2);
        double medianScored = scoredRates.get(scoredRates.size() / 2);
        String md = "## import" + (database.contains("Derby") ? "" : " on " + database.split(" ")[0]) + " — " + LocalDate.now() + "\n\n"
                + "Machine: " + BenchReport.machine() + ". Command: `" + command + "`. Server: Open Liberty, " + database
                + " with the demo organisation and its published model. A " + String.format("%,d", rows) + "-row CSV ("
                + String.format("%,d", bytes) + " bytes; every 100th row bad: a bad email, a missing last name, a wrong "
                + "column count or an unknown status) imported as a manager through POST /api/v1/imports; time from "
                + "the upload to Completed, and to the end of the last scoring system job of its leads (each imported "
                + "lead gets one through the pipeline; they run batched, as those one chunk's transaction wrote). "
                + "The runs start once the model is published, after a warm-up import of " + String.format("%,d", warmUpRows)
                + " rows that is not counted (a freshly started JVM compiles the import's code during the first one).\n\n"
                + "| until | runs | rows/s each | median rows/s | imported / rejected per run | target |\n"
                + "| --- | --- | --- | --- | --- | --- |\n"
                + String.format("| import Completed | %d | %s | %,.0f | %,d / %,d | ≥ 5,000 rows/s |%n", runs, each, median,
                rows - expectedBad, expectedBad)
                + String.format("| every lead scored | %d | %s | %,.0f | %,d / %,d | |%n", runs, eachScored, medianScored,
                rows - expectedBad, expectedBad);
        BenchReport.write(database.contains("Derby") ? "import" : "import-postgresql", md);
        System.exit(0);
    }

    /** The demo organisation's model is trained at start-up; the runs start once it is published. */
    static void awaitPublishedModel(String base) throws Exception {
        String admin = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes());
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models")).header("Authorization", admin).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("PUBLISHED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no published model after 10 minutes");
            }
            Thread.sleep(1000);
        }
    }

    static int write(Path csv, int rows) throws Exception {
        Random rnd = new Random(20261127);
        int bad = 0;
        Files.createDirectories(csv.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("First Name,Last Name,Email,Company Name,Job Title,Industry,Source,Country,Lead Origin,TotalVisits,"
                    + "PageViewsPerVisit,TimeOnWebsite,EmailsOpened,status,createdOn\n");
            Instant now = Instant.now();
            for (int i = 1; i <= rows; i++) {
                String last = NAMES[rnd.nextInt(NAMES.length)];
                String email = "lead" + i + "@company" + rnd.nextInt(5000) + ".example";
                String status = rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? "QUALIFIED" : "DISQUALIFIED") : "OPEN";
                if (i % 100 == 0) {
                    bad++;
                    switch ((i / 100) % 4) {
                        case 0 -> email = "not an email";
                        case 1 -> last = "";
                        case 2 -> {
                            w.write("Only,Three,Values\n");
                            continue;
                        }
                        default -> status = "MAYBE";
                    }
                }
                String created = now.minus(Duration.ofMinutes(1 + rnd.nextInt(500_000))).toString();
                w.write(String.join(",", "Ada" + (i % 97), last, email, "\"Company " + rnd.nextInt(5000) + ", Ltd\"",
                        TITLES[rnd.nextInt(TITLES.length)], INDUSTRIES[rnd.nextInt(INDUSTRIES.length)],
                        SOURCES[rnd.nextInt(SOURCES.length)], COUNTRIES[rnd.nextInt(COUNTRIES.length)], "Import",
                        String.valueOf(rnd.nextInt(20)), String.format("%.1f", rnd.nextDouble() * 6),
                        String.valueOf(rnd.nextInt(2000)), String.valueOf(rnd.nextInt(12)), status,
                        status.equals("OPEN") ? "" : created));
                w.write('\n');
            }
        }
        return bad;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(name + " not in " + json);
        }
        return m.group(1);
    }
}
