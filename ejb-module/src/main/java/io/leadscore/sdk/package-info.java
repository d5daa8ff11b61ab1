/**
 * The plugin SDK: what a plugin is built against, and all it sees of the host (the {@code sdk} jar of
 * {@code io.leadscore:ejb-module}). A {@link io.leadscore.sdk.Plugin} is bound by steps ({@link
 * io.leadscore.sdk.StepDefinition}) to a {@link io.leadscore.sdk.Message} on an entity, a {@link
 * io.leadscore.sdk.Stage} and a {@link io.leadscore.sdk.Mode}; it runs with a {@link
 * io.leadscore.sdk.PluginExecutionContext} that carries the Target and the images as {@link io.leadscore.sdk.Record}
 * views (never entities), and reads and writes other records through {@link io.leadscore.sdk.RecordOperations}
 * (each write a nested operation through the same pipeline). It refuses an operation by throwing {@link
 * io.leadscore.sdk.InvalidPluginExecutionException}. Nothing here depends on more than the JDK.
 */
package io.leadscore.sdk;
