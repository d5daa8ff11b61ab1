package io.leadscore.scoring;

/**
 * A lead as the scoring engine sees it: a value for each attribute path (a lead field, {@code
 * attributes/<name>}, {@code account/<field>}, {@code contact/<field>}). Values are String, Number,
 * Boolean or null (missing).
 */
@FunctionalInterface
public interface FeatureSource {

    Object value(String path);
}
