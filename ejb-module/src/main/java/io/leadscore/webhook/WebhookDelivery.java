package io.leadscore.webhook;

import io.leadscore.common.Times;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDateTime;

/** An event on its way to a webhook: the body it will POST, kept until the endpoint takes it. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    /** The body's limit (the column's); a body that would be longer leaves the changed values out. */
    static final int MAX_BODY = 32000;

    @Id
    @Column(length = 36)
    private String id;
    @Column(name = "webhook_id", nullable = false, length = 36)
    private String webhookId;
    @Column(nullable = false, length = 40)
    private String event;
    @Column(name = "lead_id", nullable = false, length = 36)
    private String leadId;
    @Column(nullable = false, length = MAX_BODY)
    private String body;
    @Column(name = "created_on", nullable = false)
    private LocalDateTime createdOn;

    protected WebhookDelivery() {
    }

    WebhookDelivery(String id, String webhookId, WebhookEvent event, String leadId, String body, Instant now) {
        this.id = id;
        this.webhookId = webhookId;
        this.event = event.wireName();
        this.leadId = leadId;
        this.body = body;
        this.createdOn = Times.utc(now);
    }

    public String id() { return id; }
    public String webhookId() { return webhookId; }
    public String event() { return event; }
    public String leadId() { return leadId; }
    public String body() { return body; }
}
