package io.leadscore.lead;

import io.leadscore.common.AttributeValue;
import io.leadscore.common.VersionMismatchException;
import io.leadscore.db.ColumnInsert;
import io.leadscore.db.ColumnUpdate;
import io.leadscore.db.Dialect;
import io.leadscore.db.SqlColumn;
import io.leadscore.db.TransactionConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;

import java.sql.Array;
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

import static io.leadscore.db.SqlColumn.bigint;
import static io.leadscore.db.SqlColumn.bool;
import static io.leadscore.db.SqlColumn.decimal;
import static io.leadscore.db.SqlColumn.integer;
import static io.leadscore.db.SqlColumn.text;
import static io.leadscore.db.SqlColumn.timestamp;

/**
 * Where leads are stored with their scores and score history, beyond the generic reads and writes every record
 * type shares ({@code RecordService}, {@code RecordQueries}): leads written in JDBC batches, their alternate keys,
 * their scores and history rows. Everything runs in the caller's transaction.
 */
@ApplicationScoped
public class LeadRepository {

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;
    private volatile Dialect dialect;

    LeadRepository() {
    }

    /** A repository over this entity manager's transactions (tests). */
    LeadRepository(EntityManager em) {
        this.em = em;
    }

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

    /**
     * The ids of the leads with these keys of one source, by external id (no flush first). On PostgreSQL one
     * statement with the ids as an array ({@code = ANY(?)}: parsed once, where an IN list of 1,000 parameters is
     * parsed and planned anew each time); elsewhere one probe of the key's index per key (JPQL for a single key).
     */
    Map<String, String> keyOwners(String source, List<String> externalIds) {
        Map<String, String> out = new HashMap<>();
        try {
            if (externalIds.size() == 1 && !dialect().hasArrays()) { // a single save's check takes no connection
                em.createQuery("SELECT l.id FROM Lead l WHERE l.externalSource = :s AND l.externalId = :i", String.class)
                        .setParameter("s", source).setParameter("i", externalIds.get(0))
                        .setFlushMode(FlushModeType.COMMIT).getResultStream().findFirst()
                        .ifPresent(id -> out.put(externalIds.get(0), id));
                return out;
            }
            Connection c = TransactionConnection.of(em);
            if (dialect().hasArrays()) {
                try (PreparedStatement q = c.prepareStatement("SELECT external_id, id FROM crm_lead "
                        + "WHERE external_source = ? AND external_id = ANY(?)")) {
                    q.setString(1, source);
                    q.setArray(2, c.createArrayOf("varchar", externalIds.toArray()));
                    try (java.sql.ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
                return out;
            }
            // Derby cannot probe the key's index for an IN list on its second column: it tested every lead of the
            // source against the list (2.5 s for 1,000 keys among 20,000 leads); one probe per key is a few µs
            try (PreparedStatement q = c.prepareStatement("SELECT id FROM crm_lead --DERBY-PROPERTIES "
                    + "constraint=UQ_LEAD_EXTERNAL_KEY\n WHERE external_source = ? AND external_id = ?")) {
                q.setString(1, source);
                for (String id : new java.util.LinkedHashSet<>(externalIds)) {
                    q.setString(2, id);
                    try (java.sql.ResultSet rs = q.executeQuery()) {
                        if (rs.next()) {
                            out.put(id, rs.getString(1));
                        }
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new PersistenceException("Could not read leads by their keys: " + e.getMessage(), e);
        }
    }

    /**
     * The database's dialect, read from the first transaction that asks (a single create checks its key before it has
     * a connection of its own: on Derby the JPQL below then needs none taken for it).
     */
    private Dialect dialect() throws SQLException {
        Dialect known = dialect;
        if (known == null) {
            known = Dialect.of(TransactionConnection.of(em));
            dialect = known;
        }
        return known;
    }

    /** The lead with this alternate key, whoever owns it, as the database has it now. */
    public Optional<Lead> byKey(String externalSource, String externalId) {
        return fresh(em.createQuery("SELECT l FROM Lead l WHERE l.externalSource = :s AND l.externalId = :i",
                Lead.class).setParameter("s", externalSource).setParameter("i", externalId)).getResultStream().findFirst();
    }

    /**
     * The leads of these ids that exist, in the order of the ids, read to be changed and written by
     * {@link #updateAll} (a bulk update): with their custom attributes, not managed by JPA.
     */
    public List<Lead> toChange(List<String> ids) {
        try {
            return LeadReads.toChange(TransactionConnection.of(em), ids);
        } catch (SQLException e) {
            throw new PersistenceException("Reading leads to change failed: " + e.getMessage(), e);
        }
    }

    /**
     * The leads with these alternate keys of one source, as {@link #toChange} reads them: on PostgreSQL in one
     * statement through the key's index, elsewhere their ids first ({@link #keyOwners}: Derby probes the key's index
     * once per key).
     */
    public List<Lead> toChangeByKey(String externalSource, List<String> externalIds) {
        try {
            if (!dialect().hasArrays()) {
                return toChange(new ArrayList<>(keyOwners(externalSource, externalIds).values()));
            }
            return LeadReads.toChangeByKey(TransactionConnection.of(em), externalSource, externalIds);
        } catch (SQLException e) {
            throw new PersistenceException("Reading leads to change failed: " + e.getMessage(), e);
        }
    }

    /** The columns of crm_lead that a change of a lead's input writes (status and closing are actions of their own). */
    private static final List<SqlColumn> CHANGED_COLUMNS = List.of(text("topic"), text("first_name"),
            text("last_name"), text("email"), text("phone"), text("job_title"), text("company_name"), text("industry"),
            text("source"), text("country"), text("city"), text("business_process"), text("owner_id"),
            text("account_id"), text("contact_id"), text("external_source"), text("external_id"),
            timestamp("modified_on"));

    /**
     * Writes leads read by {@link #toChange} and changed, together ({@link ColumnUpdate}: one statement per table on
     * PostgreSQL, JDBC batches elsewhere): each lead's row at the next version if it is still at the version read,
     * and the custom attributes that were removed, changed or added. If another transaction changed one of the leads
     * first, throws a version mismatch saying {@code changedMeanwhile} (the caller's transaction then fails).
     */
    public void updateAll(List<Lead> leads, String changedMeanwhile) {
        if (leads.isEmpty()) {
            return;
        }
        Connection c = TransactionConnection.of(em);
        List<SqlColumn> attributeKey = List.of(text("lead_id"), text("name"));
        try (ColumnUpdate rows = ColumnUpdate.update(c, "crm_lead", CHANGED_COLUMNS, "version = t.version + 1",
                List.of(text("id"), bigint("version")));
             ColumnUpdate removed = ColumnUpdate.delete(c, "crm_lead_attribute", attributeKey);
             ColumnInsert added = new ColumnInsert(c, "crm_lead_attribute", List.of(text("lead_id"), text("name"),
                     text("text_value"), decimal("number_value"), bool("boolean_value")))) {
            for (Lead l : leads) {
                rows.add(l.topic(), l.firstName(), l.lastName(), l.email(), l.phone(), l.jobTitle(), l.companyName(),
                        l.industry(), l.source(), l.country(), l.city(), l.businessProcess(), l.ownerId(),
                        l.accountId(), l.contactId(), l.externalSource(), l.externalId(), l.modifiedOn(), l.id(),
                        l.version());
                Map<String, Object> was = l.attributesAsStored();
                Map<String, AttributeValue> is = l.attributeStore();
                for (String name : was.keySet()) {
                    AttributeValue now = is.get(name);
                    if (now == null || !now.equals(AttributeValue.of(was.get(name)))) {
                        removed.add(l.id(), name); // a changed value is written as a new row
                    }
                }
                is.forEach((name, value) -> {
                    if (!was.containsKey(name) || !value.equals(AttributeValue.of(was.get(name)))) {
                        added.add(l.id(), name, value.text(), value.number(), value.flag());
                    }
                });
            }
            if (rows.execute() != leads.size()) {
                throw new VersionMismatchException(changedMeanwhile);
            }
            removed.execute();
            added.execute();
        } catch (SQLException e) {
            throw new PersistenceException("Could not update " + leads.size() + " leads: " + e.getMessage(), e);
        }
        leads.forEach(Lead::updatedDirectly);
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
     * The leads of these ids that exist, in their order, with their accounts, contacts and custom attributes, to
     * score many at once: read-only snapshots read with plain JDBC ({@link LeadReads}), not managed entities.
     */
    public List<Lead> forScoring(List<String> ids) {
        return readForScoring(ids, false);
    }

    /**
     * The open leads of these ids, given in ascending key order (a rescore's chunk), in that order, as
     * {@link #forScoring}: read by key range ({@link LeadReads#openInKeyOrder}).
     */
    public List<Lead> openForScoring(List<String> ascendingIds) {
        return readForScoring(ascendingIds, true);
    }

    private List<Lead> readForScoring(List<String> ids, boolean openInKeyOrder) {
        if (ids.isEmpty()) {
            return List.of();
        }
        try {
            Connection c = TransactionConnection.of(em);
            return openInKeyOrder ? LeadReads.openInKeyOrder(c, ids) : LeadReads.leads(c, ids);
        } catch (SQLException e) {
            throw new PersistenceException("Reading leads to score failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the leads' new scores (each lead's {@link Lead#score()}, null to clear it) and a history row for each
     * new score. A lead's row is updated only if its score is still the one its scoring read ({@code before}: its
     * scored_on unchanged): when a system job and a rescore score the same lead at once, one of them wins and the
     * other writes nothing, so the history never holds the same scoring twice. Returns the leads whose rows were
     * written. On PostgreSQL the scores are one statement (the values as arrays, the rows written returned), on
     * other databases JDBC batches of one-row updates (one per set of columns that changed); the history rows are one {@link ColumnInsert}.
     */
    public List<Lead> writeScores(List<Lead> leads, Map<Lead, LeadScore> before) {
        if (leads.isEmpty()) {
            return List.of();
        }
        em.flush(); // a lead created in this transaction must be in the table before its score is
        Connection c = TransactionConnection.of(em);
        try (ColumnInsert history = new ColumnInsert(c, "lead_score_history", List.of(text("lead_id"),
                timestamp("scored_on"), integer("score_value"), text("score_grade"), text("model_id"),
                integer("model_version")))) {
            List<Lead> written = Dialect.of(c).hasArrays() ? updateScoresTogether(c, leads, before)
                    : updateScoresInBatches(c, leads, before);
            for (Lead lead : written) {
                LeadScore s = lead.score();
                if (s != null) {
                    history.add(lead.id(), s.scoredOn(), s.value(), s.grade(), s.modelId(), s.modelVersion());
                }
            }
            history.execute();
            return written;
        } catch (SQLException e) {
            throw new PersistenceException("Writing scores failed: " + e.getMessage(), e);
        }
    }

    /** The score updates of {@link #writeScores} as one statement with arrays (PostgreSQL); returns the leads written. */
    private static List<Lead> updateScoresTogether(Connection c, List<Lead> leads, Map<Lead, LeadScore> before)
            throws SQLException {
        int n = leads.size();
        Object[] ids = new Object[n];
        Object[][] columns = new Object[SCORE_COLUMNS.size()][n];
        Object[] previous = new Object[n];
        for (int i = 0; i < n; i++) {
            Lead lead = leads.get(i);
            ids[i] = lead.id();
            Object[] v = scoreValues(lead.score());
            for (int k = 0; k < v.length; k++) {
                columns[k][i] = v[k];
            }
            LeadScore b = before.get(lead);
            previous[i] = b == null || b.scoredOn() == null ? null : utc(b.scoredOn());
        }
        try (PreparedStatement up = c.prepareStatement("UPDATE crm_lead l SET score_value = v.score_value, "
                + "score_grade = v.score_grade, score_trend = v.score_trend, score_model_id = v.score_model_id, "
                + "score_model_version = v.score_model_version, scored_on = v.scored_on FROM unnest(?::varchar[], "
                + "?::int4[], ?::varchar[], ?::varchar[], ?::varchar[], ?::int4[], ?::timestamp[], ?::timestamp[]) "
                + "AS v(id, score_value, score_grade, score_trend, score_model_id, score_model_version, scored_on, "
                + "before_on) WHERE l.id = ANY(?) AND l.id = v.id AND l.scored_on IS NOT DISTINCT FROM v.before_on "
                + "RETURNING l.id")) {
            // the ids twice: "l.id = ANY" makes the leads' rows found by their key, not the table scanned for a join
            Array idArray = c.createArrayOf("varchar", ids);
            up.setArray(1, idArray);
            for (int k = 0; k < SCORE_COLUMNS.size(); k++) {
                up.setArray(2 + k, c.createArrayOf(SCORE_ARRAY_TYPES.get(k), columns[k]));
            }
            up.setArray(8, c.createArrayOf("timestamp", previous));
            up.setArray(9, idArray);
            java.util.Set<String> updated = new java.util.HashSet<>();
            try (java.sql.ResultSet rs = up.executeQuery()) {
                while (rs.next()) {
                    updated.add(rs.getString(1));
                }
            }
            List<Lead> written = new ArrayList<>(updated.size());
            for (Lead lead : leads) { // in the callers' order
                if (updated.contains(lead.id())) {
                    written.add(lead);
                }
            }
            return written;
        }
    }

    /** The score columns of crm_lead, in the order {@link #scoreColumns} numbers them. */
    private static final List<String> SCORE_COLUMNS = List.of("score_value", "score_grade", "score_trend",
            "score_model_id", "score_model_version", "scored_on");
    /** The element types of the score columns as PostgreSQL arrays, in {@link #SCORE_COLUMNS}' order. */
    private static final List<String> SCORE_ARRAY_TYPES = List.of("int4", "varchar", "varchar", "varchar", "int4",
            "timestamp");
    /** The JDBC types of the score columns, in {@link #SCORE_COLUMNS}' order. */
    private static final int[] SCORE_TYPES = {Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.INTEGER, Types.TIMESTAMP};
    /** A score update's mark for a lead that had no score (its row is found by scored_on IS NULL). */
    private static final int FIRST = 1 << SCORE_COLUMNS.size();

    /**
     * The score updates of {@link #writeScores} as JDBC batches of one-row updates, one batch per set of columns
     * that changed; returns the leads written, in the callers' order. Derby rewrites every index that holds a
     * column of an UPDATE's SET list, whether or not its value changed: a rescore in which only the trend moved
     * rewrote the owner's score index and the model index of every lead.
     */
    private static List<Lead> updateScoresInBatches(Connection c, List<Lead> leads, Map<Lead, LeadScore> before)
            throws SQLException {
        Map<Integer, List<Lead>> byColumns = new java.util.TreeMap<>();
        for (Lead lead : leads) {
            byColumns.computeIfAbsent(scoreColumns(before.get(lead), lead.score()), k -> new ArrayList<>()).add(lead);
        }
        java.util.Set<Lead> written = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Map.Entry<Integer, List<Lead>> group : byColumns.entrySet()) {
            int columns = group.getKey();
            List<String> set = new ArrayList<>();
            for (int k = 0; k < SCORE_COLUMNS.size(); k++) {
                if ((columns & 1 << k) != 0) {
                    set.add(SCORE_COLUMNS.get(k) + " = ?");
                }
            }
            boolean first = (columns & FIRST) != 0;
            try (PreparedStatement up = c.prepareStatement("UPDATE crm_lead SET " + String.join(", ", set)
                    + " WHERE id = ? AND scored_on " + (first ? "IS NULL" : "= ?"))) {
                for (Lead lead : group.getValue()) {
                    Object[] values = scoreValues(lead.score());
                    int p = 1;
                    for (int k = 0; k < SCORE_COLUMNS.size(); k++) {
                        if ((columns & 1 << k) != 0) {
                            up.setObject(p++, values[k], SCORE_TYPES[k]);
                        }
                    }
                    up.setString(p++, lead.id());
                    if (!first) {
                        up.setTimestamp(p, utc(before.get(lead).scoredOn()));
                    }
                    up.addBatch();
                }
                int[] counts = up.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    // SUCCESS_NO_INFO (-2) says the row was written without a count
                    if (counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO) {
                        written.add(group.getValue().get(i));
                    }
                }
            }
        }
        List<Lead> out = new ArrayList<>(written.size());
        for (Lead lead : leads) {
            if (written.contains(lead)) {
                out.add(lead);
            }
        }
        return out;
    }

    /**
     * Which score columns an update from {@code was} to {@code is} sets, as bits in {@link #SCORE_COLUMNS}' order:
     * all of them for a lead's first score (with {@link #FIRST}) or one that is cleared, otherwise those whose
     * values differ (scored_on always does).
     */
    static int scoreColumns(LeadScore was, LeadScore is) {
        if (was == null || was.scoredOn() == null) {
            return (1 << SCORE_COLUMNS.size()) - 1 | FIRST;
        }
        Object[] from = scoreValues(was);
        Object[] to = scoreValues(is);
        int columns = 1 << SCORE_COLUMNS.size() - 1; // scored_on
        for (int k = 0; k < SCORE_COLUMNS.size() - 1; k++) {
            if (!java.util.Objects.equals(from[k], to[k])) {
                columns |= 1 << k;
            }
        }
        return columns;
    }

    /** A score's values of the {@link #SCORE_COLUMNS} (all null for none). */
    private static Object[] scoreValues(LeadScore s) {
        return s == null ? new Object[SCORE_COLUMNS.size()] : new Object[]{s.value(), s.grade(), s.trend().name(),
                s.modelId(), s.modelVersion(), utc(s.scoredOn())};
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

    private static Timestamp utc(Instant i) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }
}
