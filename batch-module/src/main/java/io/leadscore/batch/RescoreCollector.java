package io.leadscore.batch;

import jakarta.batch.api.partition.PartitionCollector;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/** Runs in each rescore partition after each chunk: hands the chunk's counts (read, new scores) to {@link RescoreAnalyzer}. */
@Named("rescoreCollector")
@Dependent
public class RescoreCollector implements PartitionCollector {

    @Inject
    private StepContext step;

    @Override
    public Serializable collectPartitionData() {
        Object counts = step.getTransientUserData();
        step.setTransientUserData(null);
        return counts instanceof long[] c ? c : new long[]{0, 0};
    }
}
