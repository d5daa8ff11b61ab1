package io.leadscore.batch;

import io.leadscore.model.RescoreRequested;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.logging.Logger;

/** After a model was published, rolled back or unpublished: a lead-rescore job for its leads. */
@ApplicationScoped
public class RescoreOnPublish {

    private static final Logger LOG = Logger.getLogger(RescoreOnPublish.class.getName());

    @EJB
    private OperatorJobs jobs;

    void rescore(@Observes RescoreRequested request) {
        long id = jobs.rescore(request.modelId());
        LOG.info(() -> "Started lead-rescore execution " + id + " for the leads of model " + request.modelId());
    }
}
