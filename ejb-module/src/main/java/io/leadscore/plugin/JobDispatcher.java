package io.leadscore.plugin;

import io.leadscore.sdk.Plugin;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands system jobs to the managed executor once the transaction that wrote them has committed (never for
 * rolled-back work), and schedules their retries.
 */
@ApplicationScoped
public class JobDispatcher {

    private static final Logger LOG = Logger.getLogger(JobDispatcher.class.getName());

    /** Metric name: jobs handed to the executor (or waiting for a retry) and not finished yet. */
    public static final String QUEUE_DEPTH = "systemJobs.queueDepth";

    /** Jobs of one transaction handed over together, so that batched plugins run them in one transaction. */
    static final int BATCH = 500;

    @Resource
    private ManagedScheduledExecutorService executor;
    @Resource
    private TransactionSynchronizationRegistry transactions;
    @EJB
    private SystemJobs jobs;
    @Inject
    private PluginCatalog catalog;
    @Inject
    private MetricRegistry metrics;

    private final AtomicInteger queued = new AtomicInteger();
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final java.util.function.Supplier<Integer> depth = queued::get;

    /**
     * Registers the gauge if it is not there (get-or-register): Liberty drops application metrics of the same
     * name when another application that registered them (a test deployment) is removed.
     */
    @PostConstruct
    void registerGauge() {
        metrics.gauge(QUEUE_DEPTH, depth);
    }

    /** Jobs dispatched here and not finished yet, retries that wait included. */
    public int queueDepth() {
        return queued.get();
    }

    /**
     * A job written in the current transaction: all those of one transaction are dispatched together once it
     * has committed (an import's chunk: hundreds), never if it rolls back. A transaction's only job, when its
     * plugin runs batches, joins its plugin's lane: jobs that arrive while the lane runs a batch make its next
     * batch (saves of many users at once run as imports do: two transactions per batch instead of two per job).
     */
    @SuppressWarnings("unchecked")
    public void enqueue(String id, String plugin) {
        Map<String, String> pending = (Map<String, String>) transactions.getResource(JobDispatcher.class);
        if (pending == null) {
            Map<String, String> all = new LinkedHashMap<>();
            transactions.putResource(JobDispatcher.class, all);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status != Status.STATUS_COMMITTED) {
                        return;
                    }
                    if (all.size() == 1) {
                        Map.Entry<String, String> only = all.entrySet().iterator().next();
                        Plugin p = catalog.plugin(only.getValue());
                        if (p != null && p.batched()) {
                            lane(only.getValue()).add(only.getKey());
                            return;
                        }
                    }
                    dispatchNow(List.copyOf(all.keySet()));
                }
            });
            pending = all;
        }
        pending.put(id, plugin);
    }

    private Lane lane(String plugin) {
        return lanes.computeIfAbsent(plugin, k -> new Lane());
    }

    /**
     * One batched plugin's single jobs: at most one batch of them runs at a time; jobs that arrive meanwhile
     * wait for it and then run together (up to {@link #BATCH}). When the lane is idle a job starts at once.
     */
    private final class Lane {
        private final ConcurrentLinkedQueue<String> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean();

        void add(String id) {
            registerGauge();
            queued.incrementAndGet();
            waiting.add(id);
            drainIfIdle();
        }

        private void drainIfIdle() {
            if (!waiting.isEmpty() && running.compareAndSet(false, true)) {
                try {
                    executor.submit(this::drain);
                } catch (RuntimeException e) {
                    running.set(false);
                    List<String> lost = take(Integer.MAX_VALUE);
                    queued.addAndGet(-lost.size());
                    LOG.log(Level.SEVERE, lost.size() + " system jobs could not be handed to the executor; they run at "
                            + "the next start or when retried", e);
                }
            }
        }

        private List<String> take(int max) {
            List<String> batch = new ArrayList<>();
            String id;
            while (batch.size() < max && (id = waiting.poll()) != null) {
                batch.add(id);
            }
            return batch;
        }

        private void drain() {
            try {
                for (List<String> batch = take(BATCH); !batch.isEmpty(); batch = take(BATCH)) {
                    attemptAll(batch);
                }
            } finally {
                running.set(false);
            }
            // a job added after the last take but before running was cleared
            drainIfIdle();
        }
    }

    /** Jobs to run now, a batch at a time. */
    public void dispatchNow(List<String> ids) {
        for (int i = 0; i < ids.size(); i += BATCH) {
            // one attempt of several jobs (SystemJobs.attemptAll); those that fail are retried one by one
            submit(List.copyOf(ids.subList(i, Math.min(ids.size(), i + BATCH))), Duration.ZERO);
        }
    }

    /** Runs one attempt of queued jobs (SystemJobs.attemptAll) and schedules the retries of those that failed. */
    private void attemptAll(List<String> ids) {
        Map<String, Duration> next = Map.of();
        try {
            next = jobs.attemptAll(ids);
        } catch (RuntimeException | Error e) { // the executor's thread carries on; a job left InProgress is swept
            LOG.log(Level.SEVERE, "System jobs " + ids + " could not be run", e);
        } finally {
            queued.addAndGet(-ids.size());
        }
        next.forEach(this::dispatch);
    }

    public void dispatch(String id, Duration delay) {
        submit(List.of(id), delay);
    }

    /** Hands an attempt of the jobs to the executor, after the delay; they count in the queue depth until it ends. */
    private void submit(List<String> ids, Duration delay) {
        registerGauge();
        queued.addAndGet(ids.size());
        try {
            if (delay.isZero()) {
                executor.submit(() -> attemptAll(ids));
            } else {
                executor.schedule(() -> attemptAll(ids), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            queued.addAndGet(-ids.size());
            LOG.log(Level.SEVERE, "System jobs " + ids + " could not be handed to the executor; they run at the next "
                    + "start or when retried", e);
        }
    }
}
