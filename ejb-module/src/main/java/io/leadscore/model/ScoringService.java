package io.leadscore.model;

import io.leadscore.common.Times;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadRepository;
import io.leadscore.lead.LeadScore;
import io.leadscore.lead.LeadStatus;
import io.leadscore.lead.ScorePoint;
import io.leadscore.scoring.Contribution;
import io.leadscore.scoring.Reason;
import io.leadscore.scoring.ScoringModel;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Scores leads with the model that covers each, in the caller's transaction: score, grade, trend
 * against the previous score, and a history row; a lead that no published model covers any more loses
 * its score. One path for a single lead and for a batch (grouped by model, one network pass per group).
 */
@Stateless
public class ScoringService {

    private static final Logger LOG = Logger.getLogger(ScoringService.class.getName());

    /** What a lead's score rests on: the score and every reason, positive and negative. */
    public record Details(LeadScore score, String modelName, List<Reason> positive, List<Reason> negative) {
    }


    @EJB
    private ModelRegistry registry;
    @jakarta.inject.Inject
    private LeadRepository repository;
    @jakarta.inject.Inject
    private ModelRepository models;
    /** Told of the scores written, in the same transaction (webhooks). */
    @jakarta.inject.Inject
    private jakarta.enterprise.event.Event<io.leadscore.lead.ScoresChanged> scoresChanged;

    public LeadScore score(Lead lead) {
        return scoreAll(List.of(lead)).get(0);
    }

    /** Scores the leads and writes what changed; returns each lead's score (null: none). */
    public List<LeadScore> scoreAll(List<Lead> leads) {
        Instant now = Times.now();
        Map<PublishedModel, List<Lead>> groups = new LinkedHashMap<>();
        Map<Lead, LeadScore> result = new IdentityHashMap<>();
        List<Lead> cleared = new ArrayList<>();
        for (Lead lead : leads) {
            if (lead.status() != LeadStatus.OPEN) {
                result.put(lead, lead.score()); // a closed lead keeps its last score
                continue;
            }
            PublishedModel m = registry.select(new LeadFeatures(lead, repository::related)).orElse(null);
            if (m == null) {
                if (lead.score() != null) {
                    cleared.add(lead);
                }
                result.put(lead, null);
            } else {
                groups.computeIfAbsent(m, k -> new ArrayList<>()).add(lead);
            }
        }
        List<Lead> changed = new ArrayList<>();
        Map<Lead, LeadScore> before = new IdentityHashMap<>();
        for (Map.Entry<PublishedModel, List<Lead>> g : groups.entrySet()) {
            PublishedModel m = g.getKey();
            List<LeadFeatures> features = g.getValue().stream().map(l -> new LeadFeatures(l, repository::related)).toList();
            double[] p;
            try {
                p = m.scoring().probabilities(features);
            } catch (RuntimeException e) {
                // a model that cannot score must not stop leads from being saved; they keep their last score
                LOG.log(Level.SEVERE, "Model " + m.name() + " v" + m.version() + " could not score "
                        + features.size() + " lead(s)", e);
                g.getValue().forEach(l -> result.put(l, l.score()));
                continue;
            }
            for (int i = 0; i < p.length; i++) {
                Lead lead = g.getValue().get(i);
                int value = ScoringModel.score(p[i]);
                LeadScore previous = lead.score();
                LeadScore.Trend trend = LeadScore.Trend.of(previous == null ? null : previous.value(), value,
                        m.trendThreshold());
                if (previous != null && previous.value() == value && previous.modelId().equals(m.modelId())
                        && previous.modelVersion() == m.version() && previous.grade().equals(m.grade(value))
                        && previous.trend() == trend) {
                    result.put(lead, previous); // nothing changed, the trend included: no write, no history row
                    continue;
                }
                LeadScore s = new LeadScore(value, m.grade(value), trend, m.modelId(), m.version(), now);
                before.put(lead, previous);
                lead.scored(s);
                result.put(lead, s);
                changed.add(lead);
            }
        }
        cleared.forEach(l -> {
            before.put(l, l.score());
            l.scored(null);
        });
        List<Lead> toWrite = new ArrayList<>(changed);
        toWrite.addAll(cleared);
        List<Lead> written = repository.writeScores(toWrite, before);
        if (!written.isEmpty()) {
            List<io.leadscore.lead.ScoresChanged.Change> changes = new ArrayList<>(written.size());
            for (Lead l : written) {
                LeadScore was = before.get(l);
                LeadScore is = l.score();
                changes.add(new io.leadscore.lead.ScoresChanged.Change(l, was == null ? null : was.value(), was == null ? null : was.grade(),
                        is == null ? null : is.value(), is == null ? null : is.grade()));
            }
            scoresChanged.fire(new io.leadscore.lead.ScoresChanged(changes));
        }
        List<LeadScore> out = new ArrayList<>(leads.size());
        leads.forEach(l -> out.add(result.get(l)));
        return out;
    }

    /** The lead's score with every reason, from the version that gave the score. */
    public Details details(Lead lead) {
        LeadScore s = lead.score();
        if (s == null) {
            return null;
        }
        ScoringModel model = registry.model(s.modelId(), s.modelVersion());
        List<Reason> positive = new ArrayList<>();
        List<Reason> negative = new ArrayList<>();
        for (Contribution c : model.explain(new LeadFeatures(lead, repository::related))) {
            if (c.ignored() || Math.abs(c.impact()) < 0.05) {
                continue;
            }
            (c.impact() > 0 ? positive : negative).add(Reason.of(c));
        }
        positive.sort(Comparator.comparingDouble(Reason::impact).reversed());
        negative.sort(Comparator.comparingDouble(Reason::impact));
        String name = registry.published().stream().filter(p -> p.modelId().equals(s.modelId()))
                .map(PublishedModel::name).findFirst().orElseGet(() -> modelName(s.modelId()));
        return new Details(s, name, positive, negative);
    }

    /** A model's current name, or null when it has been deleted. */
    public String modelName(String modelId) {
        return models.find(modelId).map(ModelConfig::name).orElse(null);
    }

    /** The names of the given models, for pages of leads. */
    public Map<String, String> modelNames(java.util.Collection<String> ids) {
        return models.names(ids.stream().filter(Objects::nonNull).distinct().toList());
    }

    /** A lead's score history, oldest first. */
    public List<ScorePoint> history(String leadId) {
        return repository.scoreHistory(leadId);
    }
}
