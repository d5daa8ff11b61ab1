package io.leadscore.api;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.common.RecordInput;
import io.leadscore.customer.Account;
import io.leadscore.customer.AccountService;
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

/** Accounts: {@code /api/v1/accounts}. The sales team shares them; only managers and administrators delete. */
@Path("accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.SALESPERSON, Caller.SALES_MANAGER, Caller.SYSTEM_ADMINISTRATOR})
@Tag(name = "Accounts")
public class AccountsResource {

    @EJB
    private AccountService accounts;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @GET
    @Operation(summary = "Query accounts", description = "filter, orderBy, top (≤ 5000), skip, count=true")
    public CollectionView<AccountView> list() {
        ListQuery q = Collections.query(uri);
        return Collections.page(accounts.list(caller(), q), AccountView::of, uri, q);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account", description = "name is required")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Account"))) InputStream body) {
        Account a = accounts.create(caller(), RecordInput.parse(CustomerSchemas.ACCOUNT, JsonBodies.readObject(body)));
        return Response.created(uri.getAbsolutePathBuilder().path(a.id()).build())
                .tag(Etags.of(a.version())).entity(AccountView.of(a)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read an account")
    public Response get(@PathParam("id") String id) {
        return ok(accounts.get(caller(), id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({LeadsResource.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change an account (JSON merge patch)", description = "Honours If-Match (412 on mismatch)")
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                          @RequestBody(content = @Content(mediaType = LeadsResource.MERGE_PATCH, schema = @Schema(ref = "Account"))) InputStream body) {
        Caller caller = caller();
        var patch = JsonBodies.readObject(body);
        Long expected = Etags.ifMatch(ifMatch);
        Account current = accounts.get(caller, id);
        RecordInput input = MergePatch.apply(CustomerSchemas.ACCOUNT, AccountView.of(current), patch);
        return ok(accounts.update(caller, id, expected != null ? expected : current.version(), input));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Caller.SALES_MANAGER, Caller.SYSTEM_ADMINISTRATOR})
    @Operation(summary = "Delete an account", description = "Its contacts and leads remain, without the account. "
            + "Sales Manager or System Administrator.")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        accounts.delete(caller(), id, Etags.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    private static Response ok(Account a) {
        return Response.ok(AccountView.of(a)).tag(Etags.of(a.version())).build();
    }

    private Caller caller() {
        return Callers.of(security);
    }
}
