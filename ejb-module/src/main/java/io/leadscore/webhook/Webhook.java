package io.leadscore.webhook;

import io.leadscore.common.Times;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** An endpoint that is told of lead events: where, which events, for which leads (a filter), and its secret. */
@Entity
@Table(name = "webhook")
public class Webhook {

    @Id
    @Column(length = 36)
    private String id;
    @Version
    private long version;
    @Column(nullable = false, length = 200)
    private String name;
    @Column(nullable = false, length = 2000)
    private String url;
    @Column(nullable = false, length = 200)
    private String secret;
    @Column(nullable = false, length = 400)
    private String events;
    @Column(name = "filter_text", length = 4000)
    private String filter;
    private boolean enabled;
    @Column(name = "created_on", nullable = false)
    private LocalDateTime createdOn;
    @Column(name = "modified_on", nullable = false)
    private LocalDateTime modifiedOn;

    protected Webhook() {
    }

    Webhook(String id, WebhookInput input, Instant now) {
        this.id = id;
        this.createdOn = Times.utc(now);
        apply(input, now);
    }

    /** The values of the input replace these; a secret only when the input has one (it is never read back). */
    void apply(WebhookInput input, Instant now) {
        name = input.name();
        url = input.url();
        if (input.secret() != null) {
            secret = input.secret();
        }
        events = input.events().stream().map(WebhookEvent::wireName).sorted().collect(Collectors.joining(","));
        filter = input.filter();
        enabled = input.enabled();
        modifiedOn = Times.utc(now);
    }

    public String id() { return id; }
    public long version() { return version; }
    public String name() { return name; }
    public String url() { return url; }
    String secret() { return secret; }
    public String filter() { return filter; }
    public boolean enabled() { return enabled; }
    public Instant createdOn() { return Times.instant(createdOn); }
    public Instant modifiedOn() { return Times.instant(modifiedOn); }

    public Set<WebhookEvent> events() {
        Set<WebhookEvent> out = EnumSet.noneOf(WebhookEvent.class);
        Arrays.stream(events.split(",")).forEach(e -> WebhookEvent.parse(e).ifPresent(out::add));
        return out;
    }
}
