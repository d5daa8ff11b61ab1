package io.leadscore.model;

import io.leadscore.common.Times;
import io.leadscore.filter.CriteriaFilter;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadRepository;
import io.leadscore.lead.LeadStatus;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which open leads a rescore covers, in key order: open, created within the window, and (for one model)
 * covered by it or last scored by it. Split into key ranges for partitions; the ranges of a job instance
 * are stored, so that a restart works on exactly the same ranges.
 */
@Stateless
public class RescoreSelection {

    /** One partition's key range: ids after {@code fromId} (null: from the first) up to {@code toId} (null: to the last). */
    public record Range(String fromId, String toId, Instant createdSince, String modelId) {
    }

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;
    @EJB
    private ModelRegistry registry;
    @EJB
    private ScoringService scoring;
    @Inject
    private RescorePartitionRepository ranges;
    @Inject
    private LeadRepository leadRows;

    private List<Predicate> where(CriteriaBuilder cb, CriteriaQuery<?> q, Root<Lead> root, Instant createdSince,
                                  String modelId) {
        List<Predicate> where = new ArrayList<>();
        where.add(cb.equal(root.get("status"), LeadStatus.OPEN));
        if (createdSince != null) {
            where.add(cb.greaterThanOrEqualTo(root.get("createdOn"), Times.utc(createdSince)));
        }
        if (modelId != null) {
            PublishedModel model = registry.published().stream().filter(m -> m.modelId().equals(modelId)).findFirst()
                    .orElse(null);
            Predicate scoredByIt = cb.equal(root.get("scoreModelId"), modelId);
            if (model == null) {
                where.add(scoredByIt);
            } else {
                List<Predicate> covers = new ArrayList<>();
                if (model.businessProcess() != null) {
                    covers.add(cb.equal(root.get("businessProcess"), model.businessProcess()));
                }
                if (model.filter() != null) {
                    covers.add(new CriteriaFilter(cb, q, root).predicate(model.filter()));
                }
                where.add(cb.or(scoredByIt, cb.and(covers.toArray(Predicate[]::new))));
            }
        }
        return where;
    }

    /**
     * Stores the ranges of a job instance, unless an earlier execution stored them: {@code ranges} of about equal
     * size, at most one per 1,000 leads unless {@code exactly} (and never more than there are leads).
     */
    public void plan(long jobInstanceId, int ranges, boolean exactly, Instant createdSince, String modelId) {
        if (this.ranges.planned(jobInstanceId)) {
            return;
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<Lead> cr = count.from(Lead.class);
        long n = em.createQuery(count.select(cb.count(cr)).where(where(cb, count, cr, createdSince, modelId)
                .toArray(Predicate[]::new))).getSingleResult();
        int p = (int) Math.max(1, Math.min(ranges, exactly ? n : n / 1000));
        // the bounds split the open leads evenly by key, as the ranges' chunks walk them: each the step-th id after
        // the one before, so the (status, id) index is walked once in all (with the window in the query and an
        // offset from the start, Derby sorted the open leads once per bound: 15 times for 16 ranges)
        CriteriaQuery<Long> openCount = cb.createQuery(Long.class);
        Root<Lead> or = openCount.from(Lead.class);
        long open = em.createQuery(openCount.select(cb.count(or)).where(cb.equal(or.get("status"), LeadStatus.OPEN)))
                .getSingleResult();
        int step = (int) Math.max(1, open / p);
        List<String> bounds = new ArrayList<>();
        for (int k = 1; k < p; k++) {
            List<String> next = idsAfter(bounds.isEmpty() ? null : bounds.get(bounds.size() - 1), step - 1, 1);
            if (next.isEmpty()) {
                break;
            }
            bounds.add(next.get(0));
        }
        p = bounds.size() + 1;
        for (int k = 0; k < p; k++) {
            this.ranges.add(jobInstanceId, k, new Range(k == 0 ? null : bounds.get(k - 1), k == p - 1 ? null
                    : bounds.get(k), createdSince, modelId));
        }
    }

    /**
     * The next open leads' ids of a range after {@code afterId} (exclusive), in key order. Only the status and
     * the key bound the query, so that the database walks its (status, id) index and never sorts: with the
     * window or a model's filter in it, Derby chose the (status, created_on) index and sorted every lead left
     * in the range for each page. The window and the model's coverage are applied when a chunk is scored.
     */
    public List<String> nextIds(Range range, String afterId, int size) {
        return ids(afterId != null ? afterId : range.fromId(), range.toId(), 0, size);
    }

    /** The open leads' ids after {@code afterId} (null: from the first), in key order, skipping {@code skip}. */
    private List<String> idsAfter(String afterId, int skip, int size) {
        return ids(afterId, null, skip, size);
    }

    private List<String> ids(String after, String upTo, int skip, int size) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<String> q = cb.createQuery(String.class);
        Root<Lead> root = q.from(Lead.class);
        List<Predicate> where = new ArrayList<>();
        where.add(cb.equal(root.get("status"), LeadStatus.OPEN));
        if (after != null) {
            where.add(cb.greaterThan(root.get("id"), after));
        }
        if (upTo != null) {
            where.add(cb.lessThanOrEqualTo(root.get("id"), upTo));
        }
        q.select(root.get("id")).where(where.toArray(Predicate[]::new)).orderBy(cb.asc(root.get("id")));
        return em.createQuery(q).setFirstResult(skip).setMaxResults(size).getResultList();
    }

    /**
     * The leads a rescore covers, in memory (the same rules as {@link #where}, which counts them for the plan):
     * open, created since {@code createdSince}, and for one model covered or last scored by it. A model's filter is
     * the one its publication selects leads by ({@link ModelRegistry#covers}).
     */
    private List<Lead> covered(List<Lead> leads, Instant createdSince, String modelId) {
        PublishedModel model = modelId == null ? null
                : registry.published().stream().filter(m -> m.modelId().equals(modelId)).findFirst().orElse(null);
        List<Lead> out = new ArrayList<>(leads.size());
        for (Lead lead : leads) {
            if (lead.status() != LeadStatus.OPEN || createdSince != null && lead.createdOn().isBefore(createdSince)) {
                continue;
            }
            if (modelId != null) {
                boolean scoredByIt = lead.score() != null && modelId.equals(lead.score().modelId());
                if (!scoredByIt && (model == null || !ModelRegistry.covers(model, new LeadFeatures(lead, leadRows::related)))) {
                    continue;
                }
            }
            out.add(lead);
        }
        return out;
    }

    /** What a chunk did: the leads of its ids the rescore covers, and how many of them got a new score. */
    public record Tally(int covered, int scored) {
    }

    /**
     * Scores, in the caller's transaction (a chunk), the leads of these ids that the rescore covers: still
     * open, created since {@code createdSince} and, for one model ({@code modelId}, or null for all), covered
     * or last scored by it. The ids come in key order, as a partition's reader walks them: the chunk's leads are
     * read as one key range.
     */
    public Tally score(Instant createdSince, String modelId, List<String> ids) {
        if (ids.isEmpty()) {
            return new Tally(0, 0);
        }
        List<Lead> leads = covered(leadRows.openForScoring(ids), createdSince, modelId);
        java.util.Map<String, java.time.Instant> was = new java.util.HashMap<>();
        for (Lead l : leads) {
            was.put(l.id(), l.score() == null ? null : l.score().scoredOn());
        }
        scoring.scoreAll(leads);
        int scored = 0;
        for (Lead l : leads) {
            java.time.Instant now = l.score() == null ? null : l.score().scoredOn();
            if (now != null && !now.equals(was.get(l.id()))) {
                scored++;
            }
        }
        return new Tally(leads.size(), scored);
    }
}
