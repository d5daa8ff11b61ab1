package io.leadscore.api;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.plugin.SystemJob;
import io.leadscore.plugin.SystemJobs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/**
 * System jobs: {@code /api/v1/system-jobs} (API.md "Plugin host"), for Operators and System
 * Administrators: every asynchronous plugin execution, its status, attempts and error; retry and cancel.
 */
@Path("system-jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.OPERATOR, Caller.SYSTEM_ADMINISTRATOR})
@Tag(name = "System jobs")
public class SystemJobsResource {

    /** A system job as API.md shows it. */
    @JsonbNillable
    @JsonbPropertyOrder({"id", "plugin", "message", "entityId", "status", "attempts", "error", "correlationId",
            "createdOn", "startedOn", "completedOn", "nextAttemptOn", "server", "leaseUntil"})
    public record JobView(String id, String plugin, String message, String entityId, String status, int attempts,
                          String error, String correlationId, Instant createdOn, Instant startedOn,
                          Instant completedOn, Instant nextAttemptOn, String server, Instant leaseUntil) {
        /** {@code server}: the server that runs the job (or ran its last attempt); {@code leaseUntil}: its claim, while InProgress. */
        static JobView of(SystemJob j) {
            return new JobView(j.id(), j.plugin(), j.message().name(), j.entityId(), j.status().name(), j.attempts(),
                    j.error(), j.correlationId(), j.createdOn(), j.startedOn(), j.completedOn(), j.nextAttemptOn(),
                    j.owner(), j.leaseUntil());
        }
    }

    @EJB
    private SystemJobs jobs;
    @Context
    private UriInfo uri;

    @GET
    @Operation(summary = "Query system jobs", description = "filter (e.g. status eq 'Failed'), orderBy (default "
            + "createdOn desc), top, skip, count")
    public CollectionView<JobView> list() {
        ListQuery q = Collections.query(uri);
        return Collections.page(jobs.list(q), JobView::of, uri, q);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One system job")
    public JobView get(@PathParam("id") String id) {
        return JobView.of(jobs.get(id));
    }

    @POST
    @Path("{id}/retry")
    @Operation(summary = "Run a Failed or Canceled job again", description = "409 for a job in another status")
    public JobView retry(@PathParam("id") String id) {
        return JobView.of(jobs.retry(id));
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a Waiting job", description = "409 for a job in another status")
    public JobView cancel(@PathParam("id") String id) {
        return JobView.of(jobs.cancel(id));
    }
}
