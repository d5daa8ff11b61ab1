package io.leadscore.it;

import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web UI's sign-in over HTTP: the single sign-on cookie, bad input, and the cross-site request check. */
class SessionIT {

    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager()).build();

    private HttpResponse<String> send(String method, String path, String json, boolean fromTheUi) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Api.BASE + path)).timeout(java.time.Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.replace('\'', '"')));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (fromTheUi) {
            b.header("X-Requested-With", "leadscore");
        }
        return browser.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signingInSetsTheCookieThatAuthenticatesTheUiUntilSignOut() throws Exception {
        assertEquals("{\"user\":null,\"roles\":[]}", send("GET", "/api/v1/session", null, true).body());
        HttpResponse<String> wrong = send("POST", "/api/v1/session", "{'username':'sales','password':'nope'}", true);
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").isEmpty(), "no Basic challenge: no browser prompt");
        assertTrue(wrong.body().contains("Wrong user name or password"), wrong.body());

        HttpResponse<String> missing = send("POST", "/api/v1/session", "{'username':'sales'}", true);
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("\"field\":\"password\""), missing.body());

        HttpResponse<String> in = send("POST", "/api/v1/session", "{'username':'sales','password':'sales'}", true);
        assertEquals(200, in.statusCode(), in.body());
        assertEquals("{\"user\":\"sales\",\"roles\":[\"Salesperson\"]}", in.body());
        String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("LtpaToken2=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);

        assertEquals(200, send("GET", "/api/v1/leads?view=my-open-scored&top=1", null, false).statusCode(),
                "the cookie authenticates reads");
        HttpResponse<String> forged = send("POST", "/api/v1/leads", "{'lastName':'Forged'}", false);
        assertEquals(403, forged.statusCode(), "a change by cookie alone, without X-Requested-With, is refused");
        assertTrue(forged.body().contains("X-Requested-With"), forged.body());
        assertEquals(201, send("POST", "/api/v1/leads", "{'lastName':'From the UI'}", true).statusCode());

        assertEquals(204, send("DELETE", "/api/v1/session", null, true).statusCode());
        assertEquals(401, send("GET", "/api/v1/leads?top=1", null, false).statusCode(), "signed out");

        // a copy of the cookie taken before the sign-out (a stolen one, say) no longer signs anyone in
        HttpResponse<String> replayed = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(Api.BASE
                + "/api/v1/leads?top=1")).header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, replayed.statusCode(), "sign-out revoked the token");
    }

    @Test
    void failedSignInsAreThrottledPerUserName() throws Exception {
        String user = Api.unique("nobody");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, send("POST", "/api/v1/session", "{'username':'" + user + "','password':'guess" + i + "'}", true)
                    .statusCode());
        }
        HttpResponse<String> throttled = send("POST", "/api/v1/session", "{'username':'" + user.toUpperCase()
                + "','password':'guess5'}", true);
        assertEquals(429, throttled.statusCode(), throttled.body());
        long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 25 && retryAfter <= 30, "wait " + retryAfter);
        assertTrue(throttled.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        assertTrue(throttled.body().contains("Too many failed sign-ins"), throttled.body());
        // other users are not concerned
        assertEquals(200, send("POST", "/api/v1/session", "{'username':'sales','password':'sales'}", true).statusCode());
    }

    @Test
    void pagesAndAnswersCarryTheSecurityHeaders() throws Exception {
        for (String path : new String[]{"/", "/app.js", "/api/v1/session"}) {
            HttpResponse<String> r = send("GET", path, null, false);
            assertEquals(200, r.statusCode(), path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'")
                    && !csp.contains("unsafe-inline"), path + ": " + csp);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), path);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
        }
    }
}
