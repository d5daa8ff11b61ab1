package io.leadscore.it;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks as an integration meets them, with a real HTTP receiver (the JDK's HttpServer): an administrator registers
 * an endpoint for this test's leads; creates, updates, qualifications and score changes arrive as signed JSON
 * deliveries; a receiver that fails gets the same delivery again after the system job's backoff; a save that is
 * rolled back sends nothing; the secret is never read back.
 */
class WebhookIT {

    private static final String SECRET = "it-secret-" + Api.unique("s");
    /** Every lead of this test has this topic, and the webhook's filter asks for it: other tests' leads stay out. */
    private static final String TOPIC = Api.unique("Hooked");

    private static HttpServer receiver;
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** The receiver answers the next delivery whose body holds this text with a 500 (once). */
    private static final java.util.concurrent.atomic.AtomicReference<String> FAIL_ONCE = new java.util.concurrent.atomic.AtomicReference<>();
    private static String webhookId;

    private final Api admin = Api.as("admin");
    private final Api sales = Api.as("sales");

    /** One POST the receiver took (or refused), as it arrived. */
    record Received(String event, String delivery, String signature, String body, int answered) {
        JsonObject json() {
            return Api.parseObject(body);
        }
    }

    @BeforeAll
    static void startReceiverAndRegister() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String failing = FAIL_ONCE.get();
            int status = failing != null && body.contains(failing) && FAIL_ONCE.compareAndSet(failing, null) ? 500 : 204;
            RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("X-Leadscore-Event"),
                    exchange.getRequestHeaders().getFirst("X-Leadscore-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-Leadscore-Signature"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        JsonObject created = Api.as("admin").post("/api/v1/webhooks", "{'name':'" + Api.unique("crm") + "','url':"
                + "'http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook','secret':'" + SECRET + "',"
                + "'events':['lead.created','lead.updated','lead.qualified','lead.scoreChanged','lead.gradeChanged'],"
                + "'filter':'topic eq \\u0027" + TOPIC + "\\u0027'}").expect(201).json();
        webhookId = created.getString("id");
    }

    @AfterAll
    static void removeWebhookAndStopReceiver() {
        if (webhookId != null) {
            Api.as("admin").delete("/api/v1/webhooks/" + webhookId, null).expect(204);
        }
        receiver.stop(0);
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The first delivery taken (2xx) that passes {@code which}, waiting for it. */
    private static Received await(Predicate<Received> which) {
        return Api.await(Duration.ofSeconds(45),
                () -> RECEIVED.stream().filter(r -> r.answered() < 300 && which.test(r)).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    private static Predicate<Received> event(String event, String leadId) {
        return r -> event.equals(r.event()) && leadId.equals(r.json().getString("id"));
    }

    @Test
    void savesAndScoresArriveSignedWithWhatChanged() throws Exception {
        String id = sales.createLead("{'lastName':'Webhook','topic':'" + TOPIC + "','industry':'Finance',"
                + "'attributes':{'budget':12000}}").getString("id");

        Received created = await(event("lead.created", id));
        assertEquals(hmac(created.body()), created.signature(), "the signature is the HMAC-SHA256 of the body");
        JsonObject body = created.json();
        assertEquals(created.delivery(), body.getString("deliveryId"));
        assertEquals("lead", body.getString("entity"));
        assertEquals("sales", body.getString("initiatingUser"));
        List<String> fields = body.getJsonArray("changedFields").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
        assertTrue(fields.containsAll(List.of("lastName", "topic", "industry", "attributes/budget")), fields.toString());
        assertEquals("Webhook", body.getJsonObject("values").getString("lastName"));

        // the demo's published model scores the new lead: its first score and grade
        Received scored = await(event("lead.scoreChanged", id));
        JsonObject score = scored.json().getJsonObject("score");
        assertTrue(score.isNull("before"), score.toString());
        int value = score.getJsonObject("after").getInt("value");
        assertEquals(sales.awaitScored(id).getJsonObject("score").getInt("value"), value);
        assertEquals(hmac(scored.body()), scored.signature());
        await(event("lead.gradeChanged", id));

        sales.patch("/api/v1/leads/" + id, "{'city':'Bergen'}").expect(200);
        JsonObject updated = await(event("lead.updated", id)).json();
        assertEquals(List.of("city"), updated.getJsonArray("changedFields").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals("Bergen", updated.getJsonObject("values").getString("city"));

        sales.post("/api/v1/leads/" + id + "/qualify").expect(200);
        await(event("lead.qualified", id));

        // a lead outside the filter is not this webhook's business
        String other = sales.createLead("{'lastName':'Elsewhere','topic':'" + Api.unique("Other") + "'}").getString("id");
        String marker = sales.createLead("{'lastName':'Marker','topic':'" + TOPIC + "'}").getString("id");
        await(event("lead.created", marker));
        assertTrue(RECEIVED.stream().noneMatch(r -> other.equals(r.json().getString("id"))));
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameDeliveryId() {
        String name = Api.unique("Retried");
        FAIL_ONCE.set(name);
        String id = sales.createLead("{'lastName':'" + name + "','topic':'" + TOPIC + "'}").getString("id");
        Received delivered = await(event("lead.created", id));
        List<Received> attempts = RECEIVED.stream().filter(r -> delivered.delivery().equals(r.delivery())).toList();
        assertEquals(2, attempts.size(), "one refused attempt, then the one taken: " + attempts);
        assertEquals(500, attempts.get(0).answered());
        assertEquals(attempts.get(0).body(), attempts.get(1).body(), "the same delivery, word for word");

        // the system job that sent it, as operators see it
        JsonObject jobs = Api.as("operator").get("/api/v1/system-jobs?filter=" + Api.q("plugin eq 'WebhookSender' and "
                + "status eq 'Succeeded' and entityId eq '" + delivered.delivery() + "'")).expect(200).json();
        assertEquals(1, jobs.getJsonArray("value").size(), jobs.toString());
        assertEquals(2, jobs.getJsonArray("value").getJsonObject(0).getInt("attempts"));
    }

    @Test
    void aRolledBackSaveSendsNothing() throws Exception {
        // an OData change set: the first create is written, the second is refused, and the first is rolled back
        String rolledBack = Api.unique("RolledBack");
        String batch = ("--b\nContent-Type: multipart/mixed; boundary=cs\n\n"
                + "--cs\nContent-Type: application/http\nContent-Transfer-Encoding: binary\nContent-ID: 1\n\n"
                + "POST Leads HTTP/1.1\nContent-Type: application/json\n\n{\"lastName\":\"" + rolledBack + "\",\"topic\":\"" + TOPIC + "\"}\n"
                + "--cs\nContent-Type: application/http\nContent-Transfer-Encoding: binary\nContent-ID: 2\n\n"
                + "POST Leads HTTP/1.1\nContent-Type: application/json\n\n{\"topic\":\"" + TOPIC + "\"}\n"
                + "--cs--\n--b--\n").replace("\n", "\r\n");
        HttpResponse<String> answer = Api.exchange(HttpRequest.newBuilder(URI.create(Api.BASE + "/odata/v4/$batch"))
                .header("Authorization", Api.basic("sales")).header("Content-Type", "multipart/mixed; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString(batch)).build());
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("HTTP/1.1 400"), answer.body());

        String marker = sales.createLead("{'lastName':'AfterRollback','topic':'" + TOPIC + "'}").getString("id");
        await(event("lead.created", marker)); // deliveries flow: the rolled-back one would have come by now
        assertTrue(RECEIVED.stream().noneMatch(r -> r.body().contains(rolledBack)), "nothing of the rolled-back save");
    }

    @Test
    void theSecretIsWriteOnlyAndBadSettingsAreNamed() {
        JsonObject read = admin.get("/api/v1/webhooks/" + webhookId).expect(200).json();
        assertFalse(read.containsKey("secret"));
        assertTrue(read.getBoolean("hasSecret"));
        assertFalse(admin.get("/api/v1/webhooks").body().contains(SECRET));
        // a change that does not give the secret keeps it (the deliveries above verify with it)
        JsonObject renamed = admin.patch("/api/v1/webhooks/" + webhookId, "{'enabled':true}").expect(200).json();
        assertEquals(read.getString("name"), renamed.getString("name"));
        assertNotEquals(read.getInt("version"), renamed.getInt("version"));

        String url = "'url':'http://127.0.0.1:1/x'";
        admin.post("/api/v1/webhooks", "{'name':'" + Api.unique("n") + "'," + url + ",'events':['lead.created']}")
                .problemNaming(400, "secret");
        admin.post("/api/v1/webhooks", "{'name':'" + Api.unique("n") + "','url':'ftp://x','secret':'" + SECRET
                + "','events':['lead.created']}").problemNaming(400, "url");
        admin.post("/api/v1/webhooks", "{'name':'" + Api.unique("n") + "'," + url + ",'secret':'" + SECRET
                + "','events':['lead.deleted']}").problemNaming(400, "events");
        admin.post("/api/v1/webhooks", "{'name':'" + Api.unique("n") + "'," + url + ",'secret':'short','events':["
                + "'lead.created'],'filter':'nosuchfield eq 1'}").problemNaming(400, "filter");
        sales.get("/api/v1/webhooks").problem(403);
    }
}
