package io.leadscore.plugin;

import io.leadscore.common.Times;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;

/**
 * Runs the pipeline for the lead, account and contact services: the synchronous steps of PreValidation
 * (before the operation's transaction) and PreOperation (inside it, before the write); then, after the
 * write, the synchronous PostOperation steps and one {@link SystemJob} per asynchronous step, written in the
 * same transaction and dispatched once it commits.
 */
@Stateless
public class PluginHost {

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;
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

    /** The pipeline with the steps registered now; one for many operations of a bulk create. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Pipeline pipeline() {
        return new Pipeline(steps.current(), catalog::plugin, Duration.ofSeconds(timeoutSeconds), records);
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
        written(pipeline(), op, id, stored);
    }

    /** {@link #written(Pipeline.Operation, String, Map)} with a pipeline taken before (a bulk create's). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void written(Pipeline pipeline, Pipeline.Operation op, String id, Map<String, Object> stored) {
        if (stored != null) {
            op.written(new Record(op.entityName(), id, stored, false));
        }
        if (op.message() == Message.Create) {
            op.outputs().put("id", id);
        }
        pipeline.run(op, Stage.PostOperation, op.target());
        for (Pipeline.Step step : pipeline.plan(op, Stage.PostOperation, Mode.Asynchronous)) {
            SystemJob job = new SystemJob(step.definition().plugin(), op, id, Times.now());
            em.persist(job);
            dispatcher.enqueue(job.id(), job.plugin());
        }
    }
}
