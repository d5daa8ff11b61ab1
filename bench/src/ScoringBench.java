import io.leadscore.scoring.AttributeSpec;
import io.leadscore.scoring.Contribution;
import io.leadscore.scoring.FeatureSource;
import io.leadscore.scoring.Reason;
import io.leadscore.scoring.ScoringModel;
import io.leadscore.scoring.Trainer;
import io.leadscore.scoring.TrainingResult;
import io.leadscore.scoring.TrainingRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * bench/scoring: the scoring engine in process, on X Education (no-leakage columns): training time,
 * batch scoring throughput (encode + network + calibration, as the batch path of ScoringService and the
 * rescore job call it) and single-lead latency with every reason (as GET /leads/{id}/score computes it).
 *
 * java -cp <ejb-module classes and dependencies> bench/src/ScoringBench.java <dataDir> <command>
 */
public class ScoringBench {

    static final Set<String> SKIP = Set.of("Prospect ID", "Lead Number", "Converted", "Tags", "Lead Quality",
            "Lead Profile", "Asymmetrique Activity Index", "Asymmetrique Profile Index", "Asymmetrique Activity Score",
            "Asymmetrique Profile Score");

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String command = args[1];
        List<CSVRecord> records;
        try (Reader r = Files.newBufferedReader(data.resolve("leads-xeducation.csv"))) {
            records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
        List<String> header = records.get(0).getParser().getHeaderNames();
        List<AttributeSpec> specs = header.stream().filter(h -> !SKIP.contains(h))
                .map(h -> new AttributeSpec("attributes/" + h, h, false)).toList();
        List<TrainingRow> rows = new ArrayList<>();
        List<FeatureSource> leads = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> v = new HashMap<>();
            for (String h : header) {
                String s = records.get(i).get(h);
                if (s != null && !s.isEmpty() && !SKIP.contains(h)) {
                    v.put("attributes/" + h, number(s) != null ? number(s) : s);
                }
            }
            Instant created = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(600L * i);
            rows.add(new TrainingRow(String.format("%06d", i), v::get, records.get(i).get("Converted").equals("1"),
                    created, created.plusSeconds(86_400)));
            leads.add(v::get);
        }

        ExecutorService pool = Executors.newFixedThreadPool(2);
        double[] trainSeconds = new double[3];
        TrainingResult result = null;
        for (int i = 0; i < trainSeconds.length; i++) {
            long t = System.nanoTime();
            result = Trainer.train(specs, rows, Trainer.Options.defaults(20261127L), pool);
            trainSeconds[i] = (System.nanoTime() - t) / 1e9;
            System.out.printf("training on %d leads: %.1f s (%d epochs per fold)%n", rows.size(), trainSeconds[i],
                    result.fit().epochs());
        }
        pool.shutdown();
        ScoringModel model = result.model();

        // batch scoring: 200,000 leads (the 9,240 rows over and over) in batches of 5,000
        List<FeatureSource> batch = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            batch.add(leads.get(i % leads.size()));
        }
        int batches = 40;
        double[] rates = new double[7];
        for (int run = -2; run < rates.length; run++) {
            long t = System.nanoTime();
            double sum = 0;
            for (int b = 0; b < batches; b++) {
                sum += model.probabilities(batch)[b];
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            if (run >= 0) {
                rates[run] = batches * batch.size() / seconds;
                System.out.printf("batch scoring: %,.0f leads/s (checksum %.3f)%n", rates[run], sum);
            }
        }

        // the same on two threads at once, as two partitions of the rescore job run
        double[] rates2 = new double[5];
        ExecutorService two = Executors.newFixedThreadPool(2);
        for (int run = -1; run < rates2.length; run++) {
            long t = System.nanoTime();
            List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
            for (int th = 0; th < 2; th++) {
                fs.add(two.submit(() -> {
                    for (int b = 0; b < batches / 2; b++) {
                        model.probabilities(batch);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : fs) {
                f.get();
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            if (run >= 0) {
                rates2[run] = batches * batch.size() / seconds;
                System.out.printf("batch scoring on 2 threads: %,.0f leads/s%n", rates2[run]);
            }
        }
        two.shutdown();
        Arrays.sort(rates2);

        // one lead with all its reasons, as GET /api/v1/leads/{id}/score computes them
        int calls = 3000;
        double[] ms = new double[calls];
        for (int i = -500; i < calls; i++) {
            FeatureSource lead = leads.get(Math.floorMod(i * 7919, leads.size()));
            long t = System.nanoTime();
            double p = model.probability(lead);
            List<Reason> reasons = new ArrayList<>();
            for (Contribution c : model.explain(lead)) {
                reasons.add(Reason.of(c));
            }
            long elapsed = System.nanoTime() - t;
            if (i >= 0) {
                ms[i] = elapsed / 1e6;
            }
            if (reasons.size() != specs.size() || p < 0) {
                throw new IllegalStateException("reasons");
            }
        }
        Arrays.sort(ms);
        double p50 = ms[calls / 2], p99 = ms[(int) (calls * 0.99)];
        System.out.printf("one lead with all %d reasons: p50 %.2f ms, p99 %.2f ms%n", specs.size(), p50, p99);

        Arrays.sort(rates);
        Arrays.sort(trainSeconds);
        StringBuilder md = new StringBuilder();
        md.append("## scoring — ").append(LocalDate.now()).append("\n\n");
        md.append("Machine: ").append(BenchReport.machine()).append(". Command: `").append(command).append("`. ")
                .append("In process (no server), the product's engine (`io.leadscore.scoring`) on X Education, ")
                .append(specs.size()).append(" no-leakage columns, ").append(model.encoder().width())
                .append(" network inputs, one 128-64 network distilled from four cross-fitted ones (a fifth measures).\n\n");
        md.append("| measurement | median | other runs | target |\n| --- | --- | --- | --- |\n");
        md.append(String.format("| training on 9,240 leads (encode, 5 networks on 2 threads, calibrate, distil, metrics, factors) | %.1f s | %s s | ≤ 15 s |%n",
                trainSeconds[1], Arrays.toString(Arrays.stream(trainSeconds).map(x -> Math.round(x * 10) / 10.0).toArray())));
        md.append(String.format("| batch scoring, batches of 5,000 (encode + network + calibration) | %,.0f leads/s | min %,.0f, max %,.0f | ≥ 200,000 leads/s |%n",
                rates[rates.length / 2], rates[0], rates[rates.length - 1]));
        md.append(String.format("| the same on 2 threads at once (as 2 partitions of the rescore job) | %,.0f leads/s | min %,.0f, max %,.0f | ≥ 200,000 leads/s |%n",
                rates2[rates2.length / 2], rates2[0], rates2[rates2.length - 1]));
        md.append(String.format("| one lead with all %d reasons (score, contributions, texts, insights), %d calls | p50 %.2f ms | p99 %.2f ms | p99 ≤ 5 ms |%n",
                specs.size(), calls, p50, p99));
        BenchReport.write("scoring", md.toString());
    }

    static Double number(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
