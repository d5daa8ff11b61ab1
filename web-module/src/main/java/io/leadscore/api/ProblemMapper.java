package io.leadscore.api;

import io.leadscore.common.ConflictException;
import io.leadscore.common.FieldError;
import io.leadscore.common.ForbiddenException;
import io.leadscore.common.NotFoundException;
import io.leadscore.common.ValidationException;
import io.leadscore.common.VersionMismatchException;
import io.leadscore.sdk.InvalidPluginExecutionException;
import io.leadscore.plugin.PluginFailedException;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error leaves as problem+json. Domain exceptions map to their 4xx; anything unexpected is a 500
 * whose detail carries an id that is also in the server log, and never the exception's text.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable t = unwrap(thrown);
        if (t instanceof ValidationException v) {
            return Problems.of(Status.BAD_REQUEST, v.getMessage(), v.errors());
        }
        if (t instanceof NotFoundException) {
            return Problems.of(Status.NOT_FOUND, t.getMessage());
        }
        if (t instanceof VersionMismatchException) {
            return Problems.of(Status.PRECONDITION_FAILED, t.getMessage());
        }
        if (t instanceof ForbiddenException f) {
            return Problems.of(Status.FORBIDDEN, f.getMessage(), List.of(new FieldError(f.field(), f.getMessage())));
        }
        if (t instanceof ConflictException) {
            return Problems.of(Status.CONFLICT, t.getMessage());
        }
        if (t instanceof InvalidPluginExecutionException) {
            return Problems.of(Status.BAD_REQUEST, t.getMessage());
        }
        if (t instanceof PluginFailedException p) {
            LOG.log(Level.SEVERE, p.getMessage(), p);
            return Problems.of(Status.INTERNAL_SERVER_ERROR, p.publicMessage());
        }
        if (t instanceof io.leadscore.common.TooLargeException) {
            return Problems.of(Status.REQUEST_ENTITY_TOO_LARGE, t.getMessage());
        }
        if (t instanceof io.leadscore.common.Slots.Busy) {
            return Response.fromResponse(Problems.of(Status.TOO_MANY_REQUESTS, t.getMessage()))
                    .header("Retry-After", 10).build();
        }
        if (io.leadscore.common.DuplicateKey.in(t)) {
            // the database's unique key caught what the service's own check could not see (a request at the same moment)
            return Problems.of(Status.CONFLICT, "Another record with the same key was written at the same moment "
                    + "(for a lead: externalSource and externalId); read it and try again");
        }
        if (timedOut(t)) {
            return Response.fromResponse(Problems.of(Status.SERVICE_UNAVAILABLE, "The query took longer than the "
                    + io.leadscore.filter.RecordQueries.timeoutSeconds() + " s a query may take; narrow the filter or "
                    + "ask for fewer rows")).header("Retry-After", 10).build();
        }
        if (t instanceof EJBAccessException) {
            return Problems.of(Status.FORBIDDEN, "Your role may not do this");
        }
        if (t instanceof WebApplicationException w) {
            Response r = w.getResponse();
            if (r.getMediaType() != null && r.getMediaType().isCompatible(Problems.PROBLEM_JSON) && r.hasEntity()) {
                return r;
            }
            String detail = switch (r.getStatus()) {
                case 403 -> "Your role may not do this";
                case 404 -> "No resource at this address";
                case 405 -> "This method is not allowed here";
                case 406 -> "This resource answers application/json";
                case 415 -> "Send the body as application/json";
                default -> w.getMessage();
            };
            return Problems.of(r.getStatusInfo(), detail);
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, thrown);
        return Problems.of(Status.INTERNAL_SERVER_ERROR, "Unexpected error; the server log has incident " + incident);
    }

    /** A statement the database canceled at the query timeout (JPA's exception, JDBC's, or Derby's and PostgreSQL's state). */
    static boolean timedOut(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof jakarta.persistence.QueryTimeoutException || c instanceof java.sql.SQLTimeoutException) {
                return true;
            }
            if (c instanceof java.sql.SQLException sql && ("XCL52".equals(sql.getSQLState())
                    || "57014".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The exception an EJB call wrapped (EJBException), or the exception itself; an access refusal stays one. */
    public static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while (cur instanceof EJBException && !(cur instanceof EJBAccessException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }
}
