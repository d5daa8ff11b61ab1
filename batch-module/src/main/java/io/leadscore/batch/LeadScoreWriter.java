package io.leadscore.batch;

import io.leadscore.model.RescoreSelection;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Instant;
import java.util.List;

/**
 * Scores a chunk of open leads' ids through the model manager's batch path, in the chunk's transaction: those
 * the rescore covers (the window, the model); the reader only walks the keys.
 */
@Named("leadScoreWriter")
@Dependent
public class LeadScoreWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    private String createdSince;
    @Inject
    @BatchProperty
    private String modelId;
    @EJB
    private RescoreSelection selection;
    @Inject
    private StepContext step;

    @Override
    @SuppressWarnings("unchecked")
    public void writeItems(List<Object> ids) {
        var tally = selection.score(Instant.parse(createdSince), JobParameters.optional(modelId), (List<String>) (List<?>) ids);
        // what this chunk did, for the partition collector
        step.setTransientUserData(new long[]{tally.covered(), tally.scored()});
    }
}
