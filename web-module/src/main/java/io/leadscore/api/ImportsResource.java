package io.leadscore.api;

import io.leadscore.batch.OperatorJobs;
import io.leadscore.common.Caller;
import io.leadscore.common.ValidationException;
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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Largest file an import takes. */
    public static final long MAX_BYTES = 100L * 1024 * 1024;
    /** Rejected rows shown with an import (the count covers all). */
    private static final int SHOWN_ERRORS = 1000;

    @EJB
    private ImportService imports;
    @EJB
    private OperatorJobs launcher;
    @jakarta.inject.Inject
    private io.leadscore.common.WorkLimits limits;
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
        Caller caller = Callers.of(security);
        if (owner != null && (owner.isBlank() || owner.length() > 100)) {
            throw new ValidationException("owner", "must be 1 to 100 characters");
        }
        if (businessProcess != null && (businessProcess.isBlank() || businessProcess.length() > 100)) {
            throw new ValidationException("businessProcess", "must be 1 to 100 characters");
        }
        limits.imports().take(); // a 429 when the server already runs as many imports as it may; given back when the job ends
        String id = imports.newId();
        Path file = imports.file(id);
        LeadImport registered;
        long execution;
        try {
            long bytes = save(body, file);
            try {
                registered = imports.register(id, caller, "upload.csv", bytes, owner, businessProcess);
            } catch (RuntimeException e) {
                delete(file);
                throw e;
            }
            execution = launcher.importLeads(id);
        } catch (RuntimeException e) {
            limits.imports().release();
            throw e;
        }
        return Response.accepted(JSON.createObjectBuilder().add("id", registered.id()).add("status", "Waiting")
                        .add("executionId", execution).build())
                .location(uri.getAbsolutePathBuilder().path(id).build()).build();
    }

    private static long save(InputStream body, Path file) {
        try {
            Files.createDirectories(file.getParent());
            long total = 0;
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = body.read(buf)) > 0) {
                    total += n;
                    if (total > MAX_BYTES) {
                        throw tooLarge();
                    }
                    out.write(buf, 0, n);
                }
            }
            if (total == 0) {
                throw new ValidationException("body", "is empty; send a CSV file with a header row");
            }
            return total;
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException("The upload could not be stored", e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private static jakarta.ws.rs.WebApplicationException tooLarge() {
        return new jakarta.ws.rs.WebApplicationException(Problems.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "An import takes files up to 100 MB; split the file"));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more to do
        }
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
