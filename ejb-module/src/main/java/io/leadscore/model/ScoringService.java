package io.leadscore.model;

import io.leadscore.common.Times;
import io.leadscore.db.TransactionConnection;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScore;
import io.leadscore.lead.LeadStatus;
import io.leadscore.scoring.Contribution;
import io.leadscore.scoring.Reason;
import io.leadscore.scoring.ScoringModel;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;

    @EJB
    private ModelRegistry registry;
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
            PublishedModel m = registry.select(new LeadFeatures(lead, em)).orElse(null);
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
            List<LeadFeatures> features = g.getValue().stream().map(l -> new LeadFeatures(l, em)).toList();
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
        List<Lead> written = write(changed, cleared, before);
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

    /**
     * Writes new scores and history rows. Each row is updated only if its score is still the one this
     * scoring read (scored_on unchanged): when a system job and a rescore score the same lead at once, one
     * of them wins and the other writes nothing, so the history never holds the same scoring twice. Returns the
     * leads whose rows were written.
     */
    private List<Lead> write(List<Lead> changed, List<Lead> cleared, Map<Lead, LeadScore> before) {
        if (changed.isEmpty() && cleared.isEmpty()) {
            return List.of();
        }
        em.flush(); // a lead created in this transaction must be in the table before its score is
        Connection c = TransactionConnection.of(em);
        String set = "UPDATE crm_lead SET score_value = ?, score_grade = ?, score_trend = ?, score_model_id = ?, "
                + "score_model_version = ?, scored_on = ? WHERE id = ? AND ";
        try (PreparedStatement first = c.prepareStatement(set + "scored_on IS NULL");
             PreparedStatement again = c.prepareStatement(set + "scored_on = ?");
             PreparedStatement hist = c.prepareStatement("INSERT INTO lead_score_history "
                     + "(lead_id, scored_on, score_value, score_grade, model_id, model_version) VALUES (?, ?, ?, ?, ?, ?)")) {
            List<Lead> firstRows = new ArrayList<>();
            List<Lead> againRows = new ArrayList<>();
            List<Lead> all = new ArrayList<>(changed);
            all.addAll(cleared);
            for (Lead lead : all) {
                Instant previousOn = before.get(lead) == null ? null : before.get(lead).scoredOn();
                PreparedStatement up = previousOn == null ? first : again;
                (previousOn == null ? firstRows : againRows).add(lead);
                LeadScore s = lead.score();
                if (s == null) {
                    up.setNull(1, Types.INTEGER);
                    up.setNull(2, Types.VARCHAR);
                    up.setNull(3, Types.VARCHAR);
                    up.setNull(4, Types.VARCHAR);
                    up.setNull(5, Types.INTEGER);
                    up.setNull(6, Types.TIMESTAMP);
                } else {
                    up.setInt(1, s.value());
                    up.setString(2, s.grade());
                    up.setString(3, s.trend().name());
                    up.setString(4, s.modelId());
                    up.setInt(5, s.modelVersion());
                    up.setTimestamp(6, timestamp(s.scoredOn()));
                }
                up.setString(7, lead.id());
                if (previousOn != null) {
                    up.setTimestamp(8, timestamp(previousOn));
                }
                up.addBatch();
            }
            List<Lead> written = new ArrayList<>();
            collect(firstRows, firstRows.isEmpty() ? new int[0] : first.executeBatch(), written);
            collect(againRows, againRows.isEmpty() ? new int[0] : again.executeBatch(), written);
            boolean any = false;
            for (Lead lead : written) {
                LeadScore s = lead.score();
                if (s != null) {
                    hist.setString(1, lead.id());
                    hist.setTimestamp(2, timestamp(s.scoredOn()));
                    hist.setInt(3, s.value());
                    hist.setString(4, s.grade());
                    hist.setString(5, s.modelId());
                    hist.setInt(6, s.modelVersion());
                    hist.addBatch();
                    any = true;
                }
            }
            if (any) {
                hist.executeBatch();
            }
            return written;
        } catch (SQLException e) {
            throw new IllegalStateException("Writing scores failed: " + e.getMessage(), e);
        }
    }

    private static void collect(List<Lead> rows, int[] counts, List<Lead> written) {
        for (int i = 0; i < rows.size(); i++) {
            // SUCCESS_NO_INFO (-2) says the row was written without a count
            if (counts[i] > 0 || counts[i] == java.sql.Statement.SUCCESS_NO_INFO) {
                written.add(rows.get(i));
            }
        }
    }

    private static Timestamp timestamp(Instant i) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }

    /**
     * The connection of this transaction, for batched statements. EclipseLink holds one only once it has
     * written something in the transaction; an empty update makes it take one.
     */

    /** The lead's score with every reason, from the version that gave the score. */
    public Details details(Lead lead) {
        LeadScore s = lead.score();
        if (s == null) {
            return null;
        }
        ScoringModel model = registry.model(s.modelId(), s.modelVersion());
        List<Reason> positive = new ArrayList<>();
        List<Reason> negative = new ArrayList<>();
        for (Contribution c : model.explain(new LeadFeatures(lead, em))) {
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
        ModelConfig m = modelId == null ? null : em.find(ModelConfig.class, modelId);
        return m == null ? null : m.name();
    }

    /** The names of the given models, for pages of leads. */
    public Map<String, String> modelNames(java.util.Collection<String> ids) {
        Map<String, String> names = new LinkedHashMap<>();
        List<String> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (!wanted.isEmpty()) {
            for (Object[] row : em.createQuery("select m.id, m.name from ModelConfig m where m.id in :ids", Object[].class)
                    .setParameter("ids", wanted).getResultList()) {
                names.put((String) row[0], (String) row[1]);
            }
        }
        return names;
    }

    /** A history point of a lead's score. */
    public record HistoryPoint(Instant scoredOn, int value, String grade, String modelId, int modelVersion) {
    }

    public List<HistoryPoint> history(String leadId) {
        List<HistoryPoint> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT scored_on, score_value, score_grade, model_id, model_version "
                        + "FROM lead_score_history WHERE lead_id = ? ORDER BY scored_on, id")
                .setParameter(1, leadId).getResultList();
        for (Object[] r : rows) {
            out.add(new HistoryPoint(((Timestamp) r[0]).toLocalDateTime().toInstant(ZoneOffset.UTC),
                    ((Number) r[1]).intValue(), (String) r[2], (String) r[3], ((Number) r[4]).intValue()));
        }
        return out;
    }
}
