package io.leadscore.plugin;

import io.leadscore.sdk.InvalidPluginExecutionException;
import io.leadscore.sdk.Mode;
import io.leadscore.sdk.Plugin;
import io.leadscore.sdk.PluginExecutionContext;
import io.leadscore.sdk.RecordOperations;
import io.leadscore.sdk.Stage;
import io.leadscore.common.ListQuery;
import io.leadscore.common.NotFoundException;
import io.leadscore.common.Page;
import io.leadscore.common.Times;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs system jobs: an attempt takes the job (InProgress, in its own transaction), runs its plugin and marks
 * it Succeeded in one transaction, so that the plugin's work and the job's success commit together; a
 * failure is recorded in a new transaction and retried with backoff, up to {@link SystemJob#RETRIES} times.
 */
@Stateless
public class SystemJobs {

    private static final Logger LOG = Logger.getLogger(SystemJobs.class.getName());
    /** Metric names (MicroProfile Metrics, application scope). */
    public static final String SAVE_TO_DONE = "systemJobs.saveToDone";
    public static final String FAILED = "systemJobs.failed";
    public static final String RETRIED = "systemJobs.retried";

    @Inject
    private SystemJobRepository jobs;
    @Inject
    private ServerIdentity server;
    @Inject
    private PluginCatalog catalog;
    @Inject
    private RecordOperations records;
    @Inject
    private JobDispatcher dispatcher;
    @EJB
    private SystemJobs self;
    @Inject
    private org.eclipse.microprofile.metrics.MetricRegistry metrics;
    @Inject
    @ConfigProperty(name = "system.jobs.retention.hours", defaultValue = "168")
    private long retentionHours;

    /** One attempt; returns the delay before the next one, or null when there is none. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Duration attempt(String id) {
        try {
            if (!self.start(id)) {
                return null;
            }
        } catch (RuntimeException e) {
            // another server (or another attempt here) took it at the same moment: its claim committed first
            LOG.log(Level.FINE, "System job " + id + " was taken by another attempt", e);
            return null;
        }
        return run(id);
    }

    /**
     * One attempt of several jobs (those one transaction enqueued, or a plugin lane gathered): the jobs of batched plugins (see
     * {@link Plugin#batched()}) start together and run in one transaction; if it fails, or for other plugins,
     * each runs on its own. Returns the delay before each job's next attempt, for those that have one.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Map<String, Duration> attemptAll(List<String> ids) {
        Map<String, Duration> next = new LinkedHashMap<>();
        List<String> started = List.of();
        if (ids.size() > 1) {
            try {
                started = self.startBatched(ids);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not start " + ids.size() + " system jobs together; each runs on its own", e);
            }
        }
        if (!started.isEmpty()) {
            try {
                self.executeAll(started);
            } catch (RuntimeException | Error e) { // an Error too (a plugin's StackOverflowError, say): never left InProgress
                LOG.log(Level.FINE, "A batch of " + started.size() + " system jobs failed as a whole; each runs on its own", e);
                for (String id : started) {
                    if (!self.startAgain(id)) {
                        continue;
                    }
                    Duration d = run(id);
                    if (d != null) {
                        next.put(id, d);
                    }
                }
            }
        }
        Set<String> batched = new HashSet<>(started);
        for (String id : ids) {
            if (!batched.contains(id)) {
                Duration d = attempt(id);
                if (d != null) {
                    next.put(id, d);
                }
            }
        }
        return next;
    }

    /** A job whose batch failed runs on its own: another attempt. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean startAgain(String id) {
        return jobs.find(id).map(job -> job.startAgain(Times.now(), server.id(), server.lease())).orElse(false);
    }

    /**
     * Takes those of the jobs whose plugin runs batches, as {@link SystemJob#start} takes one, with one
     * statement; returns their ids. Fails (and changes nothing) when another attempt took one of them first.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> startBatched(List<String> ids) {
        List<String> startable = new ArrayList<>();
        jobs.waitingPlugins(ids).forEach((id, name) -> {
            Plugin plugin = catalog.plugin(name);
            if (plugin != null && plugin.batched()) {
                startable.add(id);
            }
        });
        if (startable.isEmpty()) {
            return startable;
        }
        Instant now = Times.now();
        int started = jobs.changeStatus(startable, JobStatus.Waiting, null, JobStatus.InProgress,
                "attempts = attempts + 1, started_on = ?, owner = ?, lease_until = ?", now, server.id(),
                now.plus(server.lease()));
        if (started != startable.size()) {
            throw new IllegalStateException("Only " + started + " of " + startable.size() + " system jobs were still waiting");
        }
        return startable;
    }

    /**
     * Runs started jobs of batched plugins and marks them Succeeded, all in one transaction: each plugin once
     * for its jobs of one depth and initiating user, within the first one's operation (operations its work
     * starts are nested in it, on that user's behalf).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void executeAll(List<String> ids) {
        List<SystemJob> started = jobs.readAll(ids);
        Map<String, List<SystemJob>> groups = new LinkedHashMap<>();
        for (SystemJob job : started) {
            Pipeline.Operation op = job.operation();
            groups.computeIfAbsent(job.plugin() + "@" + op.depth() + "@" + op.initiatingUser(), k -> new ArrayList<>()).add(job);
        }
        for (List<SystemJob> group : groups.values()) {
            Plugin plugin = catalog.plugin(group.get(0).plugin());
            if (plugin == null) {
                throw new IllegalStateException("No plugin named " + group.get(0).plugin() + " is installed");
            }
            List<PluginExecutionContext> contexts = new ArrayList<>();
            group.forEach(j -> contexts.add(Pipeline.context(j.operation(), Stage.PostOperation, Mode.Asynchronous, null, records)));
            OperationScope.within(group.get(0).operation(), () -> {
                plugin.executeAll(contexts);
                return null;
            });
        }
        // all Succeeded with one statement, as SystemJob.succeeded marks one
        Instant now = Times.now();
        // only while this server still holds them: one whose claim ran out may have been taken up elsewhere
        int succeeded = jobs.changeStatus(ids, JobStatus.InProgress, server.id(), JobStatus.Succeeded,
                "completed_on = ?, error = NULL, next_attempt_on = NULL, lease_until = NULL", now);
        if (succeeded != started.size() || started.size() != ids.size()) {
            throw new IllegalStateException("Only " + succeeded + " of " + ids.size() + " system jobs were still in progress");
        }
        started.forEach(job -> savedToDone(job, now));
    }

    private void succeeded(SystemJob job, Instant now) {
        job.succeeded(now);
        savedToDone(job, now);
    }

    /** From the save that wrote the job to the plugin's work done: what a user waits for. */
    private void savedToDone(SystemJob job, Instant done) {
        metrics.histogram(SAVE_TO_DONE).update(Duration.between(job.createdOn(), done).toMillis());
    }

    /** Runs a started job; returns the delay before its next attempt, or null. */
    private Duration run(String id) {
        try {
            self.execute(id);
            return null;
        } catch (RuntimeException | Error e) { // an Error ends the attempt like any failure, never leaves it InProgress
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof InvalidPluginExecutionException)) {
                cause = cause.getCause();
            }
            boolean refused = cause instanceof InvalidPluginExecutionException;
            LOG.log(refused ? Level.INFO : Level.WARNING, "System job " + id + " failed", e);
            return self.fail(id, cause.toString(), !refused);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean start(String id) {
        return jobs.find(id).map(job -> job.start(Times.now(), server.id(), server.lease())).orElse(false);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void execute(String id) {
        SystemJob job = jobs.find(id).orElseThrow();
        Plugin plugin = catalog.plugin(job.plugin());
        if (plugin == null) {
            throw new IllegalStateException("No plugin named " + job.plugin() + " is installed");
        }
        Pipeline.Operation op = job.operation();
        OperationScope.within(op, () -> {
            plugin.execute(Pipeline.context(op, Stage.PostOperation, Mode.Asynchronous, null, records));
            return null;
        });
        succeeded(job, Times.now());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Duration fail(String id, String error, boolean retryable) {
        SystemJob job = jobs.find(id).orElseThrow();
        Duration next = null;
        if (retryable) {
            next = job.failed(error, Times.now());
        } else {
            job.failedFinally(error, Times.now());
        }
        metrics.counter(next == null ? FAILED : RETRIED).inc();
        return next;
    }


    /** Removes Succeeded jobs older than the retention (server.xml variable), every ten minutes. */
    @Schedule(hour = "*", minute = "*/10", persistent = true, info = "prune succeeded system jobs")
    public void pruneSucceeded() {
        int removed = prune(Times.now().minus(Duration.ofHours(retentionHours)));
        if (removed > 0) {
            LOG.fine(() -> removed + " succeeded system job(s) older than " + retentionHours + " hours removed");
        }
    }

    /** Removes the Succeeded jobs completed before a time; Waiting, failed and canceled ones stay. */
    public int prune(Instant completedBefore) {
        return jobs.deleteSucceededBefore(completedBefore);
    }

    /**
     * Jobs to run after a restart: every Waiting job, and those InProgress that this server held when it stopped
     * mid-way, or that nobody holds any more (a dead server's, once its lease ran out); another live server's stay.
     */
    public List<String> resumable() {
        Instant now = Times.now();
        List<SystemJob> unfinished = jobs.unfinished(server.id(), now);
        unfinished.forEach(j -> j.interrupted(now));
        return unfinished.stream().map(SystemJob::id).toList();
    }

    /** Extends this server's claims on the jobs it runs (started within {@code stuck}: older ones are let go). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int renewLeases(Duration stuck) {
        Instant now = Times.now();
        return jobs.renewLeases(server.id(), now.minus(stuck), now.plus(server.lease()));
    }

    /**
     * Jobs that look abandoned: Waiting and due before {@code waitingBefore}, or InProgress with a claim that has
     * run out (any server's: its server died or let it go), or with none since before {@code startedBefore}; those in
     * progress wait again. At most {@code max}, oldest first; returns their ids.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> takeBackStuck(Instant waitingBefore, Instant startedBefore, int max) {
        Instant now = Times.now();
        List<SystemJob> stuck = jobs.stuck(waitingBefore, now, startedBefore, max);
        stuck.forEach(j -> j.interrupted(now));
        return stuck.stream().map(SystemJob::id).toList();
    }

    /** The newest job of {@code plugin} about one record, if it has any (succeeded ones are pruned after a while). */
    public java.util.Optional<SystemJob> latest(String plugin, String entity, String entityId) {
        return jobs.latest(plugin, entity, entityId);
    }

    public SystemJob get(String id) {
        return jobs.find(id).orElseThrow(() -> new NotFoundException("system job", id));
    }

    public Page<SystemJob> list(ListQuery q) {
        return jobs.list(q.withDefaultOrder("createdOn desc"));
    }

    /** A Failed or Canceled job waits again, and runs once this transaction commits. */
    public SystemJob retry(String id) {
        SystemJob job = get(id);
        job.retry(Times.now());
        jobs.flush();
        dispatcher.enqueue(job.id(), job.plugin());
        return job;
    }

    public SystemJob cancel(String id) {
        SystemJob job = get(id);
        job.cancel(Times.now());
        jobs.flush();
        return job;
    }
}
