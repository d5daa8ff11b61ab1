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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/quality: model quality on ../shared/data with its fixed test split, through the product's own
 * path over REST. Training rows go in as leads and are qualified or disqualified by their label; test rows
 * go in as open leads; a model configuration is deployed, trained (which holds out the most recent 20 % of
 * the closed leads for its own metrics, calibrates and stores a version), published (which scores the
 * open leads); the scores the server gives the open leads are then compared with their labels.
 *
 * java bench/src/QualityBench.java <baseUrl> <dataDir> <command>
 */
public class QualityBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final ExecutorService POOL = Executors.newFixedThreadPool(8);
    static String base;

    static final Set<String> LEAKY = Set.of("Tags", "Lead Quality", "Lead Profile", "Asymmetrique Activity Index",
            "Asymmetrique Profile Index", "Asymmetrique Activity Score", "Asymmetrique Profile Score");
    static final Set<String> SNAPSHOT = Set.of("Last Activity", "Last Notable Activity");
    static final Set<String> NOT_FEATURES = Set.of("Prospect ID", "Lead Number", "Converted");

    record Variant(String name, String businessProcess, List<String> attributes, String baseline, double baselineAuc,
                   Double baselineEce, String target) {
    }

    record Outcome(Variant variant, Metrics test, Map<String, Object> version, int distinctScores, long trainMillis) {
    }

    public static void main(String[] args) throws Exception {
        base = args[0];
        Path data = Path.of(args[1]);
        String command = args[2];

        // X Education: every column but the identifiers and the target becomes a custom attribute
        List<Map<String, String>> xed = readCsv(data.resolve("leads-xeducation.csv"));
        Set<Integer> xedTest = testRows(data.resolve("split-test-ids.txt"));
        List<String> columns = new ArrayList<>(xed.get(0).keySet());
        List<String> noLeakage = columns.stream().filter(c -> !NOT_FEATURES.contains(c) && !LEAKY.contains(c))
                .map(c -> "attributes/" + c).toList();
        List<String> strict = noLeakage.stream().filter(a -> !SNAPSHOT.contains(a.substring(11))).toList();
        Map<String, Boolean> xedLabels = load("X Education", xed, xedTest, r -> r.get("Converted").equals("1"),
                r -> attributes(r, NOT_FEATURES));

        // Olist: the MQL file's columns only (the closed-deals columns exist for converted leads only)
        List<Map<String, String>> mql = readCsv(data.resolve("olist/olist-marketing-qualified-leads.csv"));
        Set<String> won = new HashSet<>();
        readCsv(data.resolve("olist/olist-closed-deals.csv")).forEach(r -> won.add(r.get("mql_id")));
        Set<Integer> olistTest = testRows(data.resolve("olist/split-test-ids.txt"));
        Map<String, Boolean> olistLabels = load("Olist", mql, olistTest, r -> won.contains(r.get("mql_id")), r -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("origin", r.get("origin"));
            a.put("landing_page_id", r.get("landing_page_id"));
            // the first contact as a number of days, so that the model can see the change of regime in 2018
            a.put("first_contact_day", LocalDate.parse(r.get("first_contact_date")).toEpochDay());
            return a;
        });

        List<Variant> variants = List.of(
                new Variant("X Education, no leakage (" + noLeakage.size() + " columns)", "X Education", noLeakage,
                        "XGBoost", 0.8947, 0.0291, "AUC ≥ 0.900, ECE ≤ 0.025 (issue #15)"),
                new Variant("X Education, strict (" + strict.size() + " columns)", "X Education", strict,
                        "HistGradientBoosting", 0.8603, 0.0356, "AUC ≥ 0.865, ECE ≤ 0.025 (issue #15)"),
                new Variant("Olist MQLs (origin, landing page, first contact day)", "Olist",
                        List.of("attributes/origin", "attributes/landing_page_id", "attributes/first_contact_day"),
                        "—", Double.NaN, null, "AUC ≥ 0.72, no collapse (issue #15)"));
        List<Outcome> outcomes = new ArrayList<>();
        for (Variant v : variants) {
            outcomes.add(evaluate(v, v.businessProcess().equals("Olist") ? olistLabels : xedLabels));
        }
        POOL.shutdown();
        report(outcomes, command);
    }

    // ---- data into the product ------------------------------------------------------------------------

    interface Label {
        boolean of(Map<String, String> row);
    }

    interface Attributes {
        Map<String, Object> of(Map<String, String> row);
    }

    /** Creates a lead per row (test rows stay open, the others are qualified or disqualified); returns label per lastName. */
    static Map<String, Boolean> load(String process, List<Map<String, String>> rows, Set<Integer> test, Label label,
                                     Attributes attributes) throws Exception {
        long start = System.nanoTime();
        Map<String, Boolean> testLabels = new HashMap<>();
        List<Future<?>> pending = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String lastName = process + " " + i;
            boolean qualified = label.of(row);
            boolean open = test.contains(i);
            if (open) {
                testLabels.put(lastName, qualified);
            }
            String body = "{\"lastName\":" + json(lastName) + ",\"businessProcess\":" + json(process)
                    + ",\"attributes\":" + json(attributes.of(row)) + "}";
            // created in file order, so that "the most recent 20 %" the product holds out is well defined
            Map<String, Object> lead = parse(send("POST", "/api/v1/leads", body, 201));
            if (!open) {
                pending.add(POOL.submit(() -> send("POST", "/api/v1/leads/" + lead.get("id")
                        + (qualified ? "/qualify" : "/disqualify"), null, 200)));
            }
        }
        for (Future<?> f : pending) {
            f.get();
        }
        System.out.printf("%s: %d leads in, %d open, in %.0f s%n", process, rows.size(), testLabels.size(),
                (System.nanoTime() - start) / 1e9);
        return testLabels;
    }

    static Map<String, Object> attributes(Map<String, String> row, Set<String> skip) {
        Map<String, Object> a = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            if (!skip.contains(k) && v != null && !v.isEmpty()) {
                a.put(k, number(v) != null ? number(v) : v);
            }
        });
        return a;
    }

    static Double number(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- one variant: deploy, train, publish, read the scores --------------------------------------------

    static Outcome evaluate(Variant v, Map<String, Boolean> labels) throws Exception {
        String name = "Quality " + v.name().replaceAll("[^A-Za-z0-9 ]", "").trim();
        StringBuilder attrs = new StringBuilder();
        for (String a : v.attributes()) {
            attrs.append(attrs.length() == 0 ? "" : ",").append(json(a));
        }
        String config = "{\"businessProcess\":" + json(v.businessProcess()) + ",\"attributes\":[" + attrs + "]}";
        Map<String, Object> model = parse(send("PUT", "/api/v1/models/by-name/" + enc(name).replace("+", "%20"), config, -1));
        String id = (String) model.get("id");
        send("POST", "/api/v1/models/" + id + "/train", null, 202);
        long start = System.nanoTime();
        while (true) {
            model = parse(send("GET", "/api/v1/models/" + id, null, 200));
            if (!"TRAINING".equals(model.get("status"))) {
                break;
            }
            Thread.sleep(500);
        }
        long trainMillis = (System.nanoTime() - start) / 1_000_000;
        if (!"TRAINED".equals(model.get("status"))) {
            throw new IllegalStateException("training failed: " + model.get("error"));
        }
        // only this model scores the business process while its scores are read
        for (Object m : (List<?>) parse(send("GET", "/api/v1/models", null, 200)).get("value")) {
            Map<?, ?> other = (Map<?, ?>) m;
            if (other.get("publishedVersion") != null && !other.get("id").equals(id)) {
                send("POST", "/api/v1/models/" + other.get("id") + "/unpublish", null, 200);
            }
        }
        send("POST", "/api/v1/models/" + id + "/publish", null, 200);
        String filter = "businessProcess eq '" + v.businessProcess() + "' and status eq 'OPEN' and score/modelId eq '" + id + "'";
        while (true) {
            Map<String, Object> c = parse(send("GET", "/api/v1/leads?top=0&count=true&filter=" + enc(filter), null, 200));
            if (((Number) c.get("count")).intValue() >= labels.size()) {
                break;
            }
            Thread.sleep(500);
        }
        List<Double> p = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        Set<Integer> distinct = new HashSet<>();
        String next = "/api/v1/leads?top=5000&filter=" + enc(filter);
        while (next != null) {
            Map<String, Object> page = parse(send("GET", next, null, 200));
            for (Object o : (List<?>) page.get("value")) {
                Map<?, ?> lead = (Map<?, ?>) o;
                int score = ((Number) ((Map<?, ?>) lead.get("score")).get("value")).intValue();
                p.add(score / 100.0);
                y.add(labels.get((String) lead.get("lastName")));
                distinct.add(score);
            }
            String link = (String) page.get("nextLink");
            next = link == null ? null : link.substring(link.indexOf("/api/"));
        }
        Map<String, Object> metrics = (Map<String, Object>) model.get("metrics");
        Metrics m = Metrics.of(p.stream().mapToDouble(Double::doubleValue).toArray(), y);
        System.out.printf("%s: test AUC %.4f, log loss %.4f, Brier %.4f, ECE %.4f (by chance alone %.4f, 95 %% %.4f; %d leads); "
                        + "in-product holdout AUC %s; training %d ms in the server (%s ms wall)%n", v.name(), m.auc, m.logLoss,
                m.brier, m.ece, m.calibratedEce[0], m.calibratedEce[1],
                p.size(), metrics.get("auc"), ((Number) metrics.get("trainingMillis")).longValue(), trainMillis);
        return new Outcome(v, m, metrics, distinct.size(), trainMillis);
    }

    // ---- metrics (the product computes its own on its holdout; these are on the fixed test split) ---------

    /**
     * {@code calibratedEce}: the ECE that a perfectly calibrated model with these same scores would show on this many
     * leads (median and 95th percentile of 2,000 draws, each lead qualifying with its score's probability): what
     * chance alone gives, to read the measured ECE against.
     */
    record Metrics(double auc, double logLoss, double brier, double ece, double predictedPositiveShare,
                   double[] calibratedEce) {
        static Metrics of(double[] p, List<Boolean> y) {
            int n = p.length;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
            // AUC by ranks, ties averaged (Mann-Whitney)
            double[] rank = new double[n];
            for (int i = 0; i < n; ) {
                int j = i;
                while (j < n && p[order[j]] == p[order[i]]) {
                    j++;
                }
                for (int k = i; k < j; k++) {
                    rank[order[k]] = (i + j + 1) / 2.0;
                }
                i = j;
            }
            double pos = 0, sumRanks = 0, logLoss = 0, brier = 0;
            double[] binP = new double[10], binY = new double[10], binN = new double[10];
            int predictedPositive = 0;
            for (int i = 0; i < n; i++) {
                boolean yi = y.get(i);
                if (yi) {
                    pos++;
                    sumRanks += rank[i];
                }
                double q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
                logLoss += yi ? -Math.log(q) : -Math.log(1 - q);
                brier += (p[i] - (yi ? 1 : 0)) * (p[i] - (yi ? 1 : 0));
                int b = Math.min(9, (int) Math.floor(p[i] * 10));
                binP[b] += p[i];
                binY[b] += yi ? 1 : 0;
                binN[b]++;
                predictedPositive += p[i] >= 0.5 ? 1 : 0;
            }
            double neg = n - pos;
            double auc = (sumRanks - pos * (pos + 1) / 2) / (pos * neg);
            return new Metrics(auc, logLoss / n, brier / n, ece(p, binP, binN, binY), predictedPositive / (double) n,
                    calibratedEce(p, binP, binN));
        }

        /** Expected calibration error over ten equal-width bins of the scores. */
        static double ece(double[] p, double[] binP, double[] binN, double[] binY) {
            double ece = 0;
            for (int b = 0; b < 10; b++) {
                if (binN[b] > 0) {
                    ece += binN[b] / p.length * Math.abs(binY[b] / binN[b] - binP[b] / binN[b]);
                }
            }
            return ece;
        }

        static double[] calibratedEce(double[] p, double[] binP, double[] binN) {
            java.util.Random random = new java.util.Random(20261208L);
            double[] draws = new double[2000];
            for (int d = 0; d < draws.length; d++) {
                double[] binY = new double[10];
                for (double q : p) {
                    binY[Math.min(9, (int) Math.floor(q * 10))] += random.nextDouble() < q ? 1 : 0;
                }
                draws[d] = ece(p, binP, binN, binY);
            }
            Arrays.sort(draws);
            return new double[] {draws[draws.length / 2], draws[(int) (draws.length * 0.95)]};
        }
    }

    // ---- report -------------------------------------------------------------------------------------------

    static void report(List<Outcome> outcomes, String command) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("## quality — ").append(LocalDate.now()).append("\n\n");
        md.append("Machine: ").append(BenchReport.machine()).append(". Command: `").append(command).append("`. ");
        md.append("Data: `../shared/data` with its fixed test splits; training rows loaded over REST as closed leads, ")
                .append("test rows as open leads; the configuration deployed, trained and published by the product; ")
                .append("the published scores (0–100, read back over REST) compared with the labels.\n\n");
        md.append("| data set | test AUC | log loss | Brier | ECE | ECE by chance alone | best baseline (BASELINES.md) | ")
                .append("target | in-product holdout AUC (most recent 20 %) | training in the server |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Outcome o : outcomes) {
            Variant v = o.variant();
            String baseline = Double.isNaN(v.baselineAuc()) ? "—" : String.format("%s: AUC %.4f%s", v.baseline(),
                    v.baselineAuc(), v.baselineEce() == null ? "" : String.format(", ECE %.4f", v.baselineEce()));
            md.append(String.format("| %s | %.4f | %.4f | %.4f | %.4f | %.4f (95 %%: %.4f) | %s | %s | %s | %.1f s (%d closed leads, %d epochs per fold, trees' share %.1f, %d rounds) |%n",
                    v.name(), o.test().auc(), o.test().logLoss(), o.test().brier(), o.test().ece(),
                    o.test().calibratedEce()[0], o.test().calibratedEce()[1], baseline,
                    v.target(), o.version().get("auc"),
                    ((Number) o.version().get("trainingMillis")).longValue() / 1000.0,
                    ((Number) o.version().get("trainingRows")).intValue(), ((Number) o.version().get("epochs")).intValue(),
                    ((Number) o.version().get("treeShare")).doubleValue(), ((Number) o.version().get("treeRounds")).intValue()));
        }
        md.append("\nNo collapse on Olist: ");
        Outcome olist = outcomes.get(outcomes.size() - 1);
        md.append(String.format("%d distinct scores over the %d test leads, AUC well above 0.5 and ECE %.4f: the model ranks "
                + "and is calibrated to the 10.5 %% base rate (%.1f %% of the leads score 50 or more).%n",
                olist.distinctScores(), 1600, olist.test().ece(), 100 * olist.test().predictedPositiveShare()));
        md.append("\nECE by chance alone: the ECE a perfectly calibrated model with the same scores would show on the same "
                + "number of test leads (median and 95th percentile of 2,000 draws in which each lead qualifies with its "
                + "score's probability). A measured ECE within that range is as calibrated as this many leads can show.\n");
        BenchReport.write("quality", md.toString());
    }

    // ---- HTTP, JSON and CSV, the minimum a single-file program needs ------------------------------------

    static String send(String method, String path, String body, int expected) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes()))
                .header("Accept", "application/json");
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (expected > 0 && r.statusCode() != expected) {
                    throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
                }
                return r.body();
            } catch (IOException e) {
                if (attempt == 3) {
                    throw new IllegalStateException(e);
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String json(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, val) -> sb.append(sb.length() > 1 ? "," : "").append(json(k.toString())).append(':').append(json(val)));
            return sb.append('}').toString();
        }
        String s = v.toString();
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A small JSON reader: objects, arrays, strings, numbers, true/false/null. */
    static Map<String, Object> parse(String text) {
        return (Map<String, Object>) new Object() {
            int i = 0;

            Object value() {
                skip();
                char c = text.charAt(i);
                if (c == '{') {
                    Map<String, Object> m = new LinkedHashMap<>();
                    i++;
                    skip();
                    if (text.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        skip();
                        String k = (String) value();
                        skip();
                        i++; // :
                        m.put(k, value());
                        skip();
                        if (text.charAt(i++) == '}') {
                            return m;
                        }
                    }
                }
                if (c == '[') {
                    List<Object> l = new ArrayList<>();
                    i++;
                    skip();
                    if (text.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        skip();
                        if (text.charAt(i++) == ']') {
                            return l;
                        }
                    }
                }
                if (c == '"') {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    while (text.charAt(i) != '"') {
                        char ch = text.charAt(i++);
                        if (ch == '\\') {
                            char e = text.charAt(i++);
                            switch (e) {
                                case 'n' -> sb.append('\n');
                                case 't' -> sb.append('\t');
                                case 'r' -> sb.append('\r');
                                case 'b' -> sb.append('\b');
                                case 'f' -> sb.append('\f');
                                case 'u' -> {
                                    sb.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
                                    i += 4;
                                }
                                default -> sb.append(e);
                            }
                        } else {
                            sb.append(ch);
                        }
                    }
                    i++;
                    return sb.toString();
                }
                if (text.startsWith("true", i)) {
                    i += 4;
                    return Boolean.TRUE;
                }
                if (text.startsWith("false", i)) {
                    i += 5;
                    return Boolean.FALSE;
                }
                if (text.startsWith("null", i)) {
                    i += 4;
                    return null;
                }
                Matcher m = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?").matcher(text).region(i, text.length());
                m.lookingAt();
                i = m.end();
                return Double.parseDouble(m.group());
            }

            void skip() {
                while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
            }
        }.value();
    }

    static Set<Integer> testRows(Path file) throws IOException {
        Set<Integer> rows = new HashSet<>();
        for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            if (!line.isBlank()) {
                rows.add(Integer.parseInt(line.substring(0, line.indexOf(','))));
            }
        }
        return rows;
    }

    /** RFC 4180: quoted fields, doubled quotes, CRLF or LF. */
    static List<Map<String, String>> readCsv(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> r : records.subList(1, records.size())) {
            if (r.size() == 1 && r.get(0).isEmpty()) {
                continue;
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int k = 0; k < header.size(); k++) {
                m.put(header.get(k), k < r.size() ? r.get(k) : "");
            }
            rows.add(m);
        }
        return rows;
    }
}
