package io.leadscore.model;

/**
 * Where a model stands. DRAFT: never trained. TRAINING: a training runs (an earlier published version
 * keeps scoring meanwhile). TRAINED: the latest training succeeded. PUBLISHED: a version scores leads.
 * FAILED: the latest training failed ({@code error} says why). RETIRED: unpublished.
 */
public enum ModelStatus {
    DRAFT, TRAINING, TRAINED, PUBLISHED, FAILED, RETIRED
}
