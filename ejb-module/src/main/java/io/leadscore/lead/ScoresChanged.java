package io.leadscore.lead;

import java.util.List;

/**
 * Scores real-time scoring wrote in the current transaction (a CDI event, observed in it): for each lead its score
 * and grade before and after (null when it had none, or has none now). Webhooks tell integrations of them.
 */
public record ScoresChanged(List<Change> changes) {

    public record Change(Lead lead, Integer valueBefore, String gradeBefore, Integer valueAfter, String gradeAfter) {
    }
}
