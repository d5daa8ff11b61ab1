package io.leadscore.api;

import io.leadscore.common.FieldError;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import static io.leadscore.common.Jsons.JSON;

/** Builds RFC 9457 problem responses: {@code {"type","title","status","detail","errors":[{"field","message"}]}}. */
final class Problems {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    private Problems() {
    }

    public static Response of(Response.StatusType status, String detail, List<FieldError> errors) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", status.getReasonPhrase())
                .add("status", status.getStatusCode());
        if (detail != null) {
            b.add("detail", detail);
        }
        if (errors != null && !errors.isEmpty()) {
            JsonArrayBuilder arr = JSON.createArrayBuilder();
            for (FieldError e : errors) {
                arr.add(JSON.createObjectBuilder().add("field", e.field()).add("message", e.message()));
            }
            b.add("errors", arr);
        }
        return Response.status(status.getStatusCode()).type(PROBLEM_JSON).entity(b.build().toString()).build();
    }

    public static Response of(Response.StatusType status, String detail) {
        return of(status, detail, List.of());
    }
}
