package io.leadscore.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input across the API: the requests of fuzz-corpus.txt beside this class, and a few hundred generated from
 * a valid lead by breaking one thing at a time (a field of the wrong type, a value out of range, an unknown
 * field, a broken body). A write must be refused with a 4xx problem+json and write nothing; no request may
 * answer 5xx. The leads counted before and after are the same.
 */
class FuzzIT {


    private record Case(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + (body.length() > 120 ? body.substring(0, 120) + "…" : body));
        }
    }

    private static List<Case> corpus(String lead) throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = FuzzIT.class.getResourceAsStream("fuzz-corpus.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split(" ", 3);
                cases.add(new Case(parts[0], parts[1].replace("{lead}", lead), parts.length > 2 ? parts[2] : null));
            }
        }
        return cases;
    }

    /** A valid lead with one thing broken, for every field and every way of breaking it that is always wrong. */
    private static List<Case> generated(String marker, String lead) {
        String[] fields = {"lastName", "firstName", "email", "phone", "topic", "jobTitle", "companyName", "industry",
                "source", "country", "city", "businessProcess", "accountId", "contactId", "attributes"};
        String[] wrong = {"12", "true", "[]", "{}", "[\"a\"]", "{\"a\":1}", "1e999", "-0.0"};
        List<Case> cases = new ArrayList<>();
        for (String f : fields) {
            for (String w : wrong) {
                if (f.equals("attributes") && w.startsWith("{")) {
                    continue; // an object is what attributes are
                }
                String body = "{\"lastName\":\"" + marker + "\",\"" + f + "\":" + w + "}";
                if (f.equals("lastName")) {
                    body = "{\"lastName\":" + w + "}";
                }
                cases.add(new Case("POST", "/api/v1/leads", body));
                cases.add(new Case("PATCH", "/api/v1/leads/" + lead, "{\"" + f + "\":" + w + "}"));
            }
            cases.add(new Case("POST", "/api/v1/leads", "{\"lastName\":\"" + marker + "\",\"" + f + "\":\""
                    + "x".repeat(5000) + "\"}"));
        }
        for (String f : new String[]{"id", "version", "status", "score", "createdOn", "modifiedOn", "closedOn", "colour", "Last Name"}) {
            cases.add(new Case("POST", "/api/v1/leads", "{\"lastName\":\"" + marker + "\",\"" + f + "\":\"x\"}"));
        }
        Random random = new Random(20261130);
        String valid = "{\"lastName\":\"" + marker + "\",\"email\":\"fuzz@example.com\",\"attributes\":{\"TotalVisits\":5}}";
        for (int i = 0; i < 60; i++) {
            // cut the valid body short somewhere, or drop one character: never valid JSON, or a different key
            int at = 1 + random.nextInt(valid.length() - 2);
            String broken = random.nextBoolean() ? valid.substring(0, at) : valid.substring(0, at) + "\u0001" + valid.substring(at);
            cases.add(new Case("POST", "/api/v1/leads", broken));
        }
        return cases;
    }

    private static HttpResponse<String> send(Case c) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Api.BASE + c.path())).timeout(Duration.ofSeconds(60))
                .header("Authorization", Api.basic("admin")); // an administrator reaches every endpoint of the corpus
        if (c.body() == null) {
            b.method(c.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", c.method().equals("PATCH") ? "application/merge-patch+json" : "application/json")
                    .method(c.method(), HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8));
        }
        return Api.exchange(b.build());
    }

    private static int leads() {
        return Api.as("admin").get("/api/v1/leads?top=0&count=true").expect(200).json().getInt("count");
    }

    @Test
    void malformedRequestsAreRefusedWithAProblemAndWriteNothing() throws Exception {
        String marker = Api.unique("Fuzz");
        JsonObject created = Api.as("admin").createLead("{'lastName':'" + marker + "'}");
        String lead = created.getString("id");
        int before = leads();
        List<Case> cases = new ArrayList<>(corpus(lead));
        cases.addAll(generated(marker, lead));
        assertTrue(cases.size() >= 300, "a few hundred cases: " + cases.size());

        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            HttpResponse<String> r = send(c);
            int status = r.statusCode();
            String type = r.headers().firstValue("Content-Type").orElse("");
            boolean write = !c.method().equals("GET");
            if (status >= 500) {
                wrong.add(c + " -> " + status + " " + r.body());
            } else if (write && (status < 400 || status == 401 || status == 403)) {
                wrong.add(c + " -> " + status + " (a malformed write must be refused as bad input) " + r.body());
            } else if (status >= 400 && !type.startsWith("application/problem+json")) {
                wrong.add(c + " -> " + status + " " + type + " (not problem+json) " + r.body());
            } else if (status >= 400) {
                JsonObject p = Json.createReader(new StringReader(r.body())).readObject();
                if (p.getInt("status") != status || p.getString("detail", "").contains("Exception")) {
                    wrong.add(c + " -> " + status + " " + r.body());
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + cases.size() + " wrong:\n" + String.join("\n", wrong));
        assertEquals(before, leads(), "no malformed request created or deleted a lead");
        JsonObject after = Api.as("admin").get("/api/v1/leads/" + lead).expect(200).json();
        assertEquals(created.getInt("version"), after.getInt("version"), "no malformed patch changed the lead");
        assertEquals(0, Api.as("admin").get("/api/v1/leads?top=0&count=true&filter=" + Api.q("lastName eq '" + marker
                + "' and id ne '" + lead + "'")).expect(200).json().getInt("count"));
    }
}
