package io.leadscore.model;

import io.leadscore.filter.Bound;
import io.leadscore.filter.MemoryFilter;
import io.leadscore.lead.LeadRepository;
import io.leadscore.sdk.Message;
import io.leadscore.sdk.Mode;
import io.leadscore.sdk.Plugin;
import io.leadscore.sdk.PluginExecutionContext;
import io.leadscore.sdk.Stage;
import io.leadscore.sdk.StepDefinition;
import io.leadscore.scoring.FeatureColumn;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The built-in plugin that scores leads in near real time: an asynchronous PostOperation step on lead
 * Create, and on Update when something a published model reads changed (its attributes, its filter's
 * fields, the business process). It runs as a system job, in the job's transaction; closed leads keep the
 * score they had.
 */
@ApplicationScoped
public class LeadScoringPlugin implements Plugin {

    @EJB
    private ScoringService scoring;
    @Inject
    private LeadRepository leads;
    @EJB
    private ModelRegistry registry;

    @Override
    public void execute(PluginExecutionContext context) {
        executeAll(List.of(context));
    }

    /** An import's leads are scored many at once: one query, one network pass, batched writes (a lead deleted since is skipped). */
    @Override
    public boolean batched() {
        return true;
    }

    @Override
    public void executeAll(List<PluginExecutionContext> contexts) {
        List<String> ids = contexts.stream().map(c -> c.target().id()).distinct().toList();
        scoring.scoreAll(leads.forScoring(ids));
    }

    @Override
    public List<StepDefinition> defaultSteps() {
        List<StepDefinition> steps = new ArrayList<>();
        steps.add(new StepDefinition("LeadScoringPlugin", Message.Create, "lead", Stage.PostOperation,
                Mode.Asynchronous, Set.of(), 1, true));
        steps.add(new StepDefinition("LeadScoringPlugin", Message.Update, "lead", Stage.PostOperation,
                Mode.Asynchronous, inputs(), 1, true));
        return steps;
    }

    /**
     * What the published models read, as the names of the lead's values that hold it; always the business
     * process, which chooses the model.
     */
    Set<String> inputs() {
        Set<String> inputs = new TreeSet<>();
        inputs.add("businessProcess");
        for (PublishedModel m : registry.published()) {
            for (FeatureColumn c : m.scoring().encoder().columns()) {
                inputs.add(leadValue(c.spec().path()));
            }
            if (m.filter() != null) {
                for (Bound.Ref ref : MemoryFilter.refs(m.filter())) {
                    inputs.add(ref.relation() != null ? ref.relation().idField() : leadValue(ref.path()));
                }
            }
        }
        return inputs;
    }

    private static String leadValue(String path) {
        if (path.startsWith("account/")) {
            return "accountId";
        }
        if (path.startsWith("contact/")) {
            return "contactId";
        }
        return path;
    }
}
