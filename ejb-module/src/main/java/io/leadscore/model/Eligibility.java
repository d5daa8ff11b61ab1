package io.leadscore.model;

import io.leadscore.filter.MemoryFilter;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadStatus;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Why a lead is or is not scored, model by model: not published, the lead is closed, another business
 * process, the filter clause that is false with the lead's values, or another model that wins.
 */
@Stateless
public class Eligibility {

    public record ModelVerdict(String modelId, String name, boolean applies, List<String> reasons) {
    }

    public record Verdict(String scoredBy, List<ModelVerdict> models) {
    }

    @jakarta.persistence.PersistenceContext(unitName = "leadscore")
    private jakarta.persistence.EntityManager em;
    @EJB
    private ModelRegistry registry;
    @EJB
    private ModelService models;

    public Verdict of(Lead lead) {
        LeadFeatures features = new LeadFeatures(lead, em);
        PublishedModel chosen = registry.select(features).orElse(null);
        List<ModelVerdict> verdicts = new ArrayList<>();
        for (ModelConfig config : models.all()) {
            PublishedModel p = registry.published().stream().filter(m -> m.modelId().equals(config.id())).findFirst()
                    .orElse(null);
            List<String> reasons = new ArrayList<>();
            if (p == null) {
                reasons.add("the model is not published (status " + config.status() + ")");
                verdicts.add(new ModelVerdict(config.id(), config.name(), false, reasons));
                continue;
            }
            if (lead.status() != LeadStatus.OPEN) {
                reasons.add("status is " + lead.status() + "; only OPEN leads are scored");
            }
            if (p.businessProcess() != null && !Objects.equals(p.businessProcess(), lead.businessProcess())) {
                reasons.add("business process is " + (lead.businessProcess() == null ? "empty"
                        : "'" + lead.businessProcess() + "'") + "; the model scores '" + p.businessProcess() + "' leads");
            }
            if (p.filter() != null) {
                reasons.addAll(new MemoryFilter(features::resolve).explain(p.filter()));
            }
            boolean applies = reasons.isEmpty();
            if (applies && chosen != null && !chosen.modelId().equals(p.modelId())) {
                reasons.add("'" + chosen.name() + "' scores this lead: " + (chosen.priority() > p.priority()
                        ? "it has a higher priority (" + chosen.priority() + " over " + p.priority() + ")"
                        : "same priority, published more recently"));
            }
            verdicts.add(new ModelVerdict(p.modelId(), p.name(), applies, reasons));
        }
        return new Verdict(chosen == null ? null : chosen.modelId(), verdicts);
    }
}
