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
}
