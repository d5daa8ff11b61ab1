package io.leadscore.scoring;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureEncoderTest {

    static TrainingRow row(int i, boolean qualified, Map<String, Object> values) {
        Instant created = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 3600L);
        return new TrainingRow(String.format("%05d", i), values::get, qualified, created,
                qualified ? created.plusSeconds(86_400L * (1 + i % 5)) : created.plusSeconds(86_400));
    }

    /** 200 rows: industry Finance ×100, Retail ×60, Mining ×3 (rare), missing ×37; visits 0..9 with some missing. */
    static List<TrainingRow> rows() {
        List<TrainingRow> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Map<String, Object> v = new HashMap<>();
            if (i < 100) {
                v.put("industry", "Finance");
            } else if (i < 160) {
                v.put("industry", "Retail");
            } else if (i < 163) {
                v.put("industry", "Mining");
            }
            if (i % 10 != 0) {
                v.put("attributes/visits", (double) (i % 10));
            }
            v.put("email", i % 2 == 0 ? "a" + i + "@contoso.example" : "b" + i + "@gmail.com");
            rows.add(row(i, i < 70 || i % 7 == 0, v));
        }
        return rows;
    }

    private static final List<AttributeSpec> SPECS = List.of(
            new AttributeSpec("industry", "Industry", false),
            new AttributeSpec("attributes/visits", "Visits", false),
            new AttributeSpec("email", "Email", false));

    @Test
    void detectsKindsAndEncodesFrequentValuesOtherAndMissing() {
        FeatureEncoder e = FeatureEncoder.fit(SPECS, rows());
        assertInstanceOf(FeatureColumn.Categorical.class, e.columns().get(0));
        assertInstanceOf(FeatureColumn.Numeric.class, e.columns().get(1));
        // Finance, Retail, other, missing — Mining (3 rows) is too rare to be its own value
        assertEquals(4, e.columns().get(0).width());
        float[] x = new float[e.width()];
        e.encode(Map.<String, Object>of("industry", "Retail")::get, x, 0);
        assertArrayEquals(new float[] {0, 1, 0, 0}, slice(x, 0, 4));
        e.encode(Map.<String, Object>of("industry", "Mining")::get, x, 0);
        assertArrayEquals(new float[] {0, 0, 1, 0}, slice(x, 0, 4));
        e.encode(Map.<String, Object>of()::get, x, 0);
        assertArrayEquals(new float[] {0, 0, 0, 1}, slice(x, 0, 4));
    }

    @Test
    void numbersAreStandardisedOnTrainingRowsWithAMissingIndicator() {
        List<TrainingRow> rows = rows();
        FeatureEncoder e = FeatureEncoder.fit(SPECS, rows);
        int offset = e.columns().get(0).width();
        double sum = 0;
        int present = 0;
        float[] x = new float[e.width()];
        for (TrainingRow r : rows) {
            e.encode(r.features(), x, 0);
            if (x[offset + 1] == 0f) {
                sum += x[offset];
                present++;
            }
        }
        assertEquals(180, present);
        assertEquals(0, sum / present, 1e-4);
        e.encode(Map.<String, Object>of()::get, x, 0);
        assertEquals(0f, x[offset]);
        assertEquals(1f, x[offset + 1]);
    }

    @Test
    void ignoredEmptyValuesHaveNoColumnAndAreNeverTypical() {
        List<AttributeSpec> specs = List.of(new AttributeSpec("industry", "Industry", true));
        FeatureEncoder e = FeatureEncoder.fit(specs, rows());
        assertEquals(3, e.width()); // Finance, Retail, other
        float[] x = new float[3];
        e.encode(Map.<String, Object>of()::get, x, 0);
        assertArrayEquals(new float[] {0, 0, 0}, x);
        assertEquals(3, e.columns().get(0).typicalSlices.length);
    }

    @Test
    void emailsAreReadAsTheKindOfTheirDomain() {
        FeatureEncoder e = FeatureEncoder.fit(SPECS, rows());
        FeatureColumn email = e.columns().get(2);
        assertEquals(Intelligence.BUSINESS, email.read(Map.<String, Object>of("email", "ada@contoso.example")::get));
        assertEquals(Intelligence.FREE_MAIL, email.read(Map.<String, Object>of("email", "ada@GMail.com")::get));
        assertEquals(Intelligence.INVALID, email.read(Map.<String, Object>of("email", "not an address")::get));
        assertEquals(Intelligence.VALID, Intelligence.derive("lastName", "Lovelace"));
        assertEquals(Intelligence.INVALID, Intelligence.derive("lastName", "xxxx"));
        assertEquals(Intelligence.INVALID, Intelligence.derive("firstName", "asdf"));
        assertEquals(Intelligence.VALID, Intelligence.derive("phone", "+44 20 7946 0000"));
        assertEquals(Intelligence.INVALID, Intelligence.derive("phone", "n/a"));
    }

    @Test
    void statisticsSayHowManyQualifiedAndHowFast() {
        List<TrainingRow> rows = rows();
        FeatureEncoder e = FeatureEncoder.fit(SPECS, rows);
        e.computeStatistics(rows);
        ValueGroup finance = e.columns().get(0).group("Finance");
        assertEquals(100, finance.leads());
        // rows 0..69 qualify, and of 70..99 those divisible by 7: 70, 77, 84, 91, 98
        assertEquals(75, finance.qualified());
        assertTrue(finance.medianDaysToQualify() >= 1 && finance.medianDaysToQualify() <= 5);
    }

    @Test
    void savedAndRestoredEncoderEncodesIdentically() {
        List<TrainingRow> rows = rows();
        FeatureEncoder e = FeatureEncoder.fit(SPECS, rows);
        e.computeStatistics(rows);
        FeatureEncoder restored = FeatureEncoder.fromJson(e.toJson());
        assertEquals(e.toJson(), restored.toJson());
        float[] a = new float[e.width()];
        float[] b = new float[e.width()];
        for (TrainingRow r : rows) {
            e.encode(r.features(), a, 0);
            restored.encode(r.features(), b, 0);
            assertArrayEquals(a, b);
        }
    }

    private static float[] slice(float[] x, int from, int to) {
        float[] out = new float[to - from];
        System.arraycopy(x, from, out, 0, out.length);
        return out;
    }

    /** Minutes on the website: a third of the leads spent none, a few have 999 ("never left"), the rest spread. */
    static List<TrainingRow> minutes() {
        List<TrainingRow> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double m = i < 100 ? 0 : i < 120 ? 999 : (i - 120) * 2.0;
            rows.add(row(i, i % 3 == 0, Map.of("attributes/minutes", m)));
        }
        return rows;
    }

    @Test
    void numbersArePiecewiseLinearOverQuantileBinsWithFrequentValuesApart() {
        List<AttributeSpec> specs = List.of(new AttributeSpec("attributes/minutes", "Minutes", false));
        FeatureEncoder e = FeatureEncoder.fit(specs, minutes());
        FeatureColumn.Numeric c = (FeatureColumn.Numeric) e.columns().get(0);
        assertArrayEquals(new double[] {0, 999}, FeatureColumn.Numeric.specials(sorted(minutes())));
        float[] x = new float[e.width()];
        int bins = e.width() - 1 - 2; // the standardised value first, the two special values last
        e.encode(Map.<String, Object>of("attributes/minutes", 0.0)::get, x, 0);
        assertEquals(1f, x[e.width() - 2], "0 has its own indicator");
        assertEquals(0f, x[e.width() - 1]);
        e.encode(Map.<String, Object>of("attributes/minutes", 999.0)::get, x, 0);
        assertEquals(1f, x[e.width() - 1], "999 has its own indicator");
        for (int b = 1; b <= bins; b++) {
            assertEquals(1f, x[b], "999 is the largest value: every bin is full");
        }
        // a value inside the range: the bins below it full, the one it falls in partly, those above it empty
        e.encode(Map.<String, Object>of("attributes/minutes", 200.0)::get, x, 0);
        int partly = 0;
        boolean seenEmpty = false;
        for (int b = 1; b <= bins; b++) {
            assertTrue(x[b] >= 0f && x[b] <= 1f);
            if (x[b] > 0f && x[b] < 1f) {
                partly++;
            }
            if (x[b] == 0f) {
                seenEmpty = true;
            } else {
                assertTrue(!seenEmpty, "a bin is filled only when every bin below it is full");
            }
        }
        assertEquals(1, partly);
        assertEquals(0f, x[e.width() - 2] + x[e.width() - 1], "200 is no special value");
        assertTrue(bins >= 4 && bins <= FeatureColumn.Numeric.PIECES, "bins " + bins);
        assertEquals(c.width(), e.width());
    }

    @Test
    void aVersionSavedBeforePiecewiseLinearEncodingReadsAsItWasTrained() {
        List<AttributeSpec> specs = List.of(new AttributeSpec("attributes/minutes", "Minutes", false));
        FeatureEncoder old = FeatureEncoder.fit(specs, minutes(), new FeatureEncoder.Encoding(false, false));
        jakarta.json.JsonObject saved = old.toJson();
        // as earlier versions wrote it: neither "pieces" nor "specials"
        jakarta.json.JsonObject column = saved.getJsonArray("columns").getJsonObject(0);
        jakarta.json.JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder(column);
        b.remove("specials");
        saved = jakarta.json.Json.createObjectBuilder().add("columns", jakarta.json.Json.createArrayBuilder().add(b))
                .build();
        FeatureEncoder restored = FeatureEncoder.fromJson(saved);
        assertEquals(old.width(), restored.width());
        assertEquals(1 + 4 + 1, old.width(), "the value and a one-hot quintile (no missing values here)");
        float[] a = new float[old.width()];
        float[] r = new float[old.width()];
        for (TrainingRow row : minutes()) {
            old.encode(row.features(), a, 0);
            restored.encode(row.features(), r, 0);
            assertArrayEquals(a, r);
        }
    }

    private static double[] sorted(List<TrainingRow> rows) {
        return rows.stream().mapToDouble(r -> ((Number) r.features().value("attributes/minutes")).doubleValue())
                .sorted().toArray();
    }
}
