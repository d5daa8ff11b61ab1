package io.leadscore.batch;

import io.leadscore.model.RescorePartitionRepository;
import io.leadscore.model.RescoreRanges;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server's help with rescores another server of the cluster started: every five seconds it looks for a
 * running rescore with key ranges nobody holds and works on them with up to {@code rescore.help.threads} threads
 * (default 2; 0 turns the help off) until none is free, or the job stops or ends.
 */
@Singleton
public class RescoreHelpers {

    private static final Logger LOG = Logger.getLogger(RescoreHelpers.class.getName());

    @EJB
    private RescoreRanges ranges;
    @EJB
    private OperatorJobs jobs;
    @Resource
    private ManagedExecutorService executor;
    @Inject
    @ConfigProperty(name = "rescore.help.threads", defaultValue = "2")
    private int threads;

    private final AtomicInteger busy = new AtomicInteger();

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void help() {
        if (busy.get() >= threads) {
            return;
        }
        for (RescorePartitionRepository.Wanted wanted : ranges.wanted()) {
            if (!jobs.running(wanted.executionId())) {
                continue;
            }
            BooleanSupplier stop = stopWhenEnded(wanted.executionId());
            while (busy.get() < threads) {
                busy.incrementAndGet();
                executor.submit(() -> {
                    try {
                        RescoreRanges.Work work = ranges.work(wanted.jobInstanceId(), stop, false);
                        if (work.ranges() > 0) {
                            LOG.info("Helped rescore " + wanted.jobInstanceId() + ": " + work.ranges() + " ranges, "
                                    + work.read() + " leads read, " + work.scored() + " new scores");
                        }
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Helping rescore " + wanted.jobInstanceId() + " failed", e);
                    } finally {
                        busy.decrementAndGet();
                    }
                });
            }
            return;
        }
    }

    /** True once the execution is no longer running; asks the job repository at most every two seconds. */
    private BooleanSupplier stopWhenEnded(long executionId) {
        AtomicLong checked = new AtomicLong(System.nanoTime());
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            long now = System.nanoTime();
            long last = checked.get();
            if (!ended.get() && now - last > 2_000_000_000L && checked.compareAndSet(last, now)) {
                ended.set(!jobs.running(executionId));
            }
            return ended.get();
        };
    }
}
