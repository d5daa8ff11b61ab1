package io.leadscore.api;

import io.leadscore.common.Slots;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** CSV exports streaming at once (export.concurrent.max): each holds a database cursor while the client reads. */
@ApplicationScoped
public class ExportSlots {

    @Inject
    @ConfigProperty(name = "export.concurrent.max", defaultValue = "4")
    int max;

    private Slots slots;

    @PostConstruct
    void init() {
        slots = new Slots("CSV exports", max);
    }

    public void take() {
        slots.take();
    }

    public void release() {
        slots.release();
    }
}
