package io.leadscore.it;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-site request forgery: a browser sends the sign-on cookie and Basic credentials it once typed in on its
 * own, so a change that another site's page makes it send is refused whatever its credentials; API clients,
 * which send no browser headers, are not concerned.
 */
class CsrfIT {

    private final Api sales = Api.as("sales");

    /** A POST with the headers Chromium sends for a form on another site's page (enctype text/plain). */
    private static HttpResponse<String> formPost(String path, String origin, String fetchSite) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Api.BASE + path))
                .header("Authorization", Api.basic("sales"))
                .header("Content-Type", "text/plain")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Dest", "document")
                .POST(HttpRequest.BodyPublishers.ofString("{\"lastName\":\"Forged\"}=\n"));
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (fetchSite != null) {
            b.header("Sec-Fetch-Site", fetchSite);
        }
        return Api.exchange(b.build());
    }

    private String openLead() {
        return sales.createLead("{'lastName':'" + Api.unique("Csrf") + "'}").getString("id");
    }

    private String status(String id) {
        return sales.get("/api/v1/leads/" + id).expect(200).json().getString("status");
    }

    @Test
    void aFormPostFromAnotherSiteIsRefusedEvenWithBasicCredentials() throws Exception {
        String id = openLead();
        for (String[] headers : new String[][]{
                {"https://evil.example", "cross-site"},   // a browser of today
                {"https://evil.example", null},           // one that sends no Sec-Fetch-* headers
                {"null", "cross-site"},                   // a sandboxed frame or a redirect
                {"http://localhost:1", "same-site"},      // another port of the same host is another origin
                {null, "cross-site"}}) {
            HttpResponse<String> r = formPost("/api/v1/leads/" + id + "/qualify", headers[0], headers[1]);
            assertEquals(403, r.statusCode(), headers[0] + " / " + headers[1] + ": " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(r.body().contains("another site"), r.body());
        }
        assertEquals("OPEN", status(id), "no cross-site request changed the lead");
        HttpResponse<String> create = formPost("/api/v1/leads", "https://evil.example", "cross-site");
        assertEquals(403, create.statusCode());
    }

    @Test
    void theUiOnItsOwnOriginAndApiClientsWithoutBrowserHeadersAreServed() throws Exception {
        String id = openLead();
        URI base = URI.create(Api.BASE);
        HttpResponse<String> ui = Api.exchange(HttpRequest.newBuilder(URI.create(Api.BASE + "/api/v1/leads/" + id + "/qualify"))
                .header("Authorization", Api.basic("sales")).header("Origin", base.getScheme() + "://" + base.getAuthority())
                .header("Sec-Fetch-Site", "same-origin").header("X-Requested-With", "leadscore")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, ui.statusCode(), ui.body());
        assertEquals("QUALIFIED", status(id));
        // a CRM integration: Basic credentials, no Origin, no Sec-Fetch-Site
        sales.post("/api/v1/leads/" + openLead() + "/disqualify").expect(200);
    }

    /**
     * A real browser: Chromium holds Basic credentials for the server (typed in once, here as part of the URL),
     * then opens a page of another origin on the same host whose form posts to the API. Chromium sends the
     * credentials with it; the server refuses it, and the lead stays open.
     */
    @Test
    void chromiumWithCachedBasicCredentialsCannotBeMadeToQualifyALead() throws Exception {
        String id = openLead();
        URI base = URI.create(Api.BASE);
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String page = "<!doctype html><html><body><form method='POST' enctype='text/plain' action='" + Api.BASE
                + "/api/v1/leads/" + id + "/qualify'><input name='x' value='y'></form>"
                + "<script>document.forms[0].submit()</script></body></html>";
        evil.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=UTF-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        evil.start();
        try (Browser b = new Browser(1000, 700)) {
            b.driver.get(base.getScheme() + "://sales:sales@" + base.getAuthority() + "/api/v1/leads/" + id);
            assertTrue(b.driver.getPageSource().contains(id), "the browser is signed in with Basic credentials");
            b.driver.get("http://" + base.getHost() + ":" + evil.getAddress().getPort() + "/");
            b.until(d -> d.getCurrentUrl().contains("/qualify") ? true : null);
            String answer = b.driver.getPageSource();
            assertTrue(answer.contains("another site"), answer);
        } finally {
            evil.stop(0);
        }
        assertEquals("OPEN", status(id), "the forged form post did not qualify the lead");
    }
}
