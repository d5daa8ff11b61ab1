package io.leadscore.lead;

import io.leadscore.db.TransactionConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where leads are stored with their scores and score history, beyond the generic reads and writes every record
 * type shares ({@code RecordService}, {@code RecordQueries}): leads written in JDBC batches, their alternate keys,
 * their scores and history rows. Everything runs in the caller's transaction.
 */
@ApplicationScoped
public class LeadRepository {

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;

    /** New leads and their attributes in JDBC batches (an import's chunk writes hundreds at once). */
    void insertAll(List<Lead> leads) {
        try (LeadInserts inserts = new LeadInserts(TransactionConnection.of(em))) {
            for (Lead lead : leads) {
                inserts.add(LeadRow.of(lead));
                lead.insertedDirectly();
            }
            inserts.execute();
        } catch (SQLException e) {
            throw new PersistenceException("Could not insert " + leads.size() + " leads: " + e.getMessage(), e);
        }
    }

    /** A record a lead refers to (its account or contact), in this transaction's persistence context; null if none. */
    public io.leadscore.common.CrmRecord related(Class<? extends io.leadscore.common.CrmRecord> type, String id) {
        return id == null ? null : em.find(type, id);
    }

    /** The ids of the leads with these keys of one source, by external id (in chunks of 1,000, no flush first). */
    Map<String, String> keyOwners(String source, List<String> externalIds) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < externalIds.size(); i += 1000) {
            for (Object[] row : em.createQuery("SELECT l.externalId, l.id FROM Lead l WHERE l.externalSource = :s "
                            + "AND l.externalId IN :ids", Object[].class).setParameter("s", source)
                    .setParameter("ids", externalIds.subList(i, Math.min(externalIds.size(), i + 1000)))
                    .setFlushMode(FlushModeType.COMMIT).getResultList()) {
                out.put((String) row[0], (String) row[1]);
            }
        }
        return out;
    }

    /** The lead with this alternate key, whoever owns it, as the database has it now. */
    public Optional<Lead> byKey(String externalSource, String externalId) {
        return fresh(em.createQuery("SELECT l FROM Lead l WHERE l.externalSource = :s AND l.externalId = :i",
                Lead.class).setParameter("s", externalSource).setParameter("i", externalId)).getResultStream().findFirst();
    }

    /** The leads of these ids (any owner), read together in chunks of 1,000, as the database has them now. */
    public List<Lead> findAll(List<String> ids) {
        List<Lead> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 1000) {
            out.addAll(fresh(em.createQuery("SELECT l FROM Lead l WHERE l.id IN :ids", Lead.class)
                    .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + 1000)))).getResultList());
        }
        return out;
    }

    /** The leads with these alternate keys of one source, read together in chunks of 1,000. */
    public List<Lead> byKeys(String externalSource, List<String> externalIds) {
        List<Lead> out = new ArrayList<>();
        for (int i = 0; i < externalIds.size(); i += 1000) {
            out.addAll(fresh(em.createQuery("SELECT l FROM Lead l WHERE l.externalSource = :s AND l.externalId IN :ids",
                            Lead.class).setParameter("s", externalSource)
                    .setParameter("ids", externalIds.subList(i, Math.min(externalIds.size(), i + 1000))))
                    .getResultList());
        }
        return out;
    }

    /** Leads as the database has them now, not as the shared cache last saw them: an upsert writes at this version. */
    private static TypedQuery<Lead> fresh(TypedQuery<Lead> query) {
        return query.setHint("jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS)
                .setHint("eclipselink.refresh", "true");
    }

    /** The names of the custom attributes leads have, in order. */
    @SuppressWarnings("unchecked")
    public List<String> attributeNames() {
        return em.createNativeQuery("SELECT DISTINCT name FROM crm_lead_attribute ORDER BY name").getResultList();
    }

    /**
     * Writes the leads' new scores (each lead's {@link Lead#score()}, null to clear it) and a history row for each
     * new score. A lead's row is updated only if its score is still the one its scoring read ({@code before}: its
     * scored_on unchanged): when a system job and a rescore score the same lead at once, one of them wins and the
     * other writes nothing, so the history never holds the same scoring twice. Returns the leads whose rows were
     * written.
     */
    public List<Lead> writeScores(List<Lead> leads, Map<Lead, LeadScore> before) {
        if (leads.isEmpty()) {
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
            for (Lead lead : leads) {
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
            throw new PersistenceException("Writing scores failed: " + e.getMessage(), e);
        }
    }

    private static void collect(List<Lead> rows, int[] counts, List<Lead> written) {
        for (int i = 0; i < rows.size(); i++) {
            // SUCCESS_NO_INFO (-2) says the row was written without a count
            if (counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO) {
                written.add(rows.get(i));
            }
        }
    }

    /** A lead's score history, oldest first. */
    public List<ScorePoint> scoreHistory(String leadId) {
        List<ScorePoint> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT scored_on, score_value, score_grade, model_id, model_version "
                        + "FROM lead_score_history WHERE lead_id = ? ORDER BY scored_on, id")
                .setParameter(1, leadId).getResultList();
        for (Object[] r : rows) {
            out.add(new ScorePoint(((Timestamp) r[0]).toLocalDateTime().toInstant(ZoneOffset.UTC),
                    ((Number) r[1]).intValue(), (String) r[2], (String) r[3], ((Number) r[4]).intValue()));
        }
        return out;
    }

    private static Timestamp timestamp(Instant i) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }
}
