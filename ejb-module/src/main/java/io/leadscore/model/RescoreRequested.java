package io.leadscore.model;

/**
 * After a model was published, rolled back or unpublished: the open leads it covers or last scored must be
 * scored again. The batch module answers with a {@code lead-rescore} job for that model, which operators see
 * and can restart.
 */
public record RescoreRequested(String modelId) {
}
