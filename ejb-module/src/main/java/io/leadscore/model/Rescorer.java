package io.leadscore.model;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.logging.Logger;

/**
 * Scores again the open leads a model covers or last scored, a page per transaction: after it is
 * published, rolled back or unpublished. (The 24-hour rescore of every lead is a batch job.)
 */
@Stateless
public class Rescorer {

    private static final Logger LOG = Logger.getLogger(Rescorer.class.getName());
    private static final int PAGE = 500;

    @EJB
    private ScoringService scoring;
    @EJB
    private ModelRegistry registry;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int rescore(String modelId) {
        long started = System.nanoTime();
        PublishedModel model = registry.published().stream().filter(m -> m.modelId().equals(modelId)).findFirst()
                .orElse(null);
        int pages = 0;
        String after = null;
        while ((after = scoring.scorePage(model, modelId, after, PAGE)) != null) {
            pages++;
        }
        int p = pages;
        LOG.info(() -> "Rescored up to " + p * PAGE + " open leads for model " + modelId + " in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        return pages;
    }
}
