package io.leadscore.api;

import io.leadscore.common.Caller;
import io.leadscore.common.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.List;
import static io.leadscore.common.Jsons.JSON;

/**
 * The web UI's sign-in: a user name and password checked against Liberty's user registry; on success Liberty
 * sets its single sign-on cookie (LTPA), which authenticates the UI's later calls, so that the browser never
 * shows its Basic prompt. A wrong password is a 401 without a Basic challenge. Integrations keep using Basic.
 */
@Path("session")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Session")
public class SessionResource {

    private static final List<String> ROLES = List.of(Caller.SALESPERSON, Caller.SALES_MANAGER,
            Caller.SYSTEM_ADMINISTRATOR, Caller.OPERATOR);

    @Context
    private HttpServletRequest request;
    @jakarta.inject.Inject
    private SignInThrottle throttle;

    @GET
    @Operation(summary = "Who is signed in", description = "200 {user, roles}; user null when nobody is")
    public JsonObject get() {
        if (request.getUserPrincipal() == null) {
            return JSON.createObjectBuilder().addNull("user").add("roles", JSON.createArrayBuilder()).build();
        }
        return who();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in", description = "Body {username, password}: 200 {user, roles} with Liberty's "
            + "single sign-on cookie; 401 for a wrong user name or password; after 5 failures in a row for a user "
            + "name, 429 with Retry-After (30 s, doubling with each further failure, at most 15 minutes)")
    public Response signIn(InputStream body) {
        JsonObject json = JsonBodies.readOptionalObject(body);
        String user = text(json, "username");
        String password = text(json, "password");
        java.time.Instant now = java.time.Instant.now();
        java.time.Duration wait = throttle.waitFor(user, now);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return Response.fromResponse(Problems.of(Response.Status.TOO_MANY_REQUESTS, "Too many failed sign-ins as "
                    + "this user; try again in " + seconds + " s")).header("Retry-After", seconds).build();
        }
        try {
            if (request.getUserPrincipal() != null) {
                request.logout();
            }
            request.login(user, password);
        } catch (ServletException e) {
            throttle.failed(user, now);
            return Problems.of(Response.Status.UNAUTHORIZED, "Wrong user name or password");
        }
        throttle.succeeded(user);
        return Response.ok(who()).build();
    }

    @DELETE
    @Operation(summary = "Sign out", description = "204; the single sign-on cookie is removed")
    public Response signOut() throws ServletException {
        request.logout();
        return Response.noContent().build();
    }

    private JsonObject who() {
        JsonArrayBuilder roles = JSON.createArrayBuilder();
        ROLES.stream().filter(request::isUserInRole).forEach(roles::add);
        return JSON.createObjectBuilder().add("user", request.getUserPrincipal().getName()).add("roles", roles).build();
    }

    private static String text(JsonObject json, String field) {
        JsonValue v = json == null ? null : json.get(field);
        if (!(v instanceof JsonString s) || s.getString().isBlank()) {
            throw new ValidationException(field, "is required");
        }
        return s.getString();
    }
}
