package io.leadscore.scoring;

/**
 * One attribute a model uses: its path, the label people read, and whether empty values are ignored
 * (not learnt from and never a reason) rather than treated as a signal of their own.
 */
public record AttributeSpec(String path, String label, boolean ignoreEmpty) {

    public AttributeSpec {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path");
        }
        label = label == null || label.isBlank() ? path : label;
    }
}
