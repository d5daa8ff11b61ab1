package io.leadscore.sdk;

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

    /**
     * Whether the system jobs of this plugin's asynchronous steps may run many at once through
     * {@link #executeAll}: those one transaction enqueued (an import's chunk) then run in one transaction of
     * their own, as Dataverse's CreateMultiple plugins work on many records. If that transaction fails, each
     * job runs again on its own, retries and all. False by default.
     */
    default boolean batched() {
        return false;
    }

    /** Several asynchronous executions of this plugin in one transaction; by default one after the other. */
    default void executeAll(List<PluginExecutionContext> contexts) {
        contexts.forEach(this::execute);
    }

    /** The steps this plugin registers itself with when it is first installed; administrators change them after. */
    default List<StepDefinition> defaultSteps() {
        return List.of();
    }
}
