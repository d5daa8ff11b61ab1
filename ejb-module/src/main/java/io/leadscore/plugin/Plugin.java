package io.leadscore.plugin;

import java.util.List;

/**
 * A plugin: code that runs when a message is processed for an entity. Plugins are stateless and may run
 * on several threads at once. To refuse an operation, throw {@link InvalidPluginExecutionException}: the
 * operation is rolled back and the caller gets a 400 with its message. Any other exception rolls back too
 * and is reported as a server error with the correlation id.
 */
@FunctionalInterface
public interface Plugin {

    void execute(PluginExecutionContext context);

    /** The steps this plugin registers itself with when it is first installed; administrators change them after. */
    default List<StepDefinition> defaultSteps() {
        return List.of();
    }
}
