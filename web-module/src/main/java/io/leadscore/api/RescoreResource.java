package io.leadscore.api;

import io.leadscore.batch.JobLauncher;
import io.leadscore.common.Caller;
import io.leadscore.common.FieldError;
import io.leadscore.common.ValidationException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.List;
import static io.leadscore.common.Jsons.JSON;

/**
 * {@code POST /api/v1/rescore} (API.md "Scoring operations"): starts the lead-rescore batch job now, for
 * Operators and System Administrators; the execution is also visible and restartable through Liberty's
 * batch REST API and Admin Center.
 */
@Path("rescore")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.OPERATOR, Caller.SYSTEM_ADMINISTRATOR})
@Tag(name = "Scoring operations")
public class RescoreResource {

    @EJB
    private JobLauncher jobs;
    @EJB
    private io.leadscore.model.ModelService models;
    @EJB
    private io.leadscore.model.RescoreRanges ranges;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(summary = "Rescore open leads now", description = "Optional body {\"modelId\"}: only the leads that "
            + "model covers or last scored. 202 with {executionId}; follow it at /api/v1/rescore/{executionId} or "
            + "/ibm/api/batch/jobexecutions/{executionId}")
    public Response start(InputStream body) {
        String modelId = null;
        JsonObject json = JsonBodies.readOptionalObject(body);
        if (json != null) {
            for (String k : json.keySet()) {
                if (!k.equals("modelId")) {
                    throw new ValidationException(List.of(new FieldError(k, "is not a rescore option; options: modelId")));
                }
            }
            JsonValue m = json.get("modelId");
            if (m != null && m.getValueType() != JsonValue.ValueType.NULL) {
                if (!(m instanceof JsonString s)) {
                    throw new ValidationException("modelId", "must be a string");
                }
                modelId = s.getString();
                try {
                    models.get(modelId);
                } catch (io.leadscore.common.NotFoundException e) {
                    throw new ValidationException("modelId", "no model has the id '" + modelId + "'");
                }
            }
        }
        long id = jobs.rescore(modelId);
        return Response.accepted(execution(jobs.execution(id))).build();
    }

    @GET
    @Path("{executionId}")
    @Operation(summary = "A rescore execution", description = "Its batch status and exit status, and how far its job "
            + "instance is: progress {ranges, rangesDone, leadsRead, newScores, working (the servers holding ranges now, "
            + "with how many), finishedBy (the servers that finished ranges, with how many)}, over every execution and "
            + "server")
    public JsonObject get(@PathParam("executionId") long executionId) {
        JobExecution e = jobs.execution(executionId);
        if (!e.getJobName().equals(JobLauncher.RESCORE)) {
            throw new NotFoundException();
        }
        io.leadscore.model.Progress p = ranges.progress(jobs.instanceOf(executionId));
        return JSON.createObjectBuilder(execution(e)).add("progress", JSON.createObjectBuilder()
                .add("ranges", p.ranges()).add("rangesDone", p.done()).add("leadsRead", p.read())
                .add("newScores", p.scored()).add("working", counts(p.working()))
                .add("finishedBy", counts(p.finishedBy()))).build();
    }

    private static JsonObjectBuilder counts(java.util.Map<String, Integer> byServer) {
        JsonObjectBuilder o = JSON.createObjectBuilder();
        new java.util.TreeMap<>(byServer).forEach(o::add);
        return o;
    }

    static JsonObject execution(JobExecution e) {
        JsonObjectBuilder o = JSON.createObjectBuilder().add("executionId", e.getExecutionId())
                .add("jobName", e.getJobName()).add("batchStatus", e.getBatchStatus().name());
        add(o, "exitStatus", e.getExitStatus());
        add(o, "createTime", e.getCreateTime() == null ? null : e.getCreateTime().toInstant().toString());
        add(o, "startTime", e.getStartTime() == null ? null : e.getStartTime().toInstant().toString());
        add(o, "endTime", e.getEndTime() == null ? null : e.getEndTime().toInstant().toString());
        return o.build();
    }

    private static void add(JsonObjectBuilder o, String name, String value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value);
        }
    }
}
