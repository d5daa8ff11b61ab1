package io.leadscore.model;

import io.leadscore.filter.CriteriaFilter;
import io.leadscore.filter.FilterBinder;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadSchema;
import io.leadscore.lead.LeadStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where models are stored: their configurations ({@link ModelConfig}) and immutable versions ({@link ModelVersion}),
 * read and written in the caller's transaction.
 */
@ApplicationScoped
public class ModelRepository {

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;

    public Optional<ModelConfig> find(String id) {
        return Optional.ofNullable(id == null ? null : em.find(ModelConfig.class, id));
    }

    public Optional<ModelConfig> byName(String name) {
        return em.createQuery("select m from ModelConfig m where m.name = :n", ModelConfig.class)
                .setParameter("n", name).getResultStream().findFirst();
    }

    /** Every model, by name. */
    public List<ModelConfig> byName() {
        return em.createQuery("select m from ModelConfig m order by m.name", ModelConfig.class).getResultList();
    }

    /** Every model, highest priority first (the order models are chosen in), then by name. */
    public List<ModelConfig> byPriority() {
        return em.createQuery("select m from ModelConfig m order by m.priority desc, m.name", ModelConfig.class)
                .getResultList();
    }

    public List<ModelConfig> retrainingAutomatically() {
        return em.createQuery("select m from ModelConfig m where m.autoRetrainDays is not null", ModelConfig.class)
                .getResultList();
    }

    /** The published models other than {@code id}. */
    public List<ModelConfig> publishedOtherThan(String id) {
        return em.createQuery("select m from ModelConfig m where m.publishedVersion is not null and m.id <> :id",
                ModelConfig.class).setParameter("id", id).getResultList();
    }

    public List<String> withStatus(ModelStatus status) {
        return em.createQuery("select m.id from ModelConfig m where m.status = :s", String.class)
                .setParameter("s", status).getResultList();
    }

    /** The names of these models, by id (deleted ones left out). */
    public Map<String, String> names(Collection<String> ids) {
        Map<String, String> names = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] row : em.createQuery("select m.id, m.name from ModelConfig m where m.id in :ids", Object[].class)
                    .setParameter("ids", ids).getResultList()) {
                names.put((String) row[0], (String) row[1]);
            }
        }
        return names;
    }

    public void add(ModelConfig m) {
        em.persist(m);
        em.flush();
    }

    public void remove(ModelConfig m) {
        em.remove(m);
        em.flush();
    }

    /** Writes the transaction's changes now, so that a concurrent change surfaces here. */
    public void flush() {
        em.flush();
    }

    /** A model's versions, newest first. */
    public List<ModelVersion> versions(String modelId) {
        return em.createQuery("select v from ModelVersion v where v.modelId = :m order by v.number desc",
                ModelVersion.class).setParameter("m", modelId).getResultList();
    }

    public Optional<ModelVersion> version(String modelId, int number) {
        return em.createQuery("select v from ModelVersion v where v.modelId = :m and v.number = :n", ModelVersion.class)
                .setParameter("m", modelId).setParameter("n", number).getResultStream().findFirst();
    }

    /** The highest version number a model has had, or null before its first training. */
    public Integer lastVersionNumber(String modelId) {
        return em.createQuery("select max(v.number) from ModelVersion v where v.modelId = :m", Integer.class)
                .setParameter("m", modelId).getSingleResult();
    }

    /** A new trained version and its artifact. */
    public void addVersion(ModelVersion v, byte[] artifact) {
        em.persist(v);
        em.persist(new StoredArtifact(v.id(), artifact));
    }

    /** The stored artifact of a version, if it has one. */
    public Optional<byte[]> artifact(String versionId) {
        return Optional.ofNullable(em.find(StoredArtifact.class, versionId)).map(StoredArtifact::content);
    }

    /** The published models. */
    public List<ModelConfig> published() {
        return em.createQuery("select m from ModelConfig m where m.publishedVersion is not null", ModelConfig.class)
                .getResultList();
    }

    /** Each published model's id, published version and row version, as the database has them now. */
    public List<Object[]> publishedState() {
        return em.createQuery("select m.id, m.publishedVersion, m.version from ModelConfig m "
                + "where m.publishedVersion is not null", Object[].class).getResultList();
    }

    /** Keeps a drift check with the model without touching its version (a check is no change of the configuration). */
    public void keepDrift(String modelId, String check) {
        em.createQuery("update ModelConfig m set m.driftJson = :json where m.id = :id")
                .setParameter("json", check).setParameter("id", modelId).executeUpdate();
    }

    /** The drift checks the models keep, as stored. */
    public List<String> driftChecks() {
        return em.createQuery("select m.driftJson from ModelConfig m where m.driftJson is not null", String.class)
                .getResultList();
    }

    /** How many open leads both configurations select (business process and filter). */
    public long openLeadsCoveredByBoth(ModelDefinition a, ModelDefinition b) {
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
                where.add(cf.predicate(FilterBinder.compile(d.filter(), LeadSchema.LEAD)));
            }
        }
        q.select(cb.count(root)).where(where.toArray(Predicate[]::new));
        return em.createQuery(q).getSingleResult();
    }
}
