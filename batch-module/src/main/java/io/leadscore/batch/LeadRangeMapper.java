package io.leadscore.batch;

import io.leadscore.common.Times;
import io.leadscore.model.RescoreSelection;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Splits a rescore into key ranges of about equal size, one per partition. The ranges of a job instance are
 * stored on its first execution and read back on a restart, so every partition resumes from its checkpoint
 * over exactly the range it had.
 */
@Named("leadRangeMapper")
@Dependent
public class LeadRangeMapper implements PartitionMapper {

    @Inject
    @BatchProperty
    private String partitions;
    @Inject
    @BatchProperty
    private String modelId;
    @Inject
    @BatchProperty
    private String windowDays;
    @Inject
    @ConfigProperty(name = "rescore.window.days", defaultValue = "730")
    private int defaultWindowDays;
    @Inject
    private JobContext job;
    @EJB
    private RescoreSelection selection;

    @Override
    public PartitionPlan mapPartitions() {
        int p = JobParameters.positive("partitions", partitions, 2);
        int days = JobParameters.positive("windowDays", windowDays, defaultWindowDays);
        String model = modelId == null || modelId.isBlank() ? null : modelId;
        RescoreSelection.Plan stored = selection.plan(job.getInstanceId(), p, Times.now().minus(Duration.ofDays(days)), model);
        List<RescoreSelection.Range> ranges = stored.ranges();
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(ranges.size());
        plan.setThreads(ranges.size());
        // an execution that resumes keeps the partitions (and their checkpoints) of the one before; a first
        // plan (also after an execution that failed before it had partitions) starts them afresh
        plan.setPartitionsOverride(!stored.resumed());
        Properties[] props = new Properties[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            RescoreSelection.Range r = ranges.get(i);
            props[i] = new Properties();
            props[i].setProperty("fromId", r.fromId() == null ? "" : r.fromId());
            props[i].setProperty("toId", r.toId() == null ? "" : r.toId());
            props[i].setProperty("createdSince", r.createdSince().toString());
            props[i].setProperty("modelId", r.modelId() == null ? "" : r.modelId());
        }
        plan.setPartitionProperties(props);
        return plan;
    }
}
