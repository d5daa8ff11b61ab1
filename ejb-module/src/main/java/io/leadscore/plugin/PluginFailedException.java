package io.leadscore.plugin;

import io.leadscore.sdk.Stage;
import java.util.UUID;

/** A plugin failed in an unexpected way (not a refusal): the operation is rolled back; the correlation id tells which. */
public class PluginFailedException extends RuntimeException {

    private final UUID correlationId;
    private final String plugin;
    private final Stage stage;

    public PluginFailedException(String plugin, Stage stage, UUID correlationId, Throwable cause) {
        super("The plugin " + plugin + " failed in " + stage + " (correlation id " + correlationId + "): " + cause, cause);
        this.correlationId = correlationId;
        this.plugin = plugin;
        this.stage = stage;
    }

    /** What a client may be told: which plugin failed where, not how (that is in the server log). */
    public String publicMessage() {
        return "The plugin " + plugin + " failed in " + stage + "; nothing was saved. Correlation id " + correlationId
                + " (in the server log)";
    }

    public UUID correlationId() {
        return correlationId;
    }
}
