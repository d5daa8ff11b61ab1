package io.leadscore.health;

import io.leadscore.common.StartupWork;
import io.leadscore.model.ModelRegistry;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.stream.Collectors;

/**
 * Ready when the published models are loaded (API.md "Operations") and the work after start-up is done
 * (StartupWork: on a first start with demo data, the demo model's first training and the scoring of the open
 * leads); a published model that cannot be loaded is named.
 */
@Readiness
@ApplicationScoped
public class ModelsReadiness implements HealthCheck {

    @EJB
    private ModelRegistry registry;
    @EJB
    private StartupWork startup;

    @Override
    public HealthCheckResponse call() {
        boolean loaded = registry.started();
        java.util.Map<String, String> unsettled = startup.unsettled();
        boolean settled = unsettled.isEmpty();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("models").status(loaded && settled)
                .withData("published", registry.published().stream()
                        .map(m -> m.name() + " v" + m.version()).collect(Collectors.joining(", ")));
        unsettled.forEach(b::withData);
        registry.loadErrors().forEach(b::withData);
        return b.build();
    }

}
