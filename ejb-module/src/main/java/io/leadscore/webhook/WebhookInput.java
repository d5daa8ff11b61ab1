package io.leadscore.webhook;

import io.leadscore.common.FieldError;
import io.leadscore.common.ValidationException;
import io.leadscore.filter.Bound;
import io.leadscore.filter.FilterBinder;
import io.leadscore.filter.FilterException;
import io.leadscore.filter.MemoryFilter;
import io.leadscore.lead.LeadSchema;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A webhook's settings as a client gives them, checked: every problem named by its field. A change (PATCH) starts
 * from the webhook as it is; its secret, which is never read back, stays unless the change gives a new one.
 */
record WebhookInput(String name, String url, String secret, Set<WebhookEvent> events, String filter,
                           boolean enabled) {

    private static final Set<String> WRITABLE = Set.of("name", "url", "secret", "events", "filter", "enabled");
    /** What a client read may send back: taken as it is, never written. */
    private static final Set<String> READ_ONLY = Set.of("id", "version", "hasSecret", "createdOn", "modifiedOn");
    static final int MIN_SECRET = 16;

    /** The input of a new webhook ({@code current} null) or of a change to one. */
    public static WebhookInput parse(JsonObject body, Webhook current) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!WRITABLE.contains(key) && !READ_ONLY.contains(key)) {
                errors.add(new FieldError(key, "is not a setting of a webhook (name, url, secret, events, filter, enabled)"));
            }
        }
        String name = text(body, "name", current == null ? null : current.name(), 200, errors);
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
        }
        String url = text(body, "url", current == null ? null : current.url(), 2000, errors);
        if (url == null) {
            errors.add(new FieldError("url", "is required: the endpoint's http or https address"));
        } else if (!endpoint(url)) {
            errors.add(new FieldError("url", "must be an absolute http or https address"));
        }
        String secret = text(body, "secret", null, 200, errors);
        if (secret == null && body.containsKey("secret") || current == null && secret == null) {
            errors.add(new FieldError("secret", "is required: at least " + MIN_SECRET + " characters the endpoint "
                    + "checks each delivery's signature with"));
        } else if (secret != null && secret.length() < MIN_SECRET) {
            errors.add(new FieldError("secret", "must be at least " + MIN_SECRET + " characters"));
        }
        Set<WebhookEvent> events = events(body, current, errors);
        String filter = text(body, "filter", current == null ? null : current.filter(), 4000, errors);
        if (filter != null && filter.isBlank()) {
            filter = null;
        }
        if (filter != null) {
            try {
                Bound bound = FilterBinder.compile(filter, LeadSchema.LEAD);
                if (MemoryFilter.refs(bound).stream().anyMatch(r -> r.relation() != null)) {
                    errors.add(new FieldError("filter", "a webhook's filter reads the lead's own fields and attributes"));
                }
            } catch (FilterException e) {
                errors.add(new FieldError("filter", e.getMessage()));
            }
        }
        boolean enabled = current == null || current.enabled();
        if (body.containsKey("enabled")) {
            JsonValue e = body.get("enabled");
            if (e != JsonValue.TRUE && e != JsonValue.FALSE) {
                errors.add(new FieldError("enabled", "must be true or false"));
            }
            enabled = e == JsonValue.TRUE;
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new WebhookInput(name.trim(), url.trim(), secret, events, filter, enabled);
    }

    private static boolean endpoint(String url) {
        try {
            URI u = new URI(url.trim());
            return u.isAbsolute() && ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String text(JsonObject body, String field, String otherwise, int max, List<FieldError> errors) {
        if (!body.containsKey(field)) {
            return otherwise;
        }
        JsonValue v = body.get(field);
        if (v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            errors.add(new FieldError(field, "must be text"));
            return otherwise;
        }
        if (s.getString().length() > max) {
            errors.add(new FieldError(field, "is longer than " + max + " characters"));
        }
        return s.getString();
    }

    private static Set<WebhookEvent> events(JsonObject body, Webhook current, List<FieldError> errors) {
        if (!body.containsKey("events")) {
            if (current == null) {
                errors.add(new FieldError("events", "is required: one or more of " + WebhookEvent.names()));
                return Set.of();
            }
            return current.events();
        }
        Set<WebhookEvent> out = EnumSet.noneOf(WebhookEvent.class);
        if (!(body.get("events") instanceof JsonArray list) || list.isEmpty()) {
            errors.add(new FieldError("events", "must be a list of one or more of " + WebhookEvent.names()));
            return out;
        }
        for (JsonValue v : list) {
            WebhookEvent e = v instanceof JsonString s ? WebhookEvent.parse(s.getString()).orElse(null) : null;
            if (e == null) {
                errors.add(new FieldError("events", v + " is not an event; the events are " + WebhookEvent.names()));
            } else {
                out.add(e);
            }
        }
        return out;
    }
}
