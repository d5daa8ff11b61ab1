package io.leadscore.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small HTTP client for the running server, as a CRM integration would call it. */
final class Api {

    static final String BASE = System.getProperty("it.base.url", "http://localhost:9080");
    /** Liberty's batch REST API is on HTTPS only. */
    static final String BATCH = System.getProperty("it.batch.url", "https://localhost:9443/ibm/api/batch");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).sslContext(trustingLocalServer()).build();

    /** The test server's HTTPS certificate is generated and self-signed: trust it (tests only, on localhost). */
    private static javax.net.ssl.SSLContext trustingLocalServer() {
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        try {
            javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
            ssl.init(null, new javax.net.ssl.TrustManager[]{new javax.net.ssl.X509TrustManager() {
                public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
                }

                public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
                }

                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, new java.security.SecureRandom());
            return ssl;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static {
        awaitReady();
    }

    /** The Authorization header every request sends, or null. */
    private final String authorization;

    /** The server's port opens before the application is ready: wait for readiness once per test run. */
    static void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/health/ready"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (Exception e) {
                // not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The server at " + BASE + " did not become ready in 3 minutes");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Api(String authorization) {
        this.authorization = authorization;
    }

    /** A demo user by HTTP Basic; "wrong" is sales with a wrong password. */
    static Api as(String user) {
        return new Api(user.equals("wrong") ? basic("sales", "nope") : basic(user));
    }

    /** An integration with an OAuth2 bearer token. */
    static Api bearer(String token) {
        return new Api("Bearer " + token);
    }

    static Api anonymous() {
        return new Api(null);
    }

    /** A marker unique to one test run, for finding exactly the records a test wrote. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static JsonObject parseObject(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    record Reply(int status, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        JsonObject json() {
            return Json.createReader(new StringReader(raw.body())).readObject();
        }

        JsonArray array() {
            return Json.createReader(new StringReader(raw.body())).readArray();
        }

        String body() {
            return raw.body();
        }

        /** Asserts a problem+json reply with this status and returns it. */
        JsonObject problem(int expectedStatus) {
            assertEquals(expectedStatus, status, raw.body());
            assertTrue(contentType() != null && contentType().startsWith("application/problem+json"), contentType());
            JsonObject p = json();
            assertEquals(expectedStatus, p.getInt("status"));
            return p;
        }

        /** Asserts a 400-family problem naming {@code field} in its errors. */
        JsonObject problemNaming(int expectedStatus, String field) {
            JsonObject p = problem(expectedStatus);
            assertTrue(p.containsKey("errors") && p.getJsonArray("errors").stream()
                    .map(JsonValue::asJsonObject).anyMatch(e -> e.getString("field").equals(field)), p.toString());
            return p;
        }

        Reply expect(int expectedStatus) {
            assertEquals(expectedStatus, status, raw.body());
            return this;
        }
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET());
    }

    Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(body(json)));
    }

    Reply post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Reply post(String path, String contentType, HttpRequest.BodyPublisher body) {
        return send(request(path).header("Content-Type", contentType).POST(body));
    }

    Reply post(String path, String contentType, byte[] bytes) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    Reply put(String path, String json) {
        return put(path, json, null);
    }

    Reply put(String path, String json, String ifMatch) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json").PUT(body(json));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return send(b);
    }

    Reply patch(String path, String json) {
        return patch(path, json, null);
    }

    Reply patch(String path, String json, String ifMatch) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/merge-patch+json").method("PATCH", body(json));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return send(b);
    }

    Reply delete(String path, String ifMatch) {
        HttpRequest.Builder b = request(path).DELETE();
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return send(b);
    }

    Reply postWithIfMatch(String path, String ifMatch) {
        return send(request(path).header("If-Match", ifMatch).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * Reads {@code read} until its value satisfies {@code done}, at most {@code limit}; fails with the last value.
     * A read that gets no answer counts as "not yet".
     */
    static <T> T await(Duration limit, java.util.function.Supplier<T> read, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T value;
            try {
                value = read.get();
            } catch (NoAnswer e) { // the server is busy or restarting: ask again until the deadline
                assertTrue(System.nanoTime() < deadline, "no answer for " + limit.toSeconds() + " s: " + e.getMessage());
                pause(500);
                continue;
            }
            if (done.test(value)) {
                return value;
            }
            assertTrue(System.nanoTime() < deadline, "not there after " + limit.toSeconds() + " s: " + value);
            pause(100);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads a lead until it satisfies {@code done} (scoring runs as a system job after the save), at most a minute. */
    JsonObject awaitLead(String id, java.util.function.Predicate<JsonObject> done) {
        return await(Duration.ofMinutes(1), () -> get("/api/v1/leads/" + id).expect(200).json(), done);
    }

    /** Reads a lead until it has a score. */
    JsonObject awaitScored(String id) {
        return awaitLead(id, l -> !l.isNull("score"));
    }

    /** Creates a lead and returns it (asserting 201). */
    JsonObject createLead(String json) {
        return post("/api/v1/leads", json).expect(201).json();
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json.replace('\'', '"'), StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : BASE + path))
                .timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    /** The Authorization header of a demo user, whose password is their name. */
    static String basic(String user) {
        return basic(user, user);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a request a test built itself (its own method, headers and body) on the shared client, once. */
    static HttpResponse<String> exchange(HttpRequest request) throws java.io.IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A request that got no answer: it timed out, or the connection was refused or reset. */
    static final class NoAnswer extends IllegalStateException {
        NoAnswer(HttpRequest request, Exception cause) {
            super("No answer to " + request.method() + " " + request.uri() + ": " + cause, cause);
        }
    }

    /**
     * Sends a request. A GET that gets no answer (the server busy recovering after a restart, say) is asked
     * again, up to three times in all; other methods are sent once, since they may have been carried out.
     */
    private static Reply send(HttpRequest.Builder b) {
        HttpRequest request = b.build();
        int tries = request.method().equals("GET") ? 3 : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                return new Reply(r.statusCode(), r);
            } catch (java.io.IOException e) {
                if (attempt >= tries) {
                    throw new NoAnswer(request, e);
                }
                pause(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
