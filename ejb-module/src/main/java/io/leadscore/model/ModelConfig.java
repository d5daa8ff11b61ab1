package io.leadscore.model;

import io.leadscore.common.ConflictException;
import io.leadscore.common.Ids;
import io.leadscore.common.Times;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import static io.leadscore.common.Jsons.JSON;

/**
 * A model: its configuration ({@link ModelDefinition}), its status, its latest trained version and the
 * version that is published (scores leads), if any.
 */
@Entity
@Table(name = "ml_model")
public class ModelConfig {

    @Id
    @Column(length = 36)
    private String id;
    @Version
    private long version;
    @Column(nullable = false, length = 100)
    private String name;
    @Column(name = "business_process")
    private String businessProcess;
    @Column(name = "filter_text", length = 4000)
    private String filter;
    private int priority;
    @Column(name = "attributes_json", length = 16000, nullable = false)
    private String attributesJson;
    @Column(name = "grade_a")
    private int gradeA;
    @Column(name = "grade_b")
    private int gradeB;
    @Column(name = "grade_c")
    private int gradeC;
    @Column(name = "trend_threshold")
    private int trendThreshold;
    @Column(name = "auto_retrain_days")
    private Integer autoRetrainDays;
    @Column(name = "training_window_days")
    private int trainingWindowDays;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ModelStatus status;
    @Column(length = 2000)
    private String error;
    @Column(name = "latest_version")
    private Integer latestVersion;
    @Column(name = "published_version")
    private Integer publishedVersion;
    @Column(name = "published_on")
    private LocalDateTime publishedOn;
    @Enumerated(EnumType.STRING)
    @Column(name = "training_publish", length = 10)
    private PublishPolicy trainingPublish;
    /** The last drift check of the published version (see DriftWatch), as JSON; null until the first. */
    @Column(name = "drift_json", length = 4000)
    private String driftJson;
    @Column(name = "training_started_on")
    private LocalDateTime trainingStartedOn;
    @Column(name = "created_on", nullable = false)
    private LocalDateTime createdOn;
    @Column(name = "modified_on", nullable = false)
    private LocalDateTime modifiedOn;

    protected ModelConfig() {
    }

    public ModelConfig(ModelDefinition definition, Instant now) {
        this.id = Ids.newId();
        this.status = ModelStatus.DRAFT;
        this.createdOn = Times.utc(now);
        define(definition, now);
    }

    /** Replaces the configuration; it takes effect at the next training (a published version keeps its own). */
    public void define(ModelDefinition d, Instant now) {
        name = d.name();
        businessProcess = d.businessProcess();
        filter = d.filter();
        priority = d.priority();
        attributesJson = d.toJson().toString();
        gradeA = d.gradeA();
        gradeB = d.gradeB();
        gradeC = d.gradeC();
        trendThreshold = d.trendThreshold();
        autoRetrainDays = d.autoRetrainDays();
        trainingWindowDays = d.trainingWindowDays();
        modifiedOn = Times.utc(now);
    }

    public ModelDefinition definition() {
        try (JsonReader r = JSON.createReader(new StringReader(attributesJson))) {
            JsonObject stored = r.readObject();
            // the stored JSON is the whole definition as it was validated; the columns are its queryable copy
            return ModelDefinition.parse(stored, name);
        }
    }

    public void startTraining(Instant now, PublishPolicy publish) {
        if (status == ModelStatus.TRAINING) {
            throw new ConflictException("The model '" + name + "' is already training (since "
                    + trainingStartedOn + "Z); wait for it to finish");
        }
        status = ModelStatus.TRAINING;
        error = null;
        trainingStartedOn = Times.utc(now);
        trainingPublish = publish;
    }

    /** A job runs the training now: its publish policy replaces the one the training was accepted with. */
    public void publishWhenTrained(PublishPolicy publish) {
        trainingPublish = publish;
    }

    /**
     * Whether the model is due for its auto-retrain (never for DRAFT models, nor without autoRetrainDays):
     * {@link #autoRetrainDays} have passed since it last started training, or its published version drifts and
     * it last started training more than a day ago.
     */
    public boolean retrainDue(Instant now) {
        return retrainDue(status, autoRetrainDays, trainingStartedOn(), drifting(), now);
    }

    static boolean retrainDue(ModelStatus status, Integer autoRetrainDays, Instant lastTraining, boolean drifting,
                              Instant now) {
        boolean trainedBefore = status == ModelStatus.TRAINED || status == ModelStatus.PUBLISHED
                || status == ModelStatus.FAILED;
        if (!trainedBefore || autoRetrainDays == null || lastTraining == null) {
            return false;
        }
        Duration wait = drifting ? Duration.ofDays(Math.min(1, autoRetrainDays)) : Duration.ofDays(autoRetrainDays);
        return !lastTraining.plus(wait).isAfter(now);
    }

    /** The last drift check, or null. */
    public jakarta.json.JsonObject drift() {
        if (driftJson == null) {
            return null;
        }
        try (JsonReader r = JSON.createReader(new StringReader(driftJson))) {
            return r.readObject();
        }
    }

    public boolean drifting() {
        return drifting(driftJson);
    }

    /** Whether a stored drift check (JSON, or null) found the model drifting. */
    static boolean drifting(String driftJson) {
        if (driftJson == null) {
            return false;
        }
        try (JsonReader r = JSON.createReader(new StringReader(driftJson))) {
            return r.readObject().getBoolean("drifting", false);
        }
    }


    /** A new version exists; a model that has a published version stays PUBLISHED until that changes. */
    public void trained(int number) {
        latestVersion = number;
        status = publishedVersion != null ? ModelStatus.PUBLISHED : ModelStatus.TRAINED;
        error = null;
    }

    public void failed(String message) {
        status = ModelStatus.FAILED;
        error = message == null ? "Training failed" : message.length() > 2000 ? message.substring(0, 2000) : message;
    }

    public void published(int number, Instant now) {
        if (publishedVersion == null || publishedVersion != number) {
            driftJson = null; // another version: the last check was of the one before
        }
        publishedVersion = number;
        publishedOn = Times.utc(now);
        status = ModelStatus.PUBLISHED;
    }

    public void unpublished() {
        if (publishedVersion == null) {
            throw new ConflictException("The model '" + name + "' is not published");
        }
        publishedVersion = null;
        driftJson = null;
        status = ModelStatus.RETIRED;
    }


    public String id() { return id; }
    public long version() { return version; }
    public String name() { return name; }
    public String businessProcess() { return businessProcess; }
    public String filter() { return filter; }
    public int priority() { return priority; }
    public ModelStatus status() { return status; }
    public String error() { return error; }
    public Integer latestVersion() { return latestVersion; }
    public Integer publishedVersion() { return publishedVersion; }
    public Instant publishedOn() { return Times.instant(publishedOn); }
    public Instant trainingStartedOn() { return Times.instant(trainingStartedOn); }
    /** What happens to the version the current (or last) training makes. */
    public PublishPolicy trainingPublish() { return trainingPublish == null ? PublishPolicy.NEVER : trainingPublish; }
    public Instant createdOn() { return Times.instant(createdOn); }
    public Instant modifiedOn() { return Times.instant(modifiedOn); }
}
