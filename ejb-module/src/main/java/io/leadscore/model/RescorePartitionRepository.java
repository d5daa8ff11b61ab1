package io.leadscore.model;

import io.leadscore.common.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key ranges a rescore job instance was split into, and who works on each: kept so that a restart works on the
 * same ranges, and so that any server of the cluster can claim a range for a lease (as system jobs are claimed),
 * score it chunk by chunk with its progress committed in each chunk's transaction, and mark it done.
 */
@ApplicationScoped
public class RescorePartitionRepository {

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;

    public RescorePartitionRepository() {
    }

    /** On a given entity manager (tests). */
    RescorePartitionRepository(EntityManager em) {
        this.em = em;
    }

    /** Whether an execution of the job instance has stored its ranges. */
    public boolean planned(long jobInstanceId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM rescore_partition WHERE job_instance_id = ?")
                .setParameter(1, jobInstanceId).getSingleResult()).longValue() > 0;
    }

    public void add(long jobInstanceId, int partition, RescoreSelection.Range r) {
        em.createNativeQuery("INSERT INTO rescore_partition (job_instance_id, partition_no, from_id, to_id, "
                        + "created_since, model_id) VALUES (?, ?, ?, ?, ?, ?)")
                .setParameter(1, jobInstanceId).setParameter(2, partition).setParameter(3, r.fromId())
                .setParameter(4, r.toId()).setParameter(5, Timestamp.valueOf(Times.utc(r.createdSince())))
                .setParameter(6, r.modelId()).executeUpdate();
    }

    /** An execution of the job instance works on its ranges from now on, started on server {@code startedBy}. */
    public void started(long jobInstanceId, long executionId, String startedBy, int chunkSize) {
        em.createNativeQuery("UPDATE rescore_partition SET execution_id = ?, started_by = ?, chunk_size = ? "
                        + "WHERE job_instance_id = ?").setParameter(1, executionId).setParameter(2, startedBy)
                .setParameter(3, chunkSize).setParameter(4, jobInstanceId).executeUpdate();
    }

    /** A range claimed by a server: where it is, how far its committed chunks got, and the chunk size to use. */
    public record Claim(long jobInstanceId, int partition, RescoreSelection.Range range, String lastId, int chunkSize) {
    }

    /**
     * Claims a range of the job instance that is not done and that no server holds (never claimed, or its lease
     * ran out at {@code now}) for {@code owner} until {@code leaseUntil}; empty when there is none. One conditional
     * update per candidate: of two servers claiming the same range, one gets it.
     */
    public Optional<Claim> claim(long jobInstanceId, String owner, Instant now, Instant leaseUntil) {
        @SuppressWarnings("unchecked")
        List<Object> free = em.createNativeQuery("SELECT partition_no FROM rescore_partition WHERE job_instance_id = ? "
                        + "AND done = ? AND (owner IS NULL OR lease_until < ?) ORDER BY partition_no")
                .setParameter(1, jobInstanceId).setParameter(2, false).setParameter(3, ts(now)).getResultList();
        for (Object no : free) {
            int partition = ((Number) no).intValue();
            int taken = em.createNativeQuery("UPDATE rescore_partition SET owner = ?, lease_until = ? "
                            + "WHERE job_instance_id = ? AND partition_no = ? AND done = ? AND (owner IS NULL OR lease_until < ?)")
                    .setParameter(1, owner).setParameter(2, ts(leaseUntil)).setParameter(3, jobInstanceId)
                    .setParameter(4, partition).setParameter(5, false).setParameter(6, ts(now)).executeUpdate();
            if (taken == 1) {
                Object[] r = (Object[]) em.createNativeQuery("SELECT from_id, to_id, created_since, model_id, last_id, "
                                + "chunk_size FROM rescore_partition WHERE job_instance_id = ? AND partition_no = ?")
                        .setParameter(1, jobInstanceId).setParameter(2, partition).getSingleResult();
                return Optional.of(new Claim(jobInstanceId, partition, range(r), (String) r[4],
                        ((Number) r[5]).intValue()));
            }
        }
        return Optional.empty();
    }

    /**
     * Records a chunk of a claimed range in the chunk's transaction: the last id it scored, what it counted, whether
     * the range is now done, and the owner's lease renewed. False when {@code owner} no longer holds the range (its
     * lease ran out and another server took it): the chunk must then be rolled back.
     */
    public boolean progress(Claim claim, String owner, String lastId, long read, long scored, boolean done,
                            Instant leaseUntil) {
        return em.createNativeQuery("UPDATE rescore_partition SET last_id = ?, leads_read = leads_read + ?, "
                        + "leads_scored = leads_scored + ?, done = ?, lease_until = ? WHERE job_instance_id = ? "
                        + "AND partition_no = ? AND owner = ? AND done = ?")
                .setParameter(1, lastId).setParameter(2, read).setParameter(3, scored).setParameter(4, done)
                .setParameter(5, ts(leaseUntil)).setParameter(6, claim.jobInstanceId()).setParameter(7, claim.partition())
                .setParameter(8, owner).setParameter(9, false).executeUpdate() == 1;
    }

    /** Gives up a range {@code owner} holds: free to claim at once, from its last recorded progress. */
    public void release(Claim claim, String owner) {
        em.createNativeQuery("UPDATE rescore_partition SET owner = NULL, lease_until = NULL WHERE job_instance_id = ? "
                        + "AND partition_no = ? AND owner = ? AND done = ?").setParameter(1, claim.jobInstanceId())
                .setParameter(2, claim.partition()).setParameter(3, owner).setParameter(4, false).executeUpdate();
    }

    /** How many ranges of the job instance are not done yet. */
    public long notDone(long jobInstanceId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM rescore_partition WHERE job_instance_id = ? AND done = ?")
                .setParameter(1, jobInstanceId).setParameter(2, false).getSingleResult()).longValue();
    }

    /** Where a range stands: done or not, the server that holds it (or finished it) and until when, what it counted. */
    public record State(boolean done, String owner, Instant leaseUntil, long read, long scored) {
    }

    /** The state of each of the job instance's ranges, in partition order. */
    public List<State> states(long jobInstanceId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT done, owner, lease_until, leads_read, leads_scored "
                + "FROM rescore_partition WHERE job_instance_id = ? ORDER BY partition_no").setParameter(1, jobInstanceId)
                .getResultList();
        List<State> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new State(Boolean.TRUE.equals(r[0]) || r[0] instanceof Number n && n.intValue() != 0, (String) r[1],
                    r[2] == null ? null : ((Timestamp) r[2]).toLocalDateTime().toInstant(ZoneOffset.UTC),
                    ((Number) r[3]).longValue(), ((Number) r[4]).longValue()));
        }
        return out;
    }

    /** A job execution that has ranges nobody holds: one another server started, which this one may help with. */
    public record Wanted(long jobInstanceId, long executionId) {
    }

    /** The executions started on other servers than {@code server} with a range that is free to claim at {@code now}. */
    public List<Wanted> wanted(String server, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT DISTINCT job_instance_id, execution_id FROM rescore_partition "
                        + "WHERE done = ? AND execution_id IS NOT NULL AND started_by <> ? AND (owner IS NULL OR lease_until < ?)")
                .setParameter(1, false).setParameter(2, server).setParameter(3, ts(now)).getResultList();
        List<Wanted> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Wanted(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
        }
        return out;
    }

    private static RescoreSelection.Range range(Object[] r) {
        return new RescoreSelection.Range((String) r[0], (String) r[1],
                ((Timestamp) r[2]).toLocalDateTime().toInstant(ZoneOffset.UTC), (String) r[3]);
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.valueOf(Times.utc(i));
    }
}
