package io.leadscore.plugin;

import io.leadscore.sdk.Message;
import io.leadscore.sdk.Mode;
import io.leadscore.sdk.Stage;
import io.leadscore.sdk.StepDefinition;
import io.leadscore.common.Ids;
import io.leadscore.common.Times;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * A persisted step registration. A step its plugin declares ({@link #declaredKey()} set) keeps the
 * plugin's message, entity, stage, mode and filtering attributes (the LeadScoringPlugin's follow the
 * published models); administrators change whether it is enabled and its rank. A step an administrator
 * registers is entirely theirs.
 */
@Entity
@Table(name = "plugin_step")
public class PluginStep {

    @Id
    @Column(length = 36)
    private String id;
    @Version
    private long version;
    @Column(nullable = false, length = 200)
    private String plugin;
    @Column(name = "declared_key", length = 400)
    private String declaredKey;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Message message;
    @Column(nullable = false, length = 50)
    private String entity;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Stage stage;
    @Enumerated(EnumType.STRING)
    @Column(name = "step_mode", nullable = false, length = 20)
    private Mode mode;
    @Column(name = "filtering_attributes", length = 4000)
    private String filteringAttributes;
    @Column(name = "step_rank", nullable = false)
    private int rank;
    private boolean enabled;
    @Column(name = "created_on", nullable = false)
    private LocalDateTime createdOn;
    @Column(name = "modified_on", nullable = false)
    private LocalDateTime modifiedOn;

    protected PluginStep() {
    }

    public PluginStep(StepDefinition d, String declaredKey, Instant now) {
        this.id = Ids.newId();
        this.declaredKey = declaredKey;
        this.createdOn = Times.utc(now);
        define(d, now);
    }

    /** The key of a step a plugin declares: one step per plugin, message, entity, stage and mode. */
    public static String keyOf(StepDefinition d) {
        return String.join(":", d.plugin(), d.message().name(), d.entity(), d.stage().name(), d.mode().name());
    }

    /** Replaces the registration with a checked definition. */
    void define(StepDefinition d, Instant now) {
        this.plugin = d.plugin();
        this.message = d.message();
        this.entity = d.entity();
        this.stage = d.stage();
        this.mode = d.mode();
        this.filteringAttributes = d.filteringAttributes().isEmpty() ? null
                : String.join(",", new TreeSet<>(d.filteringAttributes()));
        this.rank = d.rank();
        this.enabled = d.enabled();
        this.modifiedOn = Times.utc(now);
    }

    /** The registration as stored. */
    public StepDefinition definition() {
        Set<String> attributes = filteringAttributes == null ? Set.of()
                : new TreeSet<>(Arrays.asList(filteringAttributes.split(",")));
        return new StepDefinition(plugin, message, entity, stage, mode, attributes, rank, enabled);
    }

    public boolean declared() {
        return declaredKey != null;
    }

    public String id() { return id; }
    public long version() { return version; }
    public String declaredKey() { return declaredKey; }
    public Instant createdOn() { return Times.instant(createdOn); }
    public Instant modifiedOn() { return Times.instant(modifiedOn); }
}
