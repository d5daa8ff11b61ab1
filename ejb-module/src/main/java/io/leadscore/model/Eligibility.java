package io.leadscore.model;

import io.leadscore.filter.MemoryFilter;
import io.leadscore.lead.Lead;
import io.leadscore.common.Times;
import io.leadscore.lead.LeadStatus;
import io.leadscore.plugin.JobStatus;
import io.leadscore.plugin.SystemJob;
import io.leadscore.plugin.SystemJobs;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Why a lead is or is not scored. About the lead: no model published at all, its scoring job waiting, failed or
 * canceled, created before the daily rescore's window. Model by model: not published, the lead is closed, another
 * business process, the filter clause that is false with the lead's values, or another model that wins.
 */
@Stateless
public class Eligibility {

    /** The name the scoring plugin's system jobs carry (LeadScoringPlugin's steps). */
    static final String SCORING_PLUGIN = "LeadScoringPlugin";

    public record ModelVerdict(String modelId, String name, boolean applies, List<String> reasons) {
    }

    /** The lead's newest scoring job: what an operator finds in System jobs. */
    public record ScoringJob(String id, JobStatus status, String error, Instant createdOn, Instant completedOn) {
    }

    /** {@code notes}: what holds for the lead whatever the model, in the order to read them. */
    public record Verdict(String scoredBy, List<String> notes, ScoringJob scoringJob, List<ModelVerdict> models) {
    }

    @jakarta.persistence.PersistenceContext(unitName = "leadscore")
    private jakarta.persistence.EntityManager em;
    @EJB
    private ModelRegistry registry;
    @EJB
    private ModelService models;
    @EJB
    private SystemJobs jobs;

    public Verdict of(Lead lead) {
        LeadFeatures features = new LeadFeatures(lead, em);
        PublishedModel chosen = registry.select(features).orElse(null);
        List<ModelVerdict> verdicts = models(lead, features, chosen);
        String scoredBy = chosen == null ? null : chosen.modelId();
        ScoringJob job = jobs.latest(SCORING_PLUGIN, "lead", lead.id())
                .map(j -> new ScoringJob(j.id(), j.status(), j.error(), j.createdOn(), j.completedOn())).orElse(null);
        int windowDays = ConfigProvider.getConfig().getOptionalValue("rescore.window.days", Integer.class).orElse(730);
        return new Verdict(scoredBy, notes(lead, registry.published().isEmpty(), job, windowDays, Times.now()), job,
                verdicts);
    }

    /** What holds for the lead whatever the model (pure: unit-tested). */
    static List<String> notes(Lead lead, boolean nothingPublished, ScoringJob job, int windowDays, Instant now) {
        List<String> notes = new ArrayList<>();
        if (nothingPublished) {
            notes.add("no model is published: no lead is scored until a System Administrator publishes one");
        }
        if (job != null) {
            switch (job.status()) {
                case Waiting, InProgress -> notes.add("its scoring job " + job.id() + " is "
                        + (job.status() == JobStatus.Waiting ? "waiting" : "in progress")
                        + " (queued " + job.createdOn() + "): the score follows when it has run");
                case Failed -> notes.add("its scoring job " + job.id() + " failed"
                        + (job.error() == null ? "" : ": " + job.error())
                        + "; an operator can retry it in System jobs");
                case Canceled -> notes.add("its scoring job " + job.id() + " was canceled"
                        + "; an operator can retry it in System jobs");
                case Succeeded -> {
                }
            }
        }
        Instant windowStart = now.minus(Duration.ofDays(windowDays));
        if (lead.status() == LeadStatus.OPEN && lead.createdOn() != null && lead.createdOn().isBefore(windowStart)) {
            notes.add("it was created on " + lead.createdOn().toString().substring(0, 10) + ", before the daily "
                    + "rescore's window (the last " + windowDays + " days): the daily rescore passes it by, and it is "
                    + "scored again only when it changes");
        }
        return notes;
    }

    private List<ModelVerdict> models(Lead lead, LeadFeatures features, PublishedModel chosen) {
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
        if (chosen != null) { // the model that scores first, as the lead's page reads it
            verdicts.sort(java.util.Comparator.comparing(v -> !v.modelId().equals(chosen.modelId())));
        }
        return verdicts;
    }
}
