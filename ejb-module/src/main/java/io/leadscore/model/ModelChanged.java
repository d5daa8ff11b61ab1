package io.leadscore.model;

/**
 * A model's published state or settings changed; after commit the registry reloads and, when
 * {@code rescore}, the open leads it covers or scored are scored again.
 */
public record ModelChanged(String modelId, boolean rescore) {
}
