package io.leadscore.api;

import io.leadscore.common.Caller;
import io.leadscore.common.CrmRecord;
import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordSchema;
import io.leadscore.record.RecordService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonObject;
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

import java.io.InputStream;

/**
 * The verbs that leads, accounts and contacts share (API.md): query, create (201, Location, ETag), read,
 * merge-patch with If-Match, delete with If-Match. Subclasses bind the path, the service and the view.
 */
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.SALESPERSON, Caller.SALES_MANAGER, Caller.SYSTEM_ADMINISTRATOR})
public abstract class RecordResource<E extends CrmRecord, V> {

    static final String MERGE_PATCH = "application/merge-patch+json";

    @Context
    protected SecurityContext security;

    @Context
    protected UriInfo uri;

    protected abstract RecordService<E> service();

    protected abstract RecordSchema schema();

    protected abstract V view(E record);

    protected abstract Page<E> page(Caller caller, ListQuery query);

    @GET
    @Operation(summary = "Query", description = "filter (OData $filter subset), orderBy, top (default 50, at most 5000), "
            + "skip (at most 10000), count=true; answers {value, count, nextLink}: the nextLink continues after the page's "
            + "last row (skiptoken), however deep")
    public CollectionView<V> list() {
        ListQuery q = Collections.query(uri);
        return Collections.page(page(caller(), q), this::view, uri, q);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create", description = "201 with Location and ETag; ownerId defaults to the caller")
    public Response create(InputStream body) {
        E record = service().create(caller(), RecordInput.parse(schema(), JsonBodies.readObject(body)));
        return Response.created(uri.getAbsolutePathBuilder().path(record.id()).build())
                .tag(Etags.of(record.version())).entity(view(record)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one", description = "ETag: W/\"<version>\"")
    public Response get(@PathParam("id") String id) {
        return ok(service().get(caller(), id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change (JSON merge patch)", description = "Honours If-Match (412 on mismatch); read-only fields are a 400")
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, InputStream body) {
        Caller caller = caller();
        JsonObject patch = JsonBodies.readObject(body);
        Long expected = Etags.ifMatch(ifMatch);
        E current = service().get(caller, id);
        RecordInput input = MergePatch.apply(schema(), current, patch);
        return ok(service().update(caller, id, expected != null ? expected : current.version(), input));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete", description = "Honours If-Match (412 on mismatch); 204")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        service().delete(caller(), id, Etags.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    protected Response ok(E record) {
        return Response.ok(view(record)).tag(Etags.of(record.version())).build();
    }

    protected Caller caller() {
        return Callers.of(security);
    }
}
