package io.leadscore.plugin;

import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.Times;
import io.leadscore.db.ColumnInsert;
import io.leadscore.db.Dialect;
import io.leadscore.db.TransactionConnection;
import io.leadscore.filter.RecordQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.leadscore.db.SqlColumn.integer;
import static io.leadscore.db.SqlColumn.text;
import static io.leadscore.db.SqlColumn.timestamp;

/**
 * Where system jobs are stored: every read and write of the {@code system_job} table, JPA and JDBC, in the
 * caller's transaction. {@link SystemJobs} runs jobs and {@link PluginHost} writes them through it.
 */
@ApplicationScoped
public class SystemJobRepository {

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;

    public Optional<SystemJob> find(String id) {
        return Optional.ofNullable(id == null ? null : em.find(SystemJob.class, id));
    }

    /**
     * The jobs of these ids: JPQL with the ids as one collection parameter (a native query with one parameter per id
     * costs EclipseLink time growing with the square of their number: at 200 saves a second the batches grew and
     * scoring fell minutes behind).
     */
    public List<SystemJob> readAll(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // read-only: not managed, so no working copy is built for each and none is compared at commit (their status
        // changes through changeStatus); a third of a scoring batch's own CPU went to reading its jobs
        return em.createQuery("select j from SystemJob j where j.id in :ids", SystemJob.class)
                .setParameter("ids", ids).setHint("eclipselink.read-only", "true").getResultList();
    }

    /** Of the jobs of these ids, those waiting for an attempt, each with its plugin's name (the jobs are not read). */
    public Map<String, String> waitingPlugins(List<String> ids) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        em.createQuery("select j.id, j.plugin from SystemJob j where j.id in :ids and j.status = :waiting", Object[].class)
                .setParameter("ids", ids).setParameter("waiting", JobStatus.Waiting).getResultList()
                .forEach(row -> out.put((String) row[0], (String) row[1]));
        return out;
    }

    /** A new job, written with the transaction's other changes. */
    public void add(SystemJob job) {
        em.persist(job);
    }

    /**
     * New jobs (a bulk write's), inserted together on the transaction's connection ({@link ColumnInsert}), as JPA
     * would: version 1.
     */
    public void addAll(List<SystemJob> jobs) {
        try (ColumnInsert insert = new ColumnInsert(TransactionConnection.of(em), "system_job", List.of(text("id"),
                integer("version"), text("plugin"), text("message"), text("entity"), text("entity_id"), text("status"),
                integer("attempts"), text("correlation_id"), integer("depth"), text("initiating_user"),
                timestamp("created_on"), timestamp("next_attempt_on")))) {
            for (SystemJob job : jobs) {
                insert.add(job.id(), 1, job.plugin(), job.message().name(), job.entity(), job.entityId(),
                        job.status().name(), 0, job.correlationId(), job.depth(), job.initiatingUser(),
                        job.createdOn(), job.nextAttemptOn());
            }
            insert.execute();
        } catch (SQLException e) {
            throw new PersistenceException("Could not write " + jobs.size() + " system jobs: " + e.getMessage(), e);
        }
    }

    /**
     * Moves jobs from one status to another (and, when {@code owner} is given, only those that server holds),
     * setting {@code set} with its {@code values} and the next version; returns how many were moved. On the
     * transaction's connection, by primary key: on PostgreSQL one statement with the ids as an array
     * ({@code id = ANY(?)}); elsewhere a JDBC batch of single-row updates (a JPQL bulk update tests every job of the
     * persistence context against every id, EclipseLink looks each parameter of a native query up in a list (both
     * take time growing with the square of the batch), and Derby without statistics on the table ran one
     * {@code id IN (...)} update as a scan of every job).
     */
    int changeStatus(List<String> ids, JobStatus from, String owner, JobStatus to, String set, Object... values) {
        if (ids.isEmpty()) {
            return 0;
        }
        Connection connection = TransactionConnection.of(em);
        String head = "UPDATE system_job SET status = ?, " + set + ", version = version + 1 WHERE id = ";
        String tail = " AND status = ?" + (owner == null ? "" : " AND owner = ?");
        try {
            if (Dialect.of(connection).hasArrays()) {
                try (PreparedStatement update = connection.prepareStatement(head + "ANY(?)" + tail)) {
                    bindStatusChange(update, connection.createArrayOf("varchar", ids.toArray()), from, owner, to, values);
                    return update.executeUpdate();
                }
            }
            try (PreparedStatement update = connection.prepareStatement(head + "?" + tail)) {
                for (String id : ids) {
                    bindStatusChange(update, id, from, owner, to, values);
                    update.addBatch();
                }
                return io.leadscore.db.ColumnWrite.written(update.executeBatch());
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not change " + ids.size() + " system jobs to " + to + ": "
                    + e.getMessage(), e);
        }
    }

    private static void bindStatusChange(PreparedStatement update, Object id, JobStatus from, String owner, JobStatus to,
                                         Object... values) throws SQLException {
        int i = 1;
        update.setString(i++, to.name());
        for (Object v : values) {
            update.setObject(i++, v instanceof Instant t ? Timestamp.valueOf(Times.utc(t)) : v);
        }
        update.setObject(i++, id);
        update.setString(i++, from.name());
        if (owner != null) {
            update.setString(i, owner);
        }
    }

    /**
     * Extends the claims of the jobs {@code owner} runs (InProgress, started since {@code startedSince}) to
     * {@code until}; the version stays, so the attempts' own writes never conflict with it. Returns how many.
     * The jobs are found first, then written one by one in the order of their ids: a batch reading its jobs by
     * their ids ({@link #readAll}) goes through them in that order too, so the two never hold each other's next
     * row. One statement over the owner's jobs wrote them in the order of another index, and on Derby a scoring
     * batch reading 500 jobs and the renewal each waited for a row the other held, until Derby's deadlock check
     * (after 20 s) rolled the batch back: its leads were scored 22 s late.
     */
    public int renewLeases(String owner, Instant startedSince, Instant until) {
        Connection c = TransactionConnection.of(em);
        List<String> ids = new java.util.ArrayList<>();
        try (PreparedStatement find = c.prepareStatement("SELECT id FROM system_job WHERE owner = ? AND status = ? "
                + "AND started_on >= ? ORDER BY id")) {
            find.setString(1, owner);
            find.setString(2, JobStatus.InProgress.name());
            find.setTimestamp(3, Timestamp.valueOf(Times.utc(startedSince)));
            try (java.sql.ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE system_job SET lease_until = ? WHERE id = ? "
                    + "AND owner = ? AND status = ?")) {
                Timestamp lease = Timestamp.valueOf(Times.utc(until));
                for (String id : ids) {
                    update.setTimestamp(1, lease);
                    update.setString(2, id);
                    update.setString(3, owner);
                    update.setString(4, JobStatus.InProgress.name());
                    update.addBatch();
                }
                return io.leadscore.db.ColumnWrite.written(update.executeBatch());
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not renew the leases of " + owner + ": " + e.getMessage(), e);
        }
    }

    /** Removes the Succeeded jobs completed before a time. */
    public int deleteSucceededBefore(Instant completedBefore) {
        return em.createQuery("delete from SystemJob j where j.status = :s and j.completedOn < :t")
                .setParameter("s", JobStatus.Succeeded).setParameter("t", Times.utc(completedBefore)).executeUpdate();
    }

    /**
     * What a server starting up takes up again, oldest first: every Waiting job, and those InProgress that it held
     * before it stopped ({@code owner}), that nobody holds, or whose holder's lease has run out. Jobs another live
     * server runs stay its own.
     */
    public List<SystemJob> unfinished(String owner, Instant now) {
        return em.createQuery("select j from SystemJob j where j.status = :waiting or (j.status = :running and ("
                        + "j.owner = :owner or j.owner is null or j.leaseUntil is null or j.leaseUntil < :now)) "
                        + "order by j.createdOn", SystemJob.class)
                .setParameter("waiting", JobStatus.Waiting).setParameter("running", JobStatus.InProgress)
                .setParameter("owner", owner).setParameter("now", Times.utc(now)).getResultList();
    }

    /**
     * Jobs nothing runs, oldest first: Waiting and due before {@code waitingBefore}, or InProgress with a claim that
     * ran out before {@code now} (its server died, or stopped renewing it), or with none and started before
     * {@code startedBefore}.
     */
    public List<SystemJob> stuck(Instant waitingBefore, Instant now, Instant startedBefore, int max) {
        return em.createQuery("select j from SystemJob j where (j.status = :waiting and "
                        + "coalesce(j.nextAttemptOn, j.createdOn) < :due) or (j.status = :running and "
                        + "(j.leaseUntil < :now or (j.leaseUntil is null and j.startedOn < :started))) "
                        + "order by j.createdOn", SystemJob.class)
                .setParameter("waiting", JobStatus.Waiting).setParameter("due", Times.utc(waitingBefore))
                .setParameter("running", JobStatus.InProgress).setParameter("now", Times.utc(now))
                .setParameter("started", Times.utc(startedBefore))
                .setMaxResults(max).getResultList();
    }

    /** The newest job of {@code plugin} about one record, if there is one. */
    public Optional<SystemJob> latest(String plugin, String entity, String entityId) {
        return em.createQuery("select j from SystemJob j where j.plugin = :p and j.entity = :e and j.entityId = :id "
                        + "order by j.createdOn desc", SystemJob.class)
                .setParameter("p", plugin).setParameter("e", entity).setParameter("id", entityId)
                .setMaxResults(1).getResultStream().findFirst();
    }

    public Page<SystemJob> list(ListQuery q) {
        return RecordQueries.list(em, SystemJob.class, SystemJobSchema.JOB, q, List.of());
    }

    /** Writes the transaction's changes to jobs now, so that a conflict surfaces here. */
    public void flush() {
        em.flush();
    }
}
