package io.leadscore.model;

import io.leadscore.filter.RecordQueries;
import io.leadscore.lead.Lead;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads leads to score many at once: with their account and contact in the same query and their attributes
 * in one more (models read all of them, and a query per lead would cost more than the scoring), read-only,
 * since {@link ScoringService} writes scores with JDBC and the commit need not look for changes.
 */
final class ScoringReads {

    /** Ids per query, so that no database meets an endless IN list. */
    private static final int IN_LIST = 500;

    private ScoringReads() {
    }

    /** The leads of these ids (those that still exist) that also meet {@code where}. */
    static List<Lead> leads(EntityManager em, List<String> ids,
                            BiFunction<CriteriaQuery<Lead>, Root<Lead>, List<Predicate>> where) {
        List<Lead> leads = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i += IN_LIST) {
            CriteriaBuilder cb = em.getCriteriaBuilder();
            CriteriaQuery<Lead> q = cb.createQuery(Lead.class);
            Root<Lead> root = q.from(Lead.class);
            root.fetch("account", JoinType.LEFT);
            root.fetch("contact", JoinType.LEFT);
            List<Predicate> all = new ArrayList<>(where.apply(q, root));
            all.add(root.get("id").in(ids.subList(i, Math.min(ids.size(), i + IN_LIST))));
            leads.addAll(em.createQuery(q.select(root).where(all.toArray(Predicate[]::new)))
                    .setHint("eclipselink.read-only", "true").getResultList());
        }
        RecordQueries.preloadAttributes(em, Lead.class, leads);
        return leads;
    }
}
