package io.leadscore.model;

import io.leadscore.common.Caller;
import io.leadscore.common.ConflictException;
import io.leadscore.common.ForbiddenException;
import io.leadscore.common.NotFoundException;
import io.leadscore.common.Times;
import io.leadscore.common.ValidationException;
import io.leadscore.common.VersionMismatchException;
import io.leadscore.lead.LeadSchema;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deploys, changes, trains, publishes, rolls back and retires models; one transaction per call. Work
 * that must not happen for rolled-back changes starts after commit: {@link ModelEvents} reloads the registry
 * and asks for a rescore, the batch module runs rescores and trainings as jobs.
 */
@Stateless
@jakarta.annotation.security.DeclareRoles(Caller.SYSTEM_ADMINISTRATOR)
public class ModelService {

    private static final String ENTITY = "model";

    /** A model with the version whose metrics describe it (the published one, else the latest). */
    public record Summary(ModelConfig model, ModelVersion metricsVersion) {
    }

    /** The outcome of a deploy by name: the model and whether it was created. */
    public record Deployed(Summary summary, boolean created) {
    }

    /** A publish, with warnings about published models that score the same leads. */
    public record Published(Summary summary, List<String> warnings) {
    }

    /** A model's factors: how much each attribute drives its scores, and its grade bounds. */
    public record Factors(ModelConfig model, ModelVersion version, JsonArray factors) {
    }

    @Inject
    private ModelRepository models;
    @Inject
    private io.leadscore.lead.LeadRepository leads;
    @jakarta.annotation.Resource
    private jakarta.ejb.SessionContext session;
    @Inject
    private Event<ModelChanged> changed;
    @Inject
    private Event<TrainingRequested> trainingRequested;

    public Summary create(ModelDefinition d) {
        if (byName(d.name()) != null) {
            throw new ConflictException("A model named '" + d.name() + "' exists; deploy with PUT /api/v1/models/by-name/"
                    + d.name() + " to replace its configuration");
        }
        ModelConfig m = new ModelConfig(d, Times.now());
        models.add(m);
        return summary(m);
    }

    /** Creates the model or replaces its configuration; deploying the same configuration again changes nothing. */
    public Deployed deploy(String name, ModelDefinition d) {
        ModelConfig m = byName(name);
        if (m == null) {
            return new Deployed(create(d), true);
        }
        if (!m.definition().equals(d)) {
            m.define(d, Times.now());
            flush(m);
            settingsChanged(m);
        }
        return new Deployed(summary(m), false);
    }

    public Summary get(String id) {
        return summary(find(id));
    }

    public List<Summary> list() {
        return models.byName().stream().map(this::summary).toList();
    }

    public Summary patch(String id, JsonObject patch, Long expectedVersion) {
        ModelConfig m = find(id);
        checkVersion(m, expectedVersion);
        ModelDefinition d = m.definition().patch(patch);
        if (!d.name().equals(m.name()) && byName(d.name()) != null) {
            throw new ValidationException("name", "another model is named '" + d.name() + "'");
        }
        m.define(d, Times.now());
        flush(m);
        settingsChanged(m);
        return summary(m);
    }

    public void delete(String id, Long expectedVersion) {
        ModelConfig m = find(id);
        checkVersion(m, expectedVersion);
        if (m.publishedVersion() != null) {
            throw new ConflictException("The model '" + m.name() + "' is published; unpublish it before deleting it");
        }
        if (m.status() == ModelStatus.TRAINING) {
            throw new ConflictException("The model '" + m.name() + "' is training; delete it when training ends");
        }
        models.remove(m);
        changed.fire(new ModelChanged(id, true));
    }

    /**
     * Accepts a training: the model is TRAINING from now on and a model-train job starts after commit.
     * {@code requestedBy}: the user who asked, null when the platform does.
     */
    public Summary train(String id, PublishPolicy policy, String requestedBy) {
        ModelConfig m = find(id);
        m.startTraining(Times.now(), policy);
        flush(m);
        trainingRequested.fire(new TrainingRequested(id, requestedBy));
        return summary(m);
    }

    /**
     * A model-train job begins: a model the API put in TRAINING stays so; one started directly through the
     * batch API or restarted after a failure becomes TRAINING now. {@code policy}: the job's publish parameter,
     * null for the one the training was accepted with. Returns the policy that applies.
     */
    public PublishPolicy beginTraining(String id, PublishPolicy policy) {
        ModelConfig m = find(id);
        PublishPolicy accepted = m.status() == ModelStatus.TRAINING ? m.trainingPublish() : PublishPolicy.NEVER;
        if (policy != null && policy != PublishPolicy.NEVER && policy != accepted
                && !session.isCallerInRole(Caller.SYSTEM_ADMINISTRATOR)) {
            // operators may start trainings over the batch REST API, but publishing is the administrators' call
            throw new ForbiddenException("publish", "Only a System Administrator may have a training publish its "
                    + "version; the job was submitted by " + session.getCallerPrincipal().getName()
                    + " with publish=" + policy.name().toLowerCase(java.util.Locale.ROOT)
                    + ". Submit it with publish=never, or as a System Administrator");
        }
        if (m.status() != ModelStatus.TRAINING) {
            m.startTraining(Times.now(), policy == null ? PublishPolicy.NEVER : policy);
        } else if (policy != null) {
            m.publishWhenTrained(policy);
        }
        flush(m);
        return m.trainingPublish();
    }

    /**
     * An attribute a model may read, for administrators picking them; {@code autoLeavesOut} says why "auto" leaves it
     * out unless it is pinned (null: auto ranks it like any other).
     */
    public record AvailableAttribute(String path, String label, String autoLeavesOut) {
    }

    /**
     * Every path a model may read: the lead's fields, its account's and contact's, and the custom attributes
     * leads have (their names as stored), in that order.
     */
    public List<AvailableAttribute> availableAttributes() {
        List<String> paths = new ArrayList<>();
        LeadSchema.LEAD.fields().forEach(f -> paths.add(f.name()));
        LeadSchema.LEAD.relations().forEach(r -> r.target().fields().forEach(f -> paths.add(r.name() + "/" + f.name())));
        leads.attributeNames().forEach(n -> paths.add("attributes/" + n));
        return paths.stream().filter(p -> ModelDefinition.checkPath(p) == null)
                .map(p -> new AvailableAttribute(p, Labels.of(p), ModelDefinition.leftOutByAuto(p))).toList();
    }

    /** Models whose autoRetrainDays have passed since they last started training. */
    public List<String> dueForRetraining(java.time.Instant now) {
        return models.retrainingAutomatically().stream().filter(m -> m.retrainDue(now)).map(ModelConfig::id).toList();
    }

    /** Publishes the latest trained version. */
    public Published publish(String id) {
        ModelConfig m = find(id);
        if (m.latestVersion() == null) {
            throw new ConflictException("The model '" + m.name() + "' has no trained version to publish ("
                    + "status " + m.status() + "); train it first");
        }
        return publishVersion(id, m.latestVersion());
    }

    /** Publishes a given version: the latest, or an earlier one to roll back. */
    public Published publishVersion(String id, int number) {
        ModelConfig m = find(id);
        ModelVersion v = version(id, number);
        m.published(number, Times.now());
        v.published(Times.now());
        flush(m);
        changed.fire(new ModelChanged(id, true));
        return new Published(summary(m), overlaps(m, v));
    }

    public Summary unpublish(String id) {
        ModelConfig m = find(id);
        m.unpublished();
        flush(m);
        changed.fire(new ModelChanged(id, true));
        return summary(m);
    }

    public List<ModelVersion> versions(String id) {
        find(id);
        return models.versions(id);
    }

    public ModelVersion version(String id, int number) {
        return models.version(id, number)
                .orElseThrow(() -> new NotFoundException("model version", id + "/versions/" + number));
    }

    public Factors factors(String id) {
        ModelConfig m = find(id);
        ModelVersion v = metricsVersion(m);
        if (v == null) {
            throw new ConflictException("The model '" + m.name() + "' has not been trained yet; it has no factors");
        }
        return new Factors(m, v, v.factors());
    }

    /** Models stuck in TRAINING (the server stopped during a training), to take up again at start-up. */
    public List<String> interruptedTrainings() {
        return models.withStatus(ModelStatus.TRAINING);
    }

    public ModelConfig byName(String name) {
        return models.byName(name).orElse(null);
    }

    public List<ModelConfig> all() {
        return models.byPriority();
    }

    private void settingsChanged(ModelConfig m) {
        if (m.publishedVersion() != null) {
            changed.fire(new ModelChanged(m.id(), true)); // priority, grades or trend threshold may differ now
        }
    }

    private ModelConfig find(String id) {
        return models.find(id).orElseThrow(() -> new NotFoundException(ENTITY, id));
    }

    private static void checkVersion(ModelConfig m, Long expected) {
        if (expected != null && expected != m.version()) {
            throw new VersionMismatchException(ENTITY, m.id(), expected, m.version());
        }
    }

    private void flush(ModelConfig m) {
        try {
            models.flush();
        } catch (PersistenceException e) {
            if (e instanceof OptimisticLockException || e.getCause() instanceof OptimisticLockException) {
                throw new ConflictException("The model '" + m.name() + "' was changed at the same time; try again");
            }
            throw e;
        }
    }

    private Summary summary(ModelConfig m) {
        return new Summary(m, metricsVersion(m));
    }

    private ModelVersion metricsVersion(ModelConfig m) {
        Integer n = m.publishedVersion() != null ? m.publishedVersion() : m.latestVersion();
        if (n == null) {
            return null;
        }
        return models.version(m.id(), n).orElse(null);
    }

    /** Published models that score some of the same open leads, and which of the two wins. */
    private List<String> overlaps(ModelConfig m, ModelVersion v) {
        List<String> warnings = new ArrayList<>();
        ModelDefinition mine = v.config();
        for (ModelConfig other : models.publishedOtherThan(m.id())) {
            ModelDefinition theirs = version(other.id(), other.publishedVersion()).config();
            if (mine.businessProcess() != null && theirs.businessProcess() != null
                    && !Objects.equals(mine.businessProcess(), theirs.businessProcess())) {
                continue;
            }
            long shared = models.openLeadsCoveredByBoth(mine, theirs);
            boolean both = mine.filter() == null && theirs.filter() == null;
            if (shared == 0 && !both) {
                continue;
            }
            boolean wins = m.priority() > other.priority() || m.priority() == other.priority();
            warnings.add("Overlaps with the published model '" + other.name() + "'"
                    + (shared > 0 ? " on " + shared + " open leads" : "") + "; "
                    + (wins ? "'" + m.name() + "' scores them (" + (m.priority() > other.priority()
                    ? "higher priority" : "same priority, published later") + ")"
                    : "'" + other.name() + "' scores them (higher priority)"));
        }
        return warnings;
    }
}
