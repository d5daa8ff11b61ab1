package io.leadscore.webhook;

import io.leadscore.sdk.InvalidPluginExecutionException;
import io.leadscore.sdk.Plugin;
import io.leadscore.sdk.PluginExecutionContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends a webhook delivery: the system job {@link WebhookService#deliver} wrote runs it after the save committed.
 * A POST of the delivery's JSON body with its event, its delivery id (the same on every attempt, so that a
 * receiver can tell a retry) and its HMAC-SHA256 signature; any 2xx answer delivers it. Anything else fails the
 * attempt, and the system job retries with its backoff; after the last retry it is Failed, and an operator can
 * retry it in System jobs. A delivery whose webhook was deleted fails at once, saying so.
 */
@ApplicationScoped
public class WebhookSender implements Plugin {

    public static final String SIGNATURE = "X-Leadscore-Signature";
    public static final String EVENT = "X-Leadscore-Event";
    public static final String DELIVERY = "X-Leadscore-Delivery";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    @EJB
    private WebhookService webhooks;

    @Override
    public void execute(PluginExecutionContext context) {
        String id = context.target().id();
        WebhookService.Outgoing out = webhooks.outgoing(id).orElseThrow(() -> new InvalidPluginExecutionException(
                "The webhook of delivery " + id + " was deleted; there is nowhere to send it"));
        String body = out.delivery().body();
        HttpRequest request = HttpRequest.newBuilder(URI.create(out.url())).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("User-Agent", "Leadscore-Webhooks/1")
                .header(EVENT, out.delivery().event()).header(DELIVERY, id)
                .header(SIGNATURE, WebhookBodies.signature(out.secret(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        int status;
        try {
            status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("The webhook endpoint " + out.url() + " could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Sending to " + out.url() + " was interrupted", e);
        }
        if (status < 200 || status >= 300) {
            throw new IllegalStateException("The webhook endpoint " + out.url() + " answered HTTP " + status);
        }
        webhooks.delivered(id);
    }
}
