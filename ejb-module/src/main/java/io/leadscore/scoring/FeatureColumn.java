package io.leadscore.scoring;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import static io.leadscore.common.Jsons.JSON;

/**
 * How one attribute becomes numbers for the network, fitted on training rows only. A categorical
 * attribute is one-hot over its frequent values plus "other" and "missing"; a numeric attribute is
 * standardised (log-scaled first when it is heavily skewed) with a missing indicator. Each column also
 * knows the values a typical lead takes (for reasons: "compared with a typical lead") and the training
 * statistics of each value (for insights).
 */
public abstract sealed class FeatureColumn permits FeatureColumn.Categorical, FeatureColumn.Numeric {

    static final String MISSING = "__missing__";
    static final String OTHER = "__other__";

    final AttributeSpec spec;
    /** Read through an intelligent field (see {@link Intelligence}); decided once, not per lead. */
    private final boolean intelligent;
    /** Training statistics per value group, keyed as {@link #groupKey}. */
    final Map<String, ValueGroup> groups = new LinkedHashMap<>();
    /** Typical values, each as its encoded slice, with the share of training rows that had it. */
    float[][] typicalSlices;
    double[] typicalWeights;

    FeatureColumn(AttributeSpec spec) {
        this.spec = spec;
        this.intelligent = Intelligence.applies(spec.path());
    }

    public AttributeSpec spec() {
        return spec;
    }

    abstract int width();

    /** Writes the encoding of a derived value (or null) at {@code offset}. */
    abstract void encode(Object value, float[] row, int offset);

    /** The statistics group a derived value falls in. */
    abstract String groupKey(Object value);

    /** The value as people read it in a reason. */
    abstract String display(Object value);

    abstract void writeJson(JsonObjectBuilder json);

    /** The statistics groups and how people read them, in display order. */
    abstract Map<String, String> descriptions();

    /** The value the model sees for this column in a lead. */
    Object read(FeatureSource source) {
        Object raw = source.value(spec.path());
        return clean(intelligent ? Intelligence.derive(spec.path(), raw) : raw);
    }

    private static Object clean(Object v) {
        if (v instanceof String s) {
            if (s.isEmpty()) {
                return null;
            }
            if (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
                String t = s.trim();
                return t.isEmpty() ? null : t;
            }
        }
        return v;
    }

    /** A lead's value for an attribute, through its intelligent field if it has one; blank text is missing. */
    static Object readValue(AttributeSpec spec, FeatureSource source) {
        return clean(Intelligence.derive(spec.path(), source.value(spec.path())));
    }

    boolean ignored(Object value) {
        return value == null && spec.ignoreEmpty();
    }

    ValueGroup group(Object value) {
        return groups.get(groupKey(value));
    }

    void computeGroups(List<Object> values, List<TrainingRow> rows, Map<String, String> descriptions) {
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (String key : descriptions.keySet()) {
            members.put(key, new ArrayList<>());
        }
        for (int i = 0; i < values.size(); i++) {
            members.computeIfAbsent(groupKey(values.get(i)), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> e : members.entrySet()) {
            int qualified = 0;
            List<Double> days = new ArrayList<>();
            for (int i : e.getValue()) {
                TrainingRow r = rows.get(i);
                if (r.qualified()) {
                    qualified++;
                    if (r.createdOn() != null && r.closedOn() != null) {
                        days.add((r.closedOn().toEpochMilli() - r.createdOn().toEpochMilli()) / 86_400_000.0);
                    }
                }
            }
            groups.put(e.getKey(), new ValueGroup(e.getKey(), descriptions.getOrDefault(e.getKey(), e.getKey()),
                    e.getValue().size(), qualified, median(days)));
        }
    }

    void writeGroups(JsonObjectBuilder json) {
        JsonArrayBuilder arr = JSON.createArrayBuilder();
        for (ValueGroup g : groups.values()) {
            JsonObjectBuilder o = JSON.createObjectBuilder().add("key", g.key()).add("description", g.description())
                    .add("leads", g.leads()).add("qualified", g.qualified());
            if (g.medianDaysToQualify() != null) {
                o.add("medianDays", g.medianDaysToQualify());
            }
            arr.add(o);
        }
        json.add("groups", arr);
        JsonArrayBuilder weights = JSON.createArrayBuilder();
        Arrays.stream(typicalWeights).forEach(weights::add);
        json.add("typicalWeights", weights);
    }

    void readGroups(JsonObject json) {
        for (JsonValue v : json.getJsonArray("groups")) {
            JsonObject g = v.asJsonObject();
            JsonNumber days = g.containsKey("medianDays") ? g.getJsonNumber("medianDays") : null;
            groups.put(g.getString("key"), new ValueGroup(g.getString("key"), g.getString("description"),
                    g.getInt("leads"), g.getInt("qualified"), days == null ? null : days.doubleValue()));
        }
    }

    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Categorical or numeric, as the training values say: numeric when every present value is a number. */
    static FeatureColumn fit(AttributeSpec spec, List<Object> values, FeatureEncoder.Encoding encoding) {
        boolean numeric = values.stream().anyMatch(v -> v != null)
                && values.stream().allMatch(v -> v == null || v instanceof Number);
        return numeric ? Numeric.fit(spec, values, encoding) : Categorical.fit(spec, values);
    }

    static FeatureColumn fromJson(JsonObject json) {
        AttributeSpec spec = new AttributeSpec(json.getString("path"), json.getString("label"),
                json.getBoolean("ignoreEmpty"));
        FeatureColumn c = json.getString("kind").equals("numeric") ? Numeric.read(spec, json)
                : Categorical.read(spec, json);
        c.readGroups(json);
        c.typicalWeights = json.getJsonArray("typicalWeights").getValuesAs(JsonNumber.class).stream()
                .mapToDouble(JsonNumber::doubleValue).toArray();
        c.buildTypicalSlices();
        return c;
    }

    JsonObject toJson() {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("path", spec.path()).add("label", spec.label())
                .add("ignoreEmpty", spec.ignoreEmpty());
        writeJson(b);
        writeGroups(b);
        return b.build();
    }

    /** The typical values in the order of {@link #typicalWeights}, as encoded slices. */
    abstract List<Object> typicalValues();

    void buildTypicalSlices() {
        List<Object> typical = typicalValues();
        typicalSlices = new float[typical.size()][];
        for (int i = 0; i < typical.size(); i++) {
            typicalSlices[i] = new float[width()];
            encode(typical.get(i), typicalSlices[i], 0);
        }
    }

    /** A categorical attribute: one-hot over the frequent values, "other" and (unless ignored) "missing". */
    static final class Categorical extends FeatureColumn {
        private final List<String> levels;
        private final Map<String, Integer> index = new HashMap<>();

        private Categorical(AttributeSpec spec, List<String> levels) {
            super(spec);
            this.levels = levels;
            for (int i = 0; i < levels.size(); i++) {
                index.put(levels.get(i), i);
            }
        }

        static Categorical fit(AttributeSpec spec, List<Object> values) {
            Map<String, Integer> counts = new HashMap<>();
            int present = 0;
            for (Object v : values) {
                if (v != null) {
                    counts.merge(text(v), 1, Integer::sum);
                    present++;
                }
            }
            // a value seen fewer than 10 times (fewer on small data) says too little on its own: it is "other"
            int minCount = Math.max(5, Math.min(10, present / 100));
            List<String> levels = counts.entrySet().stream()
                    .filter(e -> e.getValue() >= minCount)
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(100)
                    .map(Map.Entry::getKey)
                    .toList();
            Categorical c = new Categorical(spec, new ArrayList<>(levels));
            Map<String, Double> share = new LinkedHashMap<>();
            for (Object v : values) {
                if (!c.ignored(v)) {
                    share.merge(c.groupKey(v), 1.0, Double::sum);
                }
            }
            double total = share.values().stream().mapToDouble(Double::doubleValue).sum();
            c.typicalWeights = c.typicalKeys().stream().mapToDouble(k -> share.getOrDefault(k, 0.0) / Math.max(1, total))
                    .toArray();
            c.buildTypicalSlices();
            return c;
        }

        static Categorical read(AttributeSpec spec, JsonObject json) {
            return new Categorical(spec, json.getJsonArray("levels").getValuesAs(jakarta.json.JsonString.class)
                    .stream().map(jakarta.json.JsonString::getString).toList());
        }

        private static String text(Object v) {
            if (v instanceof Number n) {
                double d = n.doubleValue();
                return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
            }
            return v.toString();
        }

        private List<String> typicalKeys() {
            List<String> keys = new ArrayList<>(levels);
            keys.add(OTHER);
            if (!spec.ignoreEmpty()) {
                keys.add(MISSING);
            }
            return keys;
        }

        @Override
        List<Object> typicalValues() {
            List<Object> values = new ArrayList<>(levels);
            values.add(OTHER);
            if (!spec.ignoreEmpty()) {
                values.add(null);
            }
            return values;
        }

        @Override
        int width() {
            return levels.size() + 1 + (spec.ignoreEmpty() ? 0 : 1);
        }

        @Override
        void encode(Object value, float[] row, int offset) {
            Arrays.fill(row, offset, offset + width(), 0f);
            int slot;
            if (value == null) {
                if (spec.ignoreEmpty()) {
                    return;
                }
                slot = levels.size() + 1;
            } else {
                Integer i = index.get(text(value));
                slot = i == null ? levels.size() : i;
            }
            if (typicalWeights[slot] == 0) {
                // a kind of value training never saw (no lead without a job title, say): the network learnt
                // nothing for its column, so it reads as a typical lead rather than as an accident of the weights
                for (int k = 0; k < typicalWeights.length; k++) {
                    row[offset + k] = (float) typicalWeights[k];
                }
                return;
            }
            row[offset + slot] = 1f;
        }

        @Override
        String groupKey(Object value) {
            if (value == null) {
                return MISSING;
            }
            String t = text(value);
            return index.containsKey(t) ? t : OTHER;
        }

        @Override
        String display(Object value) {
            return value == null ? null : text(value);
        }

        @Override
        Map<String, String> descriptions() {
            Map<String, String> d = new LinkedHashMap<>();
            for (String l : levels) {
                d.put(l, l);
            }
            d.put(OTHER, "another value");
            d.put(MISSING, "no value");
            return d;
        }

        @Override
        void writeJson(JsonObjectBuilder json) {
            JsonArrayBuilder arr = JSON.createArrayBuilder();
            levels.forEach(arr::add);
            json.add("kind", "categorical").add("levels", arr);
        }
    }

    /**
     * A numeric attribute: standardised (log-scaled when skewed) and clipped, with a missing indicator; then its
     * piecewise-linear encoding over quantile bins (Gorishniy et al., NeurIPS 2022: one component per bin, 0 below
     * it, 1 above it, the position inside it in between), which lets a small network draw the steps and bends that
     * trees find; and an indicator for each frequent exact value ("no visit at all", a 999 that means "never"),
     * kept apart from the numeric range. Versions trained before piecewise-linear encoding one-hot the quintile
     * instead, and still read that way.
     */
    static final class Numeric extends FeatureColumn {
        /** At most this many piecewise-linear bins; fewer when the attribute has fewer distinct values. */
        static final int PIECES = 16;
        /** A value is special when at least this share of the leads with a value have exactly it. */
        static final double SPECIAL_SHARE = 0.05;
        static final int MAX_SPECIALS = 3;

        private final boolean log;
        private final double mean;
        private final double std;
        private final boolean missingIndicator;
        /** Upper bounds of the insight ranges (quintiles of the training values). */
        private final double[] edges;
        /** Representative values of a typical lead: the training deciles. */
        private final double[] deciles;
        /** Bounds of the piecewise-linear bins, ascending (bins + 1 values); null: one-hot quintiles (older versions). */
        private final double[] pieces;
        /** Values with an indicator of their own. */
        private final double[] specials;

        private Numeric(AttributeSpec spec, boolean log, double mean, double std, boolean missingIndicator,
                        double[] edges, double[] deciles, double[] pieces, double[] specials) {
            super(spec);
            this.log = log;
            this.mean = mean;
            this.std = std;
            this.missingIndicator = missingIndicator;
            this.edges = edges;
            this.deciles = deciles;
            this.pieces = pieces;
            this.specials = specials;
        }

        static Numeric fit(AttributeSpec spec, List<Object> values, FeatureEncoder.Encoding encoding) {
            double[] v = values.stream().filter(x -> x != null).mapToDouble(x -> ((Number) x).doubleValue())
                    .sorted().toArray();
            int missing = values.size() - v.length;
            boolean nonNegative = v[0] >= 0;
            boolean log = nonNegative && skewness(v) > 2;
            double[] t = Arrays.stream(v).map(x -> log ? Math.log1p(x) : x).toArray();
            double mean = Arrays.stream(t).average().orElse(0);
            double var = Arrays.stream(t).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, t.length - 1);
            double std = var > 1e-12 ? Math.sqrt(var) : 1;
            double[] edges = Arrays.stream(new double[] {0.2, 0.4, 0.6, 0.8}).map(q -> quantile(v, q))
                    .distinct().toArray();
            double[] deciles = new double[10];
            for (int i = 0; i < 10; i++) {
                deciles[i] = quantile(v, 0.05 + 0.1 * i);
            }
            double[] specials = encoding.specialValues() ? specials(v) : new double[0];
            double[] pieces = encoding.piecewiseLinear() ? pieces(v) : null;
            Numeric n = new Numeric(spec, log, mean, std, missing > 0 && !spec.ignoreEmpty(), edges, deciles,
                    pieces, specials);
            double missRate = spec.ignoreEmpty() || values.isEmpty() ? 0 : (double) missing / values.size();
            n.typicalWeights = new double[n.typicalValues().size()];
            for (int i = 0; i < 10; i++) {
                n.typicalWeights[i] = (1 - missRate) / 10;
            }
            if (n.typicalWeights.length > 10) {
                n.typicalWeights[10] = missRate;
            }
            n.buildTypicalSlices();
            return n;
        }

        /** The most frequent exact values, each held by at least {@link #SPECIAL_SHARE} of the values (sorted). */
        static double[] specials(double[] sorted) {
            List<double[]> runs = new ArrayList<>();
            for (int i = 0; i < sorted.length; ) {
                int j = i;
                while (j < sorted.length && sorted[j] == sorted[i]) {
                    j++;
                }
                if (j - i >= SPECIAL_SHARE * sorted.length && j - i < sorted.length) {
                    runs.add(new double[] {sorted[i], j - i});
                }
                i = j;
            }
            return runs.stream().sorted((a, b) -> Double.compare(b[1], a[1])).limit(MAX_SPECIALS)
                    .mapToDouble(r -> r[0]).sorted().toArray();
        }

        /** Quantile bounds of the piecewise-linear bins: distinct, from the smallest to the largest training value. */
        static double[] pieces(double[] sorted) {
            double[] q = new double[PIECES + 1];
            for (int i = 0; i <= PIECES; i++) {
                q[i] = quantile(sorted, (double) i / PIECES);
            }
            double[] d = Arrays.stream(q).distinct().toArray();
            return d.length >= 2 ? d : new double[] {d[0], d[0] + 1};
        }

        static Numeric read(AttributeSpec spec, JsonObject json) {
            return new Numeric(spec, json.getBoolean("log"), json.getJsonNumber("mean").doubleValue(),
                    json.getJsonNumber("std").doubleValue(), json.getBoolean("missingIndicator"),
                    doubles(json, "edges"), doubles(json, "deciles"),
                    json.containsKey("pieces") ? doubles(json, "pieces") : null,
                    json.containsKey("specials") ? doubles(json, "specials") : new double[0]);
        }

        private static double[] doubles(JsonObject json, String name) {
            return json.getJsonArray(name).getValuesAs(JsonNumber.class).stream()
                    .mapToDouble(JsonNumber::doubleValue).toArray();
        }

        private static double skewness(double[] v) {
            double m = Arrays.stream(v).average().orElse(0);
            double m2 = Arrays.stream(v).map(x -> (x - m) * (x - m)).average().orElse(0);
            double m3 = Arrays.stream(v).map(x -> (x - m) * (x - m) * (x - m)).average().orElse(0);
            return m2 < 1e-12 ? 0 : m3 / Math.pow(m2, 1.5);
        }

        static double quantile(double[] sorted, double q) {
            if (sorted.length == 0) {
                return 0;
            }
            double pos = q * (sorted.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(sorted.length - 1, lo + 1);
            return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }

        double median() {
            return (deciles[4] + deciles[5]) / 2;
        }

        @Override
        List<Object> typicalValues() {
            List<Object> values = new ArrayList<>();
            for (double d : deciles) {
                values.add(d);
            }
            if (missingIndicator) {
                values.add(null);
            }
            return values;
        }

        @Override
        int width() {
            return (missingIndicator ? 2 : 1) + (pieces == null ? edges.length + 1 : pieces.length - 1) + specials.length;
        }

        private int bin(double x) {
            int bin = 0;
            while (bin < edges.length && x > edges[bin]) {
                bin++;
            }
            return bin;
        }

        @Override
        void encode(Object value, float[] row, int offset) {
            java.util.Arrays.fill(row, offset, offset + width(), 0f);
            int bins = offset + (missingIndicator ? 2 : 1);
            if (value == null) {
                if (missingIndicator) {
                    row[offset + 1] = 1f;
                }
                return;
            }
            double x = ((Number) value).doubleValue();
            double t = log ? Math.log1p(Math.max(0, x)) : x;
            double z = (t - mean) / std;
            row[offset] = (float) Math.max(-5, Math.min(5, z));
            int next;
            if (pieces == null) {
                row[bins + bin(x)] = 1f;
                next = bins + edges.length + 1;
            } else {
                for (int i = 0; i + 1 < pieces.length; i++) {
                    double lo = pieces[i];
                    double hi = pieces[i + 1];
                    row[bins + i] = x >= hi ? 1f : x <= lo ? 0f : (float) ((x - lo) / (hi - lo));
                }
                next = bins + pieces.length - 1;
            }
            for (int i = 0; i < specials.length; i++) {
                if (x == specials[i]) {
                    row[next + i] = 1f;
                }
            }
        }

        @Override
        Object read(FeatureSource source) {
            Object v = super.read(source);
            if (v instanceof String s) {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return v instanceof Boolean b ? (b ? 1.0 : 0.0) : v;
        }

        @Override
        String groupKey(Object value) {
            if (value == null) {
                return MISSING;
            }
            return "bin" + bin(((Number) value).doubleValue());
        }

        @Override
        Map<String, String> descriptions() {
            Map<String, String> d = new LinkedHashMap<>();
            for (int i = 0; i <= edges.length; i++) {
                String desc;
                if (edges.length == 0) {
                    desc = "any value";
                } else if (i == 0) {
                    desc = "up to " + number(edges[0]);
                } else if (i == edges.length) {
                    desc = "more than " + number(edges[i - 1]);
                } else {
                    desc = "from " + number(edges[i - 1]) + " to " + number(edges[i]);
                }
                d.put("bin" + i, desc);
            }
            d.put(MISSING, "no value");
            return d;
        }

        @Override
        String display(Object value) {
            return value == null ? null : number(((Number) value).doubleValue());
        }

        static String number(double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return new java.math.BigDecimal(d).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        }

        @Override
        void writeJson(JsonObjectBuilder json) {
            JsonArrayBuilder e = JSON.createArrayBuilder();
            Arrays.stream(edges).forEach(e::add);
            JsonArrayBuilder d = JSON.createArrayBuilder();
            Arrays.stream(deciles).forEach(d::add);
            json.add("kind", "numeric").add("log", log).add("mean", mean).add("std", std)
                    .add("missingIndicator", missingIndicator).add("edges", e).add("deciles", d);
            if (pieces != null) {
                JsonArrayBuilder p = JSON.createArrayBuilder();
                Arrays.stream(pieces).forEach(p::add);
                json.add("pieces", p);
            }
            JsonArrayBuilder sp = JSON.createArrayBuilder();
            Arrays.stream(specials).forEach(sp::add);
            json.add("specials", sp);
        }
    }
}
