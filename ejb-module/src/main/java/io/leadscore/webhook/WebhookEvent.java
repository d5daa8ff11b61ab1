package io.leadscore.webhook;

import io.leadscore.sdk.Message;

import java.util.Arrays;
import java.util.Optional;

/** What a webhook can be told about, by its name in the API and in each delivery. */
public enum WebhookEvent {
    CREATED("lead.created"), UPDATED("lead.updated"), QUALIFIED("lead.qualified"), DISQUALIFIED("lead.disqualified"),
    SCORE_CHANGED("lead.scoreChanged"), GRADE_CHANGED("lead.gradeChanged");

    private final String wireName;

    WebhookEvent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEvent> parse(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equalsIgnoreCase(name.trim())).findFirst();
    }

    /** The event a save of a lead is, if any. */
    static Optional<WebhookEvent> of(Message message) {
        return switch (message) {
            case Create -> Optional.of(CREATED);
            case Update -> Optional.of(UPDATED);
            case Qualify -> Optional.of(QUALIFIED);
            case Disqualify -> Optional.of(DISQUALIFIED);
            default -> Optional.empty();
        };
    }

    static String names() {
        return String.join(", ", Arrays.stream(values()).map(WebhookEvent::wireName).toList());
    }
}
