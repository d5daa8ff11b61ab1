package io.leadscore.plugin;

import java.util.UUID;

/** A plugin failed in an unexpected way (not a refusal): the operation is rolled back; the correlation id tells which. */
public class PluginFailedException extends RuntimeException {

    private final UUID correlationId;

    public PluginFailedException(String plugin, Stage stage, UUID correlationId, Throwable cause) {
        super("The plugin " + plugin + " failed in " + stage + " (correlation id " + correlationId + "): " + cause, cause);
        this.correlationId = correlationId;
    }

    public UUID correlationId() {
        return correlationId;
    }
}
