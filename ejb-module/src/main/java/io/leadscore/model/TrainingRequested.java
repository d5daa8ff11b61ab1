package io.leadscore.model;

/**
 * A training was accepted (the model is TRAINING, with its publish policy); it starts after commit as a
 * model-train job. {@code requestedBy}: the user who asked, or null when the platform did (auto-retrain, the demo).
 */
public record TrainingRequested(String modelId, String requestedBy) {
}
