package io.leadscore.odata;

import io.leadscore.api.ProblemMapper;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.commons.api.http.HttpHeader;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.ODataLibraryException;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.ODataServerError;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.processor.ErrorProcessor;
import org.apache.olingo.server.api.serializer.SerializerException;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import static io.leadscore.common.Jsons.JSON;

/**
 * OData error bodies ({@code {"error": {"code", "message", "target", "details"}}}) that say what the REST API's
 * problem+json says for the same failure: the product's exceptions go through the same ProblemMapper (a validation
 * error names its field as the target; an unexpected one is a 500 with an incident id, never the exception's text).
 */
final class ODataErrors implements ErrorProcessor {

    private OData odata;

    @Override
    public void init(OData odata, ServiceMetadata metadata) {
        this.odata = odata;
    }

    @Override
    public void processError(ODataRequest request, ODataResponse response, ODataServerError error, ContentType format) {
        Exception thrown = error.getException();
        if (thrown != null && !(thrown instanceof ODataApplicationException) && !(thrown instanceof ODataLibraryException)) {
            Response problem = new ProblemMapper().toResponse(thrown);
            JsonObject p = JSON.createReader(new StringReader((String) problem.getEntity())).readObject();
            error.setStatusCode(problem.getStatus());
            error.setCode(p.getString("title", ""));
            error.setMessage(p.getString("detail", p.getString("title", "")));
            List<org.apache.olingo.commons.api.ex.ODataErrorDetail> details = new ArrayList<>();
            for (JsonValue v : p.getJsonArray("errors") == null ? List.<JsonValue>of() : p.getJsonArray("errors")) {
                JsonObject fe = v.asJsonObject();
                org.apache.olingo.commons.api.ex.ODataErrorDetail d = new org.apache.olingo.commons.api.ex.ODataErrorDetail();
                d.setCode(p.getString("title", ""));
                d.setTarget(fe.getString("field"));
                d.setMessage(fe.getString("message"));
                details.add(d);
            }
            if (!details.isEmpty()) {
                error.setTarget(details.get(0).getTarget());
                error.setDetails(details);
            }
            Object retry = problem.getHeaderString("Retry-After");
            if (retry != null) {
                response.setHeader("Retry-After", retry.toString());
            }
            error.setException(null);
        } else if (error.getCode() == null) {
            error.setCode(Response.Status.fromStatusCode(error.getStatusCode()) == null ? String.valueOf(error.getStatusCode())
                    : Response.Status.fromStatusCode(error.getStatusCode()).getReasonPhrase());
        }
        ContentType type = format == null || !format.isCompatible(ContentType.APPLICATION_XML) ? ContentType.JSON : format;
        response.setStatusCode(error.getStatusCode());
        try {
            response.setContent(odata.createSerializer(type).error(error).getContent());
            response.setHeader(HttpHeader.CONTENT_TYPE, type.toContentTypeString());
        } catch (SerializerException e) {
            response.setContent(null);
        }
    }
}
