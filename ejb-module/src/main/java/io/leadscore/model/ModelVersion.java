package io.leadscore.model;

import io.leadscore.common.Ids;
import io.leadscore.common.Times;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import static io.leadscore.common.Jsons.JSON;

/**
 * One successful training of a model: immutable. It keeps the configuration it was trained with, its
 * metrics on the held-out most recent leads, its factors, and the checksum of its artifact.
 */
@Entity
@Table(name = "ml_model_version")
public class ModelVersion {

    @Id
    @Column(length = 36)
    private String id;
    @Column(name = "model_id", nullable = false, length = 36)
    private String modelId;
    private int number;
    @Column(name = "config_json", length = 20000, nullable = false)
    private String configJson;
    @Column(name = "metrics_json", length = 32000, nullable = false)
    private String metricsJson;
    @Column(name = "factors_json", length = 32000, nullable = false)
    private String factorsJson;
    @Column(length = 64, nullable = false)
    private String checksum;
    @Column(name = "artifact_size")
    private long artifactSize;
    @Column(name = "training_rows")
    private int trainingRows;
    private int qualified;
    private int disqualified;
    @Column(name = "training_millis")
    private long trainingMillis;
    @Column(name = "trained_on", nullable = false)
    private LocalDateTime trainedOn;
    @Column(name = "published_on")
    private LocalDateTime publishedOn;

    protected ModelVersion() {
    }

    public ModelVersion(String modelId, int number, ModelDefinition config, JsonObject metrics, JsonArray factors,
                        String checksum, long artifactSize, int trainingRows, int qualified, int disqualified,
                        long trainingMillis, Instant trainedOn) {
        this.id = Ids.newId();
        this.modelId = modelId;
        this.number = number;
        this.configJson = config.toJson().toString();
        this.metricsJson = metrics.toString();
        this.factorsJson = factors.toString();
        this.checksum = checksum;
        this.artifactSize = artifactSize;
        this.trainingRows = trainingRows;
        this.qualified = qualified;
        this.disqualified = disqualified;
        this.trainingMillis = trainingMillis;
        this.trainedOn = Times.utc(trainedOn);
    }

    public void published(Instant now) {
        publishedOn = Times.utc(now);
    }

    public ModelDefinition config() {
        return ModelDefinition.parse(readObject(configJson), null);
    }

    public JsonObject metrics() {
        return readObject(metricsJson);
    }

    public JsonArray factors() {
        try (JsonReader r = JSON.createReader(new StringReader(factorsJson))) {
            return r.readArray();
        }
    }

    private static JsonObject readObject(String json) {
        try (JsonReader r = JSON.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    public String id() { return id; }
    public String modelId() { return modelId; }
    public int number() { return number; }
    public String checksum() { return checksum; }
    public long artifactSize() { return artifactSize; }
    public int trainingRows() { return trainingRows; }
    public int qualified() { return qualified; }
    public int disqualified() { return disqualified; }
    public long trainingMillis() { return trainingMillis; }
    public Instant trainedOn() { return Times.instant(trainedOn); }
    public Instant publishedOn() { return Times.instant(publishedOn); }
}
