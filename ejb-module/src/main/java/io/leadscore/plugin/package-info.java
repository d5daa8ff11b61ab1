/**
 * The plugin host, Dataverse style: plugins ({@link io.leadscore.sdk.Plugin}) bound by steps to a
 * message (Create, Update, ...), an entity, a stage (PreValidation, PreOperation, PostOperation) and a
 * mode, run in order by the {@link io.leadscore.plugin.Pipeline} with a context that carries the Target,
 * images, shared variables and outputs. Plain Java: the services call it at the edges of their transaction.
 */
package io.leadscore.plugin;
