package io.leadscore.plugin;

/**
 * A CDI event: what a plugin's declared steps depend on has changed (the published models, which the scoring
 * plugin's Update step follows), so {@link PluginSteps} rebuilds the steps the pipeline runs. Fired by the
 * feature that changed, after its transaction committed; the plugin host knows nothing of the features above it.
 *
 * @param why what changed, for the log
 */
public record StepsOutdated(String why) {
}
