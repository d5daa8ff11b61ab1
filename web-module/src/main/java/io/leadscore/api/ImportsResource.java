package io.leadscore.api;

import io.leadscore.batch.ImportStarts;
import io.leadscore.common.Caller;
import io.leadscore.leadimport.ImportService;
import io.leadscore.leadimport.LeadImport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import static io.leadscore.common.Jsons.JSON;

/**
 * CSV imports of leads, {@code /api/v1/imports} (API.md "Imports"): the upload is kept as a file and imported
 * by the {@code lead-import} batch job; progress, counts and every rejected row with its reason.
 */
@jakarta.ws.rs.Path("imports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.SALESPERSON, Caller.SALES_MANAGER, Caller.SYSTEM_ADMINISTRATOR})
@Tag(name = "Imports")
public class ImportsResource {

    /** Rejected rows shown with an import (the count covers all). */
    private static final int SHOWN_ERRORS = 1000;

    @EJB
    private ImportService imports;
    @EJB
    private ImportStarts starts;
    @Context
    private SecurityContext security;
    @Context
    private UriInfo uri;

    @POST
    @Consumes({"text/csv", "application/csv"})
    @Operation(summary = "Import leads from CSV", description = "A header row; columns named like lead fields "
            + "(status, createdOn, closedOn, ownerId and businessProcess included) map to them, the rest become "
            + "custom attributes. Optional owner and businessProcess apply to rows without them. 202 with "
            + "{id, status}; files over 100 MB are a 413")
    public Response start(InputStream body, @QueryParam("owner") String owner,
                          @QueryParam("businessProcess") String businessProcess) {
        ImportStarts.Started started = starts.start(Callers.of(security), body, owner, businessProcess);
        return Response.accepted(JSON.createObjectBuilder().add("id", started.leadImport().id()).add("status", "Waiting")
                        .add("executionId", started.executionId()).build())
                .location(uri.getAbsolutePathBuilder().path(started.leadImport().id()).build()).build();
    }

    @GET
    @jakarta.ws.rs.Path("{id}")
    @RolesAllowed({Caller.SALESPERSON, Caller.SALES_MANAGER, Caller.SYSTEM_ADMINISTRATOR, Caller.OPERATOR})
    @Operation(summary = "An import's progress", description = "status (Waiting, Running, Completed, Failed, "
            + "Stopped), rowsRead, rowsImported (rowsCreated + rowsUpdated: a row with externalSource and externalId "
            + "updates the lead with that key), rowsUnchanged (its lead had those values), rowsRejected, and the first "
            + "1,000 rejected rows (row 1 is the first row after the header) with the reason")
    public JsonObject get(@PathParam("id") String id) {
        LeadImport i = imports.get(Callers.of(security), id);
        JsonArrayBuilder errors = JSON.createArrayBuilder();
        for (Object[] e : imports.errors(id, SHOWN_ERRORS)) {
            errors.add(JSON.createObjectBuilder().add("row", ((Number) e[0]).longValue()).add("message", (String) e[1]));
        }
        JsonObjectBuilder o = JSON.createObjectBuilder().add("id", i.id()).add("status", i.status().name())
                .add("rowsRead", i.rowsRead()).add("rowsImported", i.rowsImported()).add("rowsRejected", i.rowsRejected())
                .add("rowsCreated", i.rowsCreated()).add("rowsUpdated", i.rowsUpdated())
                .add("rowsUnchanged", i.rowsUnchanged())
                .add("errors", errors);
        if (i.error() != null) {
            o.add("error", i.error());
        } else {
            o.addNull("error");
        }
        if (i.executionId() != null) {
            o.add("executionId", i.executionId());
        }
        o.add("createdBy", i.createdBy()).add("createdOn", i.createdOn().toString());
        if (i.completedOn() != null) {
            o.add("completedOn", i.completedOn().toString());
        }
        return o.build();
    }
}
