package io.leadscore.api;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.common.RecordInput;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadSchema;
import io.leadscore.lead.LeadService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;

/** Leads: {@code /api/v1/leads} (API.md "Leads"). A Salesperson sees and changes only their own. */
@Path("leads")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.SALESPERSON, Caller.SALES_MANAGER, Caller.SYSTEM_ADMINISTRATOR})
@Tag(name = "Leads")
public class LeadsResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    @EJB
    private LeadService leads;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @GET
    @Operation(summary = "Query leads", description = "filter, orderBy, top (≤ 5000), skip, count=true; view=my-open-scored "
            + "gives the caller's open leads, best score first.")
    public CollectionView<LeadView> list(@QueryParam("view") @Parameter(description = "my-open-scored") String view) {
        ListQuery q = Collections.query(uri);
        return Collections.page(leads.list(caller(), LeadService.View.parse(view), q), LeadView::of, uri, q);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a lead", description = "lastName is required; ownerId defaults to the caller. 201 with Location and ETag.")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Lead"))) InputStream body) {
        RecordInput input = RecordInput.parse(LeadSchema.LEAD, JsonBodies.readObject(body));
        Lead lead = leads.create(caller(), input);
        return Response.created(uri.getAbsolutePathBuilder().path(lead.id()).build())
                .tag(Etags.of(lead.version())).entity(LeadView.of(lead)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a lead")
    public Response get(@PathParam("id") String id) {
        return ok(leads.get(caller(), id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a lead (JSON merge patch)", description = "Honours If-Match (412 on mismatch). "
            + "id, version, score, status, createdOn, modifiedOn and closedOn are read-only; a closed lead is read-only.")
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                          @RequestBody(content = @Content(mediaType = MERGE_PATCH, schema = @Schema(ref = "Lead"))) InputStream body) {
        Caller caller = caller();
        var patch = JsonBodies.readObject(body);
        Long expected = Etags.ifMatch(ifMatch);
        Lead current = leads.get(caller, id);
        RecordInput input = MergePatch.apply(LeadSchema.LEAD, LeadView.of(current), patch);
        return ok(leads.update(caller, id, expected != null ? expected : current.version(), input));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a lead", description = "Honours If-Match (412 on mismatch).")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        leads.delete(caller(), id, Etags.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/qualify")
    @Operation(summary = "Qualify an open lead", description = "Sets status QUALIFIED and closedOn. 409 if the lead is closed.")
    public Response qualify(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return ok(leads.qualify(caller(), id, Etags.ifMatch(ifMatch)));
    }

    @POST
    @Path("{id}/disqualify")
    @Operation(summary = "Disqualify an open lead", description = "Sets status DISQUALIFIED and closedOn. 409 if the lead is closed.")
    public Response disqualify(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return ok(leads.disqualify(caller(), id, Etags.ifMatch(ifMatch)));
    }

    private static Response ok(Lead lead) {
        return Response.ok(LeadView.of(lead)).tag(Etags.of(lead.version())).build();
    }

    private Caller caller() {
        return Callers.of(security);
    }
}
