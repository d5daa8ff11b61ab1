package io.leadscore.api;

import io.leadscore.common.Caller;
import io.leadscore.webhook.Webhook;
import io.leadscore.webhook.WebhookEvent;
import io.leadscore.webhook.WebhookService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;

import static io.leadscore.common.Jsons.JSON;

/**
 * Webhooks, {@code /api/v1/webhooks}: System Administrators register endpoints for lead events. A webhook's secret
 * is written, never read back ({@code hasSecret} says there is one).
 */
@Path("webhooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.SYSTEM_ADMINISTRATOR)
@Tag(name = "Webhooks")
public class WebhooksResource {

    @EJB
    private WebhookService webhooks;
    @Context
    private UriInfo uri;

    @GET
    @Operation(summary = "Every webhook", description = "By name; secrets are never shown")
    public JsonObject list() {
        JsonArrayBuilder value = JSON.createArrayBuilder();
        webhooks.list().forEach(w -> value.add(view(w)));
        return JSON.createObjectBuilder().add("value", value).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One webhook")
    public Response get(@PathParam("id") String id) {
        Webhook w = webhooks.get(id);
        return Response.ok(view(w)).tag(Etags.of(w.version())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook", description = "name (unique), url (http or https), secret (at least "
            + "16 characters; each delivery's X-Leadscore-Signature is sha256= and the hex HMAC-SHA256 of the body "
            + "with it), events (lead.created, lead.updated, lead.qualified, lead.disqualified, lead.scoreChanged, "
            + "lead.gradeChanged), filter (the filter language, on the lead's fields and attributes; optional), "
            + "enabled (default true)")
    public Response create(InputStream body) {
        Webhook w = webhooks.create(JsonBodies.readObject(body));
        return Response.created(uri.getBaseUriBuilder().path("webhooks").path(w.id()).build()).entity(view(w))
                .tag(Etags.of(w.version())).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({RecordResource.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a webhook", description = "The settings given; the secret stays unless one is given. "
            + "If-Match honoured (412 when stale)")
    public Response change(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, InputStream body) {
        Webhook w = webhooks.update(id, Etags.ifMatch(ifMatch), JsonBodies.readObject(body));
        return Response.ok(view(w)).tag(Etags.of(w.version())).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a webhook", description = "Deliveries not sent yet are dropped; their system jobs "
            + "fail saying so")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        webhooks.delete(id, Etags.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    private static JsonObject view(Webhook w) {
        JsonArrayBuilder events = JSON.createArrayBuilder();
        w.events().stream().map(WebhookEvent::wireName).forEach(events::add);
        JsonObjectBuilder o = JSON.createObjectBuilder().add("id", w.id()).add("version", w.version())
                .add("name", w.name()).add("url", w.url()).add("events", events);
        if (w.filter() == null) {
            o.addNull("filter");
        } else {
            o.add("filter", w.filter());
        }
        return o.add("enabled", w.enabled()).add("hasSecret", true).add("createdOn", w.createdOn().toString())
                .add("modifiedOn", w.modifiedOn().toString()).build();
    }
}
