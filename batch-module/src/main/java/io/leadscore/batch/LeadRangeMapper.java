package io.leadscore.batch;

import io.leadscore.common.Times;
import io.leadscore.model.RescoreRanges;
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

/**
 * Splits a rescore into key ranges of about equal size, four per partition (at least 16, at most one per 1,000
 * leads) or as many as the {@code ranges} parameter says, stored with the job instance, and plans the partitions: threads of this server that claim the ranges
 * ({@link RescoreWorker}), as other servers of the cluster may. A restart works on the ranges stored at the first
 * start, those not done yet, each after its last committed chunk.
 */
@Named("leadRangeMapper")
@Dependent
public class LeadRangeMapper implements PartitionMapper {

    @Inject
    @BatchProperty
    private String partitions;
    @Inject
    @BatchProperty
    private String chunkSize;
    @Inject
    @BatchProperty
    private String ranges;
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
    @EJB
    private RescoreRanges rangeWork;

    @Override
    public PartitionPlan mapPartitions() {
        int p = JobParameters.positive("partitions", partitions, 2);
        int chunk = JobParameters.positive("chunkSize", chunkSize, 2000);
        int days = JobParameters.positive("windowDays", windowDays, defaultWindowDays);
        String model = modelId == null || modelId.isBlank() ? null : modelId;
        boolean exactly = ranges != null && !ranges.isBlank();
        int r = exactly ? JobParameters.positive("ranges", ranges, 16) : Math.max(16, 4 * p);
        selection.plan(job.getInstanceId(), r, exactly, Times.now().minus(Duration.ofDays(days)), model);
        rangeWork.start(job.getInstanceId(), job.getExecutionId(), chunk);
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(p);
        plan.setThreads(p);
        // the progress lives with the ranges: every execution's partitions start afresh and claim what is not done
        plan.setPartitionsOverride(true);
        return plan;
    }
}
