package io.leadscore.model;

import io.leadscore.common.Caller;
import io.leadscore.common.ConflictException;
import io.leadscore.common.ForbiddenException;
import io.leadscore.common.NotFoundException;
import io.leadscore.common.Times;
import io.leadscore.common.ValidationException;
import io.leadscore.common.VersionMismatchException;
import io.leadscore.filter.Bound;
import io.leadscore.filter.CriteriaFilter;
import io.leadscore.filter.FilterBinder;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadSchema;
import io.leadscore.lead.LeadStatus;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

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

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;
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
        em.persist(m);
        em.flush();
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
        return em.createQuery("select m from ModelConfig m order by m.name", ModelConfig.class).getResultList()
                .stream().map(this::summary).toList();
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
        em.remove(m);
        em.flush();
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

    /** An attribute a model may read, for administrators picking them. */
    public record AvailableAttribute(String path, String label) {
    }

    /**
     * Every path a model may read: the lead's fields, its account's and contact's, and the custom attributes
     * leads have (their names as stored), in that order.
     */
    public List<AvailableAttribute> availableAttributes() {
        List<String> paths = new ArrayList<>();
        LeadSchema.LEAD.fields().forEach(f -> paths.add(f.name()));
        LeadSchema.LEAD.relations().forEach(r -> r.target().fields().forEach(f -> paths.add(r.name() + "/" + f.name())));
        @SuppressWarnings("unchecked")
        List<String> custom = em.createNativeQuery("SELECT DISTINCT name FROM crm_lead_attribute ORDER BY name")
                .getResultList();
        custom.forEach(n -> paths.add("attributes/" + n));
        return paths.stream().filter(p -> ModelDefinition.checkPath(p) == null)
                .map(p -> new AvailableAttribute(p, Labels.of(p))).toList();
    }

    /** Models whose autoRetrainDays have passed since they last started training. */
    public List<String> dueForRetraining(java.time.Instant now) {
        return em.createQuery("select m from ModelConfig m where m.autoRetrainDays is not null", ModelConfig.class)
                .getResultList().stream().filter(m -> m.retrainDue(now)).map(ModelConfig::id).toList();
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
        return em.createQuery("select v from ModelVersion v where v.modelId = :m order by v.number desc",
                ModelVersion.class).setParameter("m", id).getResultList();
    }

    public ModelVersion version(String id, int number) {
        List<ModelVersion> found = em.createQuery(
                        "select v from ModelVersion v where v.modelId = :m and v.number = :n", ModelVersion.class)
                .setParameter("m", id).setParameter("n", number).getResultList();
        if (found.isEmpty()) {
            throw new NotFoundException("model version", id + "/versions/" + number);
        }
        return found.get(0);
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
        return em.createQuery("select m.id from ModelConfig m where m.status = :s", String.class)
                .setParameter("s", ModelStatus.TRAINING).getResultList();
    }

    public ModelConfig byName(String name) {
        List<ModelConfig> found = em.createQuery("select m from ModelConfig m where m.name = :n", ModelConfig.class)
                .setParameter("n", name).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    public List<ModelConfig> all() {
        return em.createQuery("select m from ModelConfig m order by m.priority desc, m.name", ModelConfig.class)
                .getResultList();
    }

    private void settingsChanged(ModelConfig m) {
        if (m.publishedVersion() != null) {
            changed.fire(new ModelChanged(m.id(), true)); // priority, grades or trend threshold may differ now
        }
    }

    private ModelConfig find(String id) {
        ModelConfig m = em.find(ModelConfig.class, id);
        if (m == null) {
            throw new NotFoundException(ENTITY, id);
        }
        return m;
    }

    private static void checkVersion(ModelConfig m, Long expected) {
        if (expected != null && expected != m.version()) {
            throw new VersionMismatchException(ENTITY, m.id(), expected, m.version());
        }
    }

    private void flush(ModelConfig m) {
        try {
            em.flush();
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
        List<ModelVersion> found = em.createQuery(
                        "select v from ModelVersion v where v.modelId = :m and v.number = :n", ModelVersion.class)
                .setParameter("m", m.id()).setParameter("n", n).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Published models that score some of the same open leads, and which of the two wins. */
    private List<String> overlaps(ModelConfig m, ModelVersion v) {
        List<String> warnings = new ArrayList<>();
        ModelDefinition mine = v.config();
        for (ModelConfig other : em.createQuery("select m from ModelConfig m where m.publishedVersion is not null "
                + "and m.id <> :id", ModelConfig.class).setParameter("id", m.id()).getResultList()) {
            ModelDefinition theirs = version(other.id(), other.publishedVersion()).config();
            if (mine.businessProcess() != null && theirs.businessProcess() != null
                    && !Objects.equals(mine.businessProcess(), theirs.businessProcess())) {
                continue;
            }
            long shared = countCovered(mine, theirs);
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

    private long countCovered(ModelDefinition a, ModelDefinition b) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> q = cb.createQuery(Long.class);
        Root<Lead> root = q.from(Lead.class);
        List<Predicate> where = new ArrayList<>();
        where.add(cb.equal(root.get("status"), LeadStatus.OPEN));
        CriteriaFilter cf = new CriteriaFilter(cb, q, root);
        for (ModelDefinition d : List.of(a, b)) {
            if (d.businessProcess() != null) {
                where.add(cb.equal(root.get("businessProcess"), d.businessProcess()));
            }
            if (d.filter() != null) {
                Bound f = FilterBinder.compile(d.filter(), LeadSchema.LEAD);
                where.add(cf.predicate(f));
            }
        }
        q.select(cb.count(root)).where(where.toArray(Predicate[]::new));
        return em.createQuery(q).getSingleResult();
    }
}
