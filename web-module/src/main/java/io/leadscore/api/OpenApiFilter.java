package io.leadscore.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.util.Map;

/**
 * Completes what annotations on the shared {@link RecordResource} cannot say per record type: the body
 * schema of each create and patch, and the {@code view} parameter of the lead collection.
 */
public class OpenApiFilter implements OASFilter {

    private static final Map<String, String> RECORDS = Map.of(
            "/api/v1/leads", "Lead", "/api/v1/accounts", "Account", "/api/v1/contacts", "Contact");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        RECORDS.forEach((path, schema) -> {
            PathItem collection = openAPI.getPaths().getPathItem(path);
            PathItem item = openAPI.getPaths().getPathItem(path + "/{id}");
            if (collection != null) {
                body(collection.getPOST(), "application/json", schema);
            }
            if (item != null) {
                body(item.getPATCH(), RecordResource.MERGE_PATCH, schema);
            }
            if (collection != null && collection.getGET() != null && schema.equals("Lead")) {
                collection.getGET().addParameter(OASFactory.createParameter().name("view").in(Parameter.In.QUERY)
                        .description("my-open-scored: the caller's open leads, best score first")
                        .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING).addEnumeration("my-open-scored")));
            }
        });
    }

    private static void body(Operation op, String mediaType, String schema) {
        if (op == null) {
            return;
        }
        op.requestBody(OASFactory.createRequestBody().required(true).content(OASFactory.createContent()
                .addMediaType(mediaType, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/" + schema)))));
    }
}
