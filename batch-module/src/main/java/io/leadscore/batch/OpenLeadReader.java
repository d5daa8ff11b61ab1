package io.leadscore.batch;

import io.leadscore.model.RescoreSelection;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads the ids of the open leads of one partition's key range, in key order, a page at a time (which of them
 * the rescore covers is decided when a chunk is scored). The checkpoint is the last id read: a restarted
 * partition goes on after the last committed chunk.
 */
@Named("openLeadReader")
@Dependent
public class OpenLeadReader extends AbstractItemReader {

    private static final int PAGE = 2000;

    @Inject
    @BatchProperty
    private String fromId;
    @Inject
    @BatchProperty
    private String toId;
    @EJB
    private RescoreSelection selection;

    private RescoreSelection.Range range;
    private final Deque<String> page = new ArrayDeque<>();
    private String last;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        range = new RescoreSelection.Range(JobParameters.optional(fromId), JobParameters.optional(toId), null, null);
        last = checkpoint != null ? (String) checkpoint : null;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            var next = selection.nextIds(range, last, PAGE);
            page.addAll(next);
            exhausted = next.size() < PAGE;
        }
        String id = page.poll();
        if (id != null) {
            last = id;
        }
        return id;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
