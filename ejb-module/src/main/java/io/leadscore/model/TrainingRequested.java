package io.leadscore.model;

/** A training was accepted; it starts after commit. {@code publish}: publish the version when it succeeds. */
public record TrainingRequested(String modelId, boolean publish) {
}
