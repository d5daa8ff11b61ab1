package io.leadscore.scoring;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import static io.leadscore.common.Jsons.JSON;

/**
 * Turns a lead into the network's input vector: the columns of the model's attributes side by side.
 * Fitted on training rows only, saved with the network.
 */
public final class FeatureEncoder {

    private final List<FeatureColumn> columns;
    private final int[] offsets;
    private final int width;

    private FeatureEncoder(List<FeatureColumn> columns) {
        this.columns = List.copyOf(columns);
        this.offsets = new int[columns.size()];
        int w = 0;
        for (int i = 0; i < columns.size(); i++) {
            offsets[i] = w;
            w += columns.get(i).width();
        }
        this.width = w;
    }

    /**
     * Which encodings numeric attributes get besides the standardised value (bench/quality-lab compares them on
     * and off): {@code piecewiseLinear} over quantile bins, else the quintile one-hot of earlier versions;
     * {@code specialValues}, an indicator for each frequent exact value.
     */
    public record Encoding(boolean piecewiseLinear, boolean specialValues) {
        public static Encoding defaults() {
            return new Encoding(true, true);
        }
    }

    /** Fits every attribute's column on the training rows with the default encodings. */
    public static FeatureEncoder fit(List<AttributeSpec> specs, List<TrainingRow> rows) {
        return fit(specs, rows, Encoding.defaults());
    }

    /** Fits every attribute's column on the training rows. An attribute no row has is categorical, all missing. */
    public static FeatureEncoder fit(List<AttributeSpec> specs, List<TrainingRow> rows, Encoding encoding) {
        List<FeatureColumn> columns = new ArrayList<>();
        for (AttributeSpec spec : specs) {
            List<Object> values = new ArrayList<>(rows.size());
            for (TrainingRow r : rows) {
                values.add(FeatureColumn.readValue(spec, r.features()));
            }
            columns.add(FeatureColumn.fit(spec, values, encoding));
        }
        return new FeatureEncoder(columns);
    }

    /** Records, per value of each attribute, how many of these closed leads qualified and how fast. */
    public void computeStatistics(List<TrainingRow> rows) {
        for (FeatureColumn c : columns) {
            List<Object> values = new ArrayList<>(rows.size());
            for (TrainingRow r : rows) {
                values.add(c.read(r.features()));
            }
            c.groups.clear();
            c.computeGroups(values, rows, c.descriptions());
        }
    }

    public int width() {
        return width;
    }

    public List<FeatureColumn> columns() {
        return columns;
    }

    int offset(int column) {
        return offsets[column];
    }

    /** The values the model sees for a lead, one per column. */
    Object[] read(FeatureSource source) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = columns.get(i).read(source);
        }
        return values;
    }

    void encode(Object[] values, float[] row, int offset) {
        for (int i = 0; i < values.length; i++) {
            columns.get(i).encode(values[i], row, offset + offsets[i]);
        }
    }

    /** Writes the encoding of a lead into {@code row} from {@code offset}. */
    public void encode(FeatureSource source, float[] row, int offset) {
        for (int i = 0; i < columns.size(); i++) {
            FeatureColumn c = columns.get(i);
            c.encode(c.read(source), row, offset + offsets[i]);
        }
    }

    public JsonObject toJson() {
        JsonArrayBuilder arr = JSON.createArrayBuilder();
        columns.forEach(c -> arr.add(c.toJson()));
        return JSON.createObjectBuilder().add("columns", arr).build();
    }

    public static FeatureEncoder fromJson(JsonObject json) {
        List<FeatureColumn> columns = new ArrayList<>();
        for (JsonValue v : json.getJsonArray("columns")) {
            columns.add(FeatureColumn.fromJson(v.asJsonObject()));
        }
        return new FeatureEncoder(columns);
    }
}
