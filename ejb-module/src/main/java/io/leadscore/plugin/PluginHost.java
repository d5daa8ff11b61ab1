package io.leadscore.plugin;

import io.leadscore.common.Times;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the pipeline around a service's write, in the service's transaction: the synchronous
 * PostOperation steps, then one {@link SystemJob} per asynchronous step, written in the same transaction
 * and dispatched after it commits. TODO(#4): PreValidation and PreOperation around the write.
 */
@Stateless
public class PluginHost {

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;
    @Inject
    private PluginCatalog catalog;
    @Inject
    private Event<JobsEnqueued> enqueued;
    @Inject
    @ConfigProperty(name = "plugin.sync.timeout.seconds", defaultValue = "120")
    private long timeoutSeconds;

    /** After a record was written: {@code before} is null for Create, {@code after} null for Delete. */
    public void written(Message message, String entity, String id, Map<String, Object> before,
                        Map<String, Object> after, String user) {
        Record target = new Record(entity, id, after == null ? Map.of() : after, false);
        Record pre = before == null ? null : new Record(entity, id, before, false);
        Pipeline.Operation op = new Pipeline.Operation(message, entity, user, null, 1, target, pre);
        if (id != null) {
            op.outputs().put("id", id);
        }
        Pipeline pipeline = new Pipeline(catalog.steps(), catalog::plugin, Duration.ofSeconds(timeoutSeconds));
        pipeline.run(op, Stage.PostOperation, target);
        List<String> jobs = new ArrayList<>();
        for (Pipeline.Step step : pipeline.plan(op, Stage.PostOperation, Mode.Asynchronous)) {
            SystemJob job = new SystemJob(step.definition().plugin(), op, id, Times.now());
            em.persist(job);
            jobs.add(job.id());
        }
        if (!jobs.isEmpty()) {
            enqueued.fire(new JobsEnqueued(jobs));
        }
    }
}
