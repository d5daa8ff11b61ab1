package io.leadscore.api;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.common.RecordInput;
import io.leadscore.customer.Contact;
import io.leadscore.customer.ContactService;
import io.leadscore.customer.CustomerSchemas;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;

/** Contacts: {@code /api/v1/contacts}. The sales team shares them; only managers and administrators delete. */
@Path("contacts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.SALESPERSON, Caller.SALES_MANAGER, Caller.SYSTEM_ADMINISTRATOR})
@Tag(name = "Contacts")
public class ContactsResource {

    @EJB
    private ContactService contacts;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @GET
    @Operation(summary = "Query contacts", description = "filter, orderBy, top (≤ 5000), skip, count=true")
    public CollectionView<ContactView> list() {
        ListQuery q = Collections.query(uri);
        return Collections.page(contacts.list(caller(), q), ContactView::of, uri, q);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a contact", description = "lastName is required")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Contact"))) InputStream body) {
        Contact a = contacts.create(caller(), RecordInput.parse(CustomerSchemas.CONTACT, JsonBodies.readObject(body)));
        return Response.created(uri.getAbsolutePathBuilder().path(a.id()).build())
                .tag(Etags.of(a.version())).entity(ContactView.of(a)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a contact")
    public Response get(@PathParam("id") String id) {
        return ok(contacts.get(caller(), id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({LeadsResource.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a contact (JSON merge patch)", description = "Honours If-Match (412 on mismatch)")
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                          @RequestBody(content = @Content(mediaType = LeadsResource.MERGE_PATCH, schema = @Schema(ref = "Contact"))) InputStream body) {
        Caller caller = caller();
        var patch = JsonBodies.readObject(body);
        Long expected = Etags.ifMatch(ifMatch);
        Contact current = contacts.get(caller, id);
        RecordInput input = MergePatch.apply(CustomerSchemas.CONTACT, ContactView.of(current), patch);
        return ok(contacts.update(caller, id, expected != null ? expected : current.version(), input));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Caller.SALES_MANAGER, Caller.SYSTEM_ADMINISTRATOR})
    @Operation(summary = "Delete a contact", description = "Leads that refer to it remain, without the contact. "
            + "Sales Manager or System Administrator.")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        contacts.delete(caller(), id, Etags.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    private static Response ok(Contact a) {
        return Response.ok(ContactView.of(a)).tag(Etags.of(a.version())).build();
    }

    private Caller caller() {
        return Callers.of(security);
    }
}
