package io.leadscore.model;

import io.leadscore.common.Times;
import io.leadscore.filter.CriteriaFilter;
import io.leadscore.filter.FilterBinder;
import io.leadscore.filter.RecordQueries;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadSchema;
import io.leadscore.lead.LeadStatus;
import io.leadscore.scoring.AttributeSpec;
import io.leadscore.scoring.TrainingRow;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The closed leads a model learns from: those its business process and filter select, created within
 * its training window, each read once into a plain map of the model's attribute values.
 */
@Stateless
public class TrainingData {

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;

    public List<TrainingRow> collect(ModelDefinition d) {
        return collect(d, d.specs());
    }

    /** The closed leads of the model, with the values of {@code specs} (every candidate, for "auto"). */
    public List<TrainingRow> collect(ModelDefinition d, List<AttributeSpec> specs) {
        List<TrainingRow> rows = new ArrayList<>();
        for (Lead lead : read(d, List.of(LeadStatus.QUALIFIED, LeadStatus.DISQUALIFIED), Integer.MAX_VALUE)) {
            rows.add(new TrainingRow(lead.id(), values(specs, lead)::get, lead.status() == LeadStatus.QUALIFIED,
                    lead.createdOn(), lead.closedOn()));
        }
        return rows;
    }

    /** Up to {@code max} of the newest open leads the model would score, as their attribute values (leakage checks). */
    public List<io.leadscore.scoring.FeatureSource> openSample(ModelDefinition d, List<AttributeSpec> specs, int max) {
        List<io.leadscore.scoring.FeatureSource> open = new ArrayList<>();
        for (Lead lead : read(d, List.of(LeadStatus.OPEN), max)) {
            open.add(values(specs, lead)::get);
        }
        return open;
    }

    private Map<String, Object> values(List<AttributeSpec> specs, Lead lead) {
        LeadFeatures f = new LeadFeatures(lead, em);
        Map<String, Object> values = new HashMap<>();
        for (AttributeSpec s : specs) {
            Object v = f.value(s.path());
            if (v != null) {
                values.put(s.path(), v);
            }
        }
        return values;
    }

    private List<Lead> read(ModelDefinition d, List<LeadStatus> statuses, int max) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Lead> q = cb.createQuery(Lead.class);
        Root<Lead> root = q.from(Lead.class);
        List<Predicate> where = new ArrayList<>();
        where.add(root.get("status").in(statuses));
        LocalDateTime since = LocalDateTime.ofInstant(Times.now().minus(Duration.ofDays(d.trainingWindowDays())),
                ZoneOffset.UTC);
        where.add(cb.greaterThanOrEqualTo(root.get("createdOn"), since));
        if (d.businessProcess() != null) {
            where.add(cb.equal(root.get("businessProcess"), d.businessProcess()));
        }
        if (d.filter() != null) {
            where.add(new CriteriaFilter(cb, q, root).predicate(FilterBinder.compile(d.filter(), LeadSchema.LEAD)));
        }
        boolean sample = max < Integer.MAX_VALUE;
        q.select(root).where(where.toArray(Predicate[]::new))
                .orderBy(sample ? cb.desc(root.get("createdOn")) : cb.asc(root.get("id")));
        List<Lead> leads = em.createQuery(q).setHint("eclipselink.read-only", "true").setMaxResults(max).getResultList();
        RecordQueries.preloadAttributes(em, Lead.class, leads);
        return leads;
    }
}
