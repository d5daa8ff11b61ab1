package io.leadscore.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.Locale;
import java.util.Map;

/**
 * Completes what annotations cannot say, so that a client generated from the document (openapi-generator) works:
 * per record type, the body and answer schemas of the shared {@link RecordResource} verbs, the collection parameters
 * that the resources read from the query string, the bodies of upsert and bulk calls (read as raw JSON), the answers
 * of the lead's score, history and actions, and an operationId on every operation.
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
                body(collection.getPOST(), schema, "application/json");
                answer(collection.getPOST(), "201", "Created, with Location and ETag", schema);
                Operation list = collection.getGET();
                if (list != null) {
                    list.summary("Query").description("filter (OData $filter subset), orderBy, top (default 50, at most "
                            + "5000), skip (at most 10000), count=true; answers {value, count, nextLink}: the nextLink "
                            + "continues after the page's last row (skiptoken), however deep"
                            + (schema.equals("Lead") ? ". With Accept: text/csv, every lead the query selects as CSV "
                            + "(not top or skip), streamed" : ""));
                    collectionParameters(list, schema.equals("Lead"));
                    answer(list, "200", "One page", schema + "Page");
                    if (schema.equals("Lead")) {
                        list.getResponses().getAPIResponse("200").getContent().addMediaType("text/csv",
                                OASFactory.createMediaType().schema(OASFactory.createSchema().type(Schema.SchemaType.STRING)));
                    }
                }
            }
            if (item != null) {
                body(item.getPATCH(), schema + "Changes", RecordResource.MERGE_PATCH, "application/json");
                answer(item.getGET(), "200", "The record; ETag: W/\"<version>\"", schema);
                answer(item.getPATCH(), "200", "The changed record", schema);
                answer(item.getDELETE(), "204", "Deleted", null);
            }
        });
        PathItem byKey = openAPI.getPaths().getPathItem("/api/v1/leads/by-key/{externalSource}/{externalId}");
        if (byKey != null) {
            answer(byKey.getGET(), "200", "The lead", "Lead");
            body(byKey.getPUT(), "LeadChanges", "application/json", RecordResource.MERGE_PATCH);
            answer(byKey.getPUT(), "200", "Updated", "Lead");
            byKey.getPUT().getResponses().addAPIResponse("201", response("Created, with Location", "Lead"));
        }
        PathItem bulk = openAPI.getPaths().getPathItem("/api/v1/leads/bulk");
        if (bulk != null) {
            body(bulk.getPOST(), "BulkCall", "application/json");
            answer(bulk.getPOST(), "200", "One result per record, in order", "BulkResult");
        }
        for (String action : new String[]{"qualify", "disqualify"}) {
            PathItem p = openAPI.getPaths().getPathItem("/api/v1/leads/{id}/" + action);
            if (p != null) {
                answer(p.getPOST(), "200", "The closed lead", "Lead");
            }
        }
        PathItem score = openAPI.getPaths().getPathItem("/api/v1/leads/{id}/score");
        if (score != null) {
            answer(score.getGET(), "200", "The score with its reasons", "ScoreDetails");
        }
        PathItem history = openAPI.getPaths().getPathItem("/api/v1/leads/{id}/score-history");
        if (history != null && history.getGET() != null) {
            APIResponses r = OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse()
                    .description("Oldest first").content(OASFactory.createContent().addMediaType("application/json",
                            OASFactory.createMediaType().schema(OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                                    .items(OASFactory.createSchema().ref("#/components/schemas/HistoryPoint"))))));
            history.getGET().responses(r);
        }
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            for (String unused : new String[]{"CollectionViewLeadView", "CollectionViewAccountView",
                    "CollectionViewContactView", "HistoryView"}) {
                openAPI.getComponents().removeSchema(unused); // described above in full
            }
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, op) -> {
                    if (op.getOperationId() == null) {
                        op.operationId(operationId(method.name(), path));
                    }
                }));
    }

    /**
     * A stable, readable name for an operation from its method and path, for generated clients:
     * {@code GET /api/v1/leads/{id}/score} is {@code getLeadsByIdScore}.
     */
    static String operationId(String method, String path) {
        StringBuilder sb = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals("api") || segment.equals("v1")) {
                continue;
            }
            boolean parameter = segment.startsWith("{") && segment.endsWith("}");
            if (parameter) {
                sb.append("By");
                segment = segment.substring(1, segment.length() - 1);
            }
            for (String word : segment.split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
        }
        return sb.toString();
    }

    private static void collectionParameters(Operation op, boolean leads) {
        op.addParameter(query("filter", "in the filter language (API.md), e.g. industry eq 'Retail' and score/value ge 70",
                Schema.SchemaType.STRING));
        op.addParameter(query("orderBy", "path [asc|desc][, ...]", Schema.SchemaType.STRING));
        op.addParameter(query("top", "rows in the page (default 50, at most 5000)", Schema.SchemaType.INTEGER));
        op.addParameter(query("skip", "rows to skip (at most 10000; page further with nextLink)", Schema.SchemaType.INTEGER));
        op.addParameter(query("count", "true: the answer's count is every match", Schema.SchemaType.BOOLEAN));
        op.addParameter(query("skiptoken", "where the next page starts, as a nextLink gives it", Schema.SchemaType.STRING));
        if (leads) {
            op.addParameter(OASFactory.createParameter().name("view").in(Parameter.In.QUERY)
                    .description("my-open-scored: the caller's open leads, best score first")
                    .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING).addEnumeration("my-open-scored")));
        }
    }

    private static Parameter query(String name, String description, Schema.SchemaType type) {
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY).description(description)
                .schema(OASFactory.createSchema().type(type));
    }

    private static void body(Operation op, String schema, String... mediaTypes) {
        if (op == null) {
            return;
        }
        Content content = OASFactory.createContent();
        for (String mediaType : mediaTypes) {
            content.addMediaType(mediaType, OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().ref("#/components/schemas/" + schema)));
        }
        op.requestBody(OASFactory.createRequestBody().required(true).content(content));
    }

    /** Sets the operation's success answer (the only 2xx it documents). */
    private static void answer(Operation op, String status, String description, String schema) {
        if (op == null) {
            return;
        }
        op.responses(OASFactory.createAPIResponses().addAPIResponse(status, response(description, schema)));
    }

    private static APIResponse response(String description, String schema) {
        APIResponse r = OASFactory.createAPIResponse().description(description);
        if (schema != null) {
            r.content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().ref("#/components/schemas/" + schema))));
        }
        return r;
    }
}
