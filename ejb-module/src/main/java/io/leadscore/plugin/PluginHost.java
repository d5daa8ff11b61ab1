package io.leadscore.plugin;

import io.leadscore.sdk.Message;
import io.leadscore.sdk.Mode;
import io.leadscore.sdk.Record;
import io.leadscore.sdk.RecordOperations;
import io.leadscore.sdk.Stage;
import io.leadscore.common.Times;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the pipeline for the lead, account and contact services: the synchronous steps of PreValidation
 * (before the operation's transaction) and PreOperation (inside it, before the write); then, after the
 * write, the synchronous PostOperation steps and one {@link SystemJob} per asynchronous step, written in the
 * same transaction and dispatched once it commits.
 */
@Stateless
public class PluginHost {

    @Inject
    private SystemJobRepository repository;
    @Inject
    private PluginCatalog catalog;
    @EJB
    private PluginSteps steps;
    @Inject
    private RecordOperations records;
    @Inject
    private JobDispatcher dispatcher;
    @Inject
    @ConfigProperty(name = "plugin.sync.timeout.seconds", defaultValue = "120")
    private long timeoutSeconds;
    /** Interrupts a synchronous step still running at its time limit. */
    @jakarta.annotation.Resource
    private jakarta.enterprise.concurrent.ManagedScheduledExecutorService watchdog;

    /** The pipeline with the steps registered now; one for many operations of a bulk create. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Pipeline pipeline() {
        return new Pipeline(steps.current(), catalog::plugin, Duration.ofSeconds(timeoutSeconds), records, watchdog);
    }

    /** The synchronous steps of a stage before the write; they may change the operation's Target. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void before(Pipeline.Operation op, Stage stage) {
        if (stage == Stage.PostOperation) {
            throw new IllegalArgumentException("PostOperation runs after the write: call written()");
        }
        pipeline().run(op, stage, null);
    }

    /**
     * After the record was written in the operation's transaction: {@code stored} is its values as stored
     * (null after a Delete, when the Target stays the record as it was).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void written(Pipeline.Operation op, String id, Map<String, Object> stored) {
        for (SystemJob job : afterWrite(pipeline(), op, id, stored == null ? null : () -> stored)) {
            repository.add(job);
            dispatcher.enqueue(job.id(), job.plugin());
        }
    }

    /**
     * The synchronous PostOperation steps (their Target the record as stored, taken only when there are
     * any) and the system jobs of the asynchronous ones, not yet written.
     */
    private List<SystemJob> afterWrite(Pipeline pipeline, Pipeline.Operation op, String id,
                                       Supplier<Map<String, Object>> stored) {
        if (stored != null && !pipeline.plan(op, Stage.PostOperation, Mode.Synchronous).isEmpty()) {
            op.written(new Record(op.entityName(), id, stored.get(), false));
        }
        if (op.message() == Message.Create) {
            op.outputs().put("id", id);
        }
        pipeline.run(op, Stage.PostOperation, op.target());
        List<SystemJob> jobs = new ArrayList<>();
        Instant now = Times.now();
        for (Pipeline.Step step : pipeline.plan(op, Stage.PostOperation, Mode.Asynchronous)) {
            jobs.add(new SystemJob(step.definition().plugin(), op, id, now));
        }
        return jobs;
    }

    /** A record a bulk create wrote: its operation, its id, and its values as stored (read only when needed). */
    public record Written(Pipeline.Operation op, String id, Supplier<Map<String, Object>> stored) {
    }

    /**
     * After a bulk create wrote its records in the current transaction: for each, within its operation, the
     * synchronous PostOperation steps (which see the record as stored) and its asynchronous steps' system
     * jobs, inserted together in a JDBC batch and dispatched once the transaction commits.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void writtenAll(Pipeline pipeline, List<Written> written) {
        List<SystemJob> jobs = new ArrayList<>();
        for (Written w : written) {
            jobs.addAll(OperationScope.within(w.op(), () -> afterWrite(pipeline, w.op(), w.id(), w.stored())));
        }
        if (jobs.isEmpty()) {
            return;
        }
        repository.addAll(jobs);
        jobs.forEach(job -> dispatcher.enqueue(job.id(), job.plugin()));
    }
}
