package io.leadscore.model;

import io.leadscore.lead.LeadSaved;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Scores a lead in the transaction that saved it, so that the response already carries the score.
 * TODO(#4): replaced by the asynchronous LeadScoringPlugin step and its system jobs.
 */
@ApplicationScoped
public class LeadScoringObserver {

    @EJB
    private ScoringService scoring;

    void saved(@Observes LeadSaved event) {
        scoring.score(event.lead());
    }
}
