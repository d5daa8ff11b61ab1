package io.leadscore.batch;

import io.leadscore.model.RescoreSelection;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** Scores a chunk of leads through the model manager's batch path, in the chunk's transaction. */
@Named("leadScoreWriter")
@Dependent
public class LeadScoreWriter extends AbstractItemWriter {

    @EJB
    private RescoreSelection selection;
    @Inject
    private StepContext step;

    @Override
    @SuppressWarnings("unchecked")
    public void writeItems(List<Object> ids) {
        int scored = selection.score((List<String>) (List<?>) ids);
        // what this chunk did, for the partition collector (RescoreTally)
        step.setTransientUserData(new long[]{ids.size(), scored});
    }
}
