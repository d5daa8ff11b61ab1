package io.leadscore.model;

import io.leadscore.filter.Bound;
import io.leadscore.scoring.ScoringModel;

import java.time.Instant;

/**
 * A published model version as the registry holds it, loaded and ready: which leads it scores (the
 * business process and filter it was trained for), how it grades, and the scoring engine itself.
 */
public record PublishedModel(String modelId, String name, int version, String businessProcess, Bound filter,
                             int priority, int gradeA, int gradeB, int gradeC, int trendThreshold,
                             Instant publishedOn, ScoringModel scoring) {

    public String grade(int score) {
        return score >= gradeA ? "A" : score >= gradeB ? "B" : score >= gradeC ? "C" : "D";
    }
}
