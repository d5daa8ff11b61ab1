package io.leadscore.model;

import io.leadscore.common.Times;
import io.leadscore.plugin.ServerIdentity;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Works on the key ranges of a rescore, on whichever server of the cluster runs it: claims a range nobody holds
 * (for a lease, as system jobs are claimed), scores it chunk by chunk, each chunk's scores and the range's progress
 * committed together only while this server still holds the range, and marks it done after its last chunk. A range
 * whose server died is claimed again once its lease ran out and goes on after its last committed chunk: every lead
 * is scored once. The rescore job's own partitions work until every range is done (taking over any whose lease runs
 * out); other servers help while the job runs ({@code batch.RescoreHelpers}).
 */
@Stateless
public class RescoreRanges {

    /** A chunk of a range that this server no longer holds: its transaction is rolled back. */
    @ApplicationException(rollback = true)
    public static class RangeLost extends RuntimeException {
        public RangeLost(String message) {
            super(message);
        }
    }

    @Inject
    private RescorePartitionRepository ranges;
    @EJB
    private RescoreSelection selection;
    @EJB
    private ModelRegistry registry;
    @EJB
    private RescoreRanges self;
    @Inject
    private ServerIdentity server;
    @Inject
    @ConfigProperty(name = "rescore.lease.seconds", defaultValue = "60")
    private long leaseSeconds;

    /** What this server's work on a job instance's ranges counted: ranges finished, leads read, new scores. */
    public record Work(int ranges, long read, long scored) {
    }

    /**
     * Claims and scores the job instance's ranges until none is free; with {@code untilAllDone} (the job's own
     * partitions) then waits for the ranges other servers hold, taking over any whose lease runs out, until every
     * range is done. Ends early, after the chunk in progress, when {@code stop} says so.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Work work(long jobInstanceId, BooleanSupplier stop, boolean untilAllDone) {
        int finished = 0;
        long read = 0;
        long scored = 0;
        while (!stop.getAsBoolean()) {
            Optional<RescorePartitionRepository.Claim> claim = self.claim(jobInstanceId);
            if (claim.isEmpty()) {
                if (!untilAllDone || self.notDone(jobInstanceId) == 0) {
                    break;
                }
                if (!pause()) {
                    break;
                }
                continue;
            }
            RescorePartitionRepository.Claim c = claim.get();
            String last = c.lastId();
            boolean done = false;
            try {
                while (!done && !stop.getAsBoolean()) {
                    Chunk chunk = self.chunk(c, last);
                    last = chunk.lastId();
                    done = chunk.done();
                    read += chunk.read();
                    scored += chunk.scored();
                }
            } catch (RangeLost lost) {
                continue; // another server holds it now and goes on from its last committed chunk
            } catch (RuntimeException e) {
                self.release(c); // free at once for a restart (or another server), not only when its lease runs out
                throw e;
            }
            if (done) {
                finished++;
            }
        }
        return new Work(finished, read, scored);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<RescorePartitionRepository.Claim> claim(long jobInstanceId) {
        // score with the models the database has published now: a server helping with the rescore that publishing a
        // model started on another server may not have loaded that model yet (its own check runs every five
        // seconds), and would pass its leads by as not covered
        registry.watch();
        Instant now = Times.now();
        return ranges.claim(jobInstanceId, server.id(), now, now.plus(lease()));
    }

    /** Gives up a range this server holds, after a chunk failed: it goes on from its last committed chunk. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(RescorePartitionRepository.Claim claim) {
        ranges.release(claim, server.id());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long notDone(long jobInstanceId) {
        return ranges.notDone(jobInstanceId);
    }

    /** An execution of the job instance works on its ranges from now on, started on this server. */
    public void start(long jobInstanceId, long executionId, int chunkSize) {
        ranges.started(jobInstanceId, executionId, server.id(), chunkSize);
    }

    /** Running rescores other servers started that have a range free to claim. */
    public List<RescorePartitionRepository.Wanted> wanted() {
        return ranges.wanted(server.id(), Times.now());
    }

    /** Where the job instance's ranges stand now. */
    public Progress progress(long jobInstanceId) {
        return Progress.of(ranges.states(jobInstanceId), Times.now());
    }

    /** One chunk of a claimed range: the last id it scored, whether the range is done, what it counted. */
    public record Chunk(String lastId, boolean done, int read, int scored) {
    }

    /**
     * Scores the next chunk of a claimed range after {@code afterId} and records the range's progress, in one
     * transaction; {@link RangeLost} (rolled back) when this server no longer holds the range.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Chunk chunk(RescorePartitionRepository.Claim c, String afterId) {
        RescoreSelection.Range range = c.range();
        if (range.modelId() != null && registry.loadErrors().containsKey(range.modelId())) {
            throw new IllegalStateException("The model " + range.modelId() + " could not be loaded on " + server.id()
                    + ": " + registry.loadErrors().get(range.modelId()));
        }
        List<String> ids = selection.nextIds(range, afterId, c.chunkSize());
        RescoreSelection.Tally tally = selection.score(range.createdSince(), range.modelId(), ids);
        String last = ids.isEmpty() ? afterId : ids.get(ids.size() - 1);
        boolean done = ids.size() < c.chunkSize();
        if (!ranges.progress(c, server.id(), last, tally.covered(), tally.scored(), done, Times.now().plus(lease()))) {
            throw new RangeLost("Range " + c.partition() + " of rescore " + c.jobInstanceId()
                    + " is held by another server now");
        }
        return new Chunk(last, done, tally.covered(), tally.scored());
    }

    /** The server's lease on a range it works on, renewed with each chunk ({@code rescore.lease.seconds}). */
    private Duration lease() {
        return Duration.ofSeconds(Math.max(5, leaseSeconds));
    }

    /** Waits half a second; false when the thread was interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(500);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
