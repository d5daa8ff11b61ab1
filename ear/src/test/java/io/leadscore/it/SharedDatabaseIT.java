package io.leadscore.it;

import io.leadscore.common.Caller;
import io.leadscore.common.RecordInput;
import io.leadscore.lead.LeadService;
import io.leadscore.model.ModelConfig;
import io.leadscore.model.ModelService;
import io.leadscore.plugin.PluginSteps;
import io.leadscore.sdk.Message;
import io.leadscore.sdk.StepDefinition;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19: servers that share one database see each other's changes within seconds. This deployment carries its own
 * copy of the domain (its own model registry and plugin steps, on the same data source) beside the application: it
 * plays the other server, changing models and plugin steps through its own services, and the application is read
 * over its REST API as a user would.
 */
@ExtendWith(ArquillianExtension.class)
class SharedDatabaseIT {

    private static final Caller SALES = new Caller("sales", true, false, false, false);
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Deployment
    static WebArchive deployment() {
        return ServiceDeployment.of("shared-database-it", SharedDatabaseIT.class);
    }

    @EJB
    private ModelService models;
    @EJB
    private LeadService leads;
    @EJB
    private PluginSteps steps;

    @Test
    void aModelUnpublishedAndPublishedAgainOnAnotherServerIsFollowedHereWithinSeconds() {
        ModelConfig demo = models.all().stream().filter(m -> m.publishedVersion() != null).findFirst().orElseThrow();
        int version = demo.publishedVersion();
        String lead = leads.create(SALES, RecordInput.of(Map.of("lastName", "Shared"), Map.of())).id();
        await(() -> eligibility(lead), e -> demo.id().equals(e.getString("scoredBy", null)));
        try {
            models.unpublish(demo.id());
            JsonObject none = await(() -> eligibility(lead), e -> e.isNull("scoredBy"));
            assertTrue(none.toString().contains("no model is published"), none.toString());
        } finally {
            models.publishVersion(demo.id(), version);
        }
        await(() -> eligibility(lead), e -> demo.id().equals(e.getString("scoredBy", null)));
    }

    @Test
    void aPluginStepDisabledOnAnotherServerStopsRunningHereWithinSeconds() {
        PluginSteps.Registration scoring = steps.registrations().stream()
                .filter(r -> r.row().declared() && r.definition().plugin().equals("LeadScoringPlugin")
                        && r.definition().message() == Message.Create)
                .findFirst().orElseThrow();
        StepDefinition d = scoring.definition();
        try {
            steps.change(scoring.row().id(), new StepDefinition(d.plugin(), d.message(), d.entity(), d.stage(), d.mode(),
                    d.filteringAttributes(), d.rank(), false));
            // here, a new lead gets no scoring job once the change has arrived
            await(() -> {
                String id = request("POST", "/api/v1/leads", "sales", "{\"lastName\":\"Unscored\"}").getString("id");
                pause(1000);
                return request("GET", "/api/v1/system-jobs?filter=" + java.net.URLEncoder.encode("entityId eq '" + id
                        + "'", StandardCharsets.UTF_8), "operator", null);
            }, jobs -> jobs.getJsonArray("value").isEmpty());
        } finally {
            steps.change(scoring.row().id(), d);
        }
        JsonObject scored = await(() -> {
            String id = request("POST", "/api/v1/leads", "sales", "{\"lastName\":\"Scored\"}").getString("id");
            pause(2000);
            return request("GET", "/api/v1/leads/" + id, "sales", null);
        }, lead -> !lead.isNull("score"));
        assertEquals("Scored", scored.getString("lastName"));
    }

    private JsonObject eligibility(String leadId) {
        return request("GET", "/api/v1/leads/" + leadId + "/eligibility", "sales", null);
    }

    /** A request to the application on this server, as a demo user (the tests' servers run the demo profile). */
    private static JsonObject request(String method, String path, String user, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(r.statusCode() / 100 == 2, method + " " + path + ": " + r.statusCode() + " " + r.body());
            return Json.createReader(new StringReader(r.body())).readObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The port this server's HTTP endpoint listens on (Liberty's endpoint MBean; the tests' servers each have their own). */
    private static int httpPort() {
        try {
            return (Integer) java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new javax.management.ObjectName("WebSphere:feature=channelfw,type=endpoint,name=defaultHttpEndpoint"),
                    "Port");
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("No HTTP endpoint MBean on this server", e);
        }
    }

    private static <T> T await(Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (true) {
            T value = read.get();
            if (done.test(value)) {
                return value;
            }
            assertTrue(System.nanoTime() < deadline, "not within " + WITHIN.toSeconds() + " s: " + value);
            pause(500);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
