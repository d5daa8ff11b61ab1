package io.leadscore.health;

import io.leadscore.batch.JobRepositoryWarmUp;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once Liberty's batch job repository is open: the rescore, import and training jobs can start. */
@Readiness
@ApplicationScoped
public class BatchReadiness implements HealthCheck {

    @EJB
    private JobRepositoryWarmUp repository;

    @Override
    public HealthCheckResponse call() {
        String problem = repository.problem();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("batch").status(problem == null);
        if (problem != null) {
            b.withData("problem", problem);
        }
        return b.build();
    }
}
