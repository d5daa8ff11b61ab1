package io.leadscore.leadimport;

import io.leadscore.common.Slots;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Imports running at once (import.concurrent.max): the upload takes a slot, the import job's end gives it back.
 */
@ApplicationScoped
public class ImportSlots {

    @Inject
    @ConfigProperty(name = "import.concurrent.max", defaultValue = "4")
    int max;

    private Slots slots;

    @PostConstruct
    void init() {
        slots = new Slots("Imports", max);
    }

    public void take() {
        slots.take();
    }

    public void release() {
        slots.release();
    }
}
