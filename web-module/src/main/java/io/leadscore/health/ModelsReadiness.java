package io.leadscore.health;

import io.leadscore.demo.DemoDataLoader;
import io.leadscore.model.ModelRegistry;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.stream.Collectors;

/**
 * Ready when the published models are loaded (API.md "Operations") and, on a first start with demo data,
 * the demo model has finished its first training and the open leads are scored; a published model that
 * cannot be loaded is named.
 */
@Readiness
@ApplicationScoped
public class ModelsReadiness implements HealthCheck {

    @EJB
    private ModelRegistry registry;
    @EJB
    private DemoDataLoader demo;

    @Override
    public HealthCheckResponse call() {
        boolean loaded = registry.started();
        String unsettled = demo.unsettled();
        boolean settled = unsettled == null;
        HealthCheckResponseBuilder b = HealthCheckResponse.named("models").status(loaded && settled)
                .withData("published", registry.published().stream()
                        .map(m -> m.name() + " v" + m.version()).collect(Collectors.joining(", ")));
        if (!settled) {
            b.withData("demo", unsettled);
        }
        registry.loadErrors().forEach(b::withData);
        return b.build();
    }

}
