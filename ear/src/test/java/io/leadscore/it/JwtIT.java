package io.leadscore.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static io.leadscore.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OAuth2 bearer tokens for integrations: the test is the identity provider. It generates a key pair, publishes the
 * public key as a JWKS where the test server looks for it (jwt.jwks.uri, ear/pom.xml) and signs tokens for the
 * issuer the server trusts; the token's {@code groups} name the roles (or the basic registry's groups of them), its
 * {@code upn} is the user.
 */
class JwtIT {

    static final String ISSUER = System.getProperty("it.jwt.issuer", "https://idp.leadscore.test");
    static final String AUDIENCE = "leadscore";
    private static RSAKey key;
    private static RSAKey rogue;
    private static HttpServer jwks;

    @BeforeAll
    static void identityProvider() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("it-" + UUID.randomUUID()).generate();
        // another key under the same key id: what a forger who knows the id but not the private key would sign with
        rogue = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("localhost", Integer.getInteger("it.jwks.port", 9191)), 0);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    /** A token as an identity provider issues it: valid for ten minutes, then {@code change} applied. */
    static String token(String user, List<String> groups, Consumer<JWTClaimsSet.Builder> change) {
        return sign(key, user, groups, change);
    }

    static String token(String user, String... groups) {
        return token(user, List.of(groups), c -> { });
    }

    private static String sign(RSAKey with, String user, List<String> groups, Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(user)
                .claim("upn", user).claim("groups", groups).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
        change.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(with));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Test
    void aValidTokenActsWithTheRolesItsGroupsName() {
        Api salesToken = Api.bearer(token("sales", "Salesperson"));
        JsonObject created = salesToken.createLead("{'lastName':'" + Api.unique("Token") + "'}");
        assertEquals("sales", created.getString("ownerId"), "the token's user owns what it creates");
        salesToken.get("/api/v1/models").problem(403);

        Api.bearer(token("admin", "SystemAdministrator")).get("/api/v1/models").expect(200);
        Api.bearer(token("manager", "SalesManager")).get("/api/v1/leads/" + created.getString("id")).expect(200);
        Api.bearer(token("operator", "Operator")).get("/api/v1/leads").problem(403);
        Api.bearer(token("operator", "Operator")).get("/api/v1/system-jobs").expect(200);
        Api.bearer(token("someone")).get("/api/v1/leads").problem(403);
        Api.bearer(token("someone", "Administrators", "admin")).get("/api/v1/models").problem(403);
    }

    @Test
    void theBasicRegistrysGroupNamesGiveTheirRolesToo() {
        Api.bearer(token("admin", "SystemAdministrators")).get("/api/v1/models").expect(200);
        Api.bearer(token("sales", "Salespeople")).get("/api/v1/leads").expect(200);
        Api.bearer(token("operator", "Operators")).get("/api/v1/leads").problem(403);
    }

    @Test
    void aSalespersonsTokenSeesOnlyTheirLeads() {
        Api manager = Api.as("manager");
        String marker = Api.unique("TokenRows");
        JsonObject theirs = manager.createLead("{'lastName':'" + marker + "','ownerId':'sales'}");
        JsonObject others = manager.createLead("{'lastName':'" + marker + "','ownerId':'manager'}");

        Api salesToken = Api.bearer(token("sales", "Salesperson"));
        salesToken.get("/api/v1/leads/" + theirs.getString("id")).expect(200);
        salesToken.get("/api/v1/leads/" + others.getString("id")).problem(404);
        JsonObject list = salesToken.get("/api/v1/leads?count=true&filter=" + q("lastName eq '" + marker + "'"))
                .expect(200).json();
        assertEquals(1, list.getInt("count"));
        assertEquals(theirs.getString("id"), list.getJsonArray("value").getJsonObject(0).getString("id"));
        assertEquals(0, salesToken.get("/api/v1/leads?filter=" + q("ownerId ne 'sales'")).expect(200).json()
                .getJsonArray("value").size());
        String csv = salesToken.get("/api/v1/leads?filter=" + q("lastName eq '" + marker + "'"), "text/csv")
                .expect(200).body();
        assertTrue(csv.contains(theirs.getString("id")) && !csv.contains(others.getString("id")), csv);
    }

    @Test
    void anInvalidTokenIsRefusedWith401() {
        Instant now = Instant.now();
        String expired = token("sales", List.of("Salesperson"), c -> c
                .issueTime(Date.from(now.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(now.minus(Duration.ofHours(1)))));
        String otherIssuer = token("sales", List.of("Salesperson"), c -> c.issuer("https://elsewhere.example"));
        String otherAudience = token("sales", List.of("Salesperson"), c -> c.audience("another-service"));
        String forged = sign(rogue, "sales", List.of("Salesperson"), c -> { });
        String unsigned = forged.substring(0, forged.lastIndexOf('.') + 1);
        for (String bad : List.of(expired, otherIssuer, otherAudience, forged, unsigned, "not-a-token")) {
            Api.Reply r = Api.bearer(bad).get("/api/v1/leads");
            assertEquals(401, r.status(), bad + " -> " + r.body());
        }
        // the same request with a good token passes: the refusals above were about the tokens
        Api.bearer(token("sales", "Salesperson")).get("/api/v1/leads").expect(200);
    }

    @Test
    void basicCredentialsStillWorkBesideTokens() throws IOException {
        Api.as("sales").get("/api/v1/leads").expect(200);
        assertEquals(401, Api.as("wrong").get("/api/v1/leads").status());
    }
}
