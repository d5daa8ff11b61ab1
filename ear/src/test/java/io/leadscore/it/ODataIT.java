package io.leadscore.it;

import jakarta.json.JsonObject;
import org.apache.olingo.client.api.ODataClient;
import org.apache.olingo.client.api.communication.ODataClientErrorException;
import org.apache.olingo.client.api.communication.request.cud.ODataEntityCreateRequest;
import org.apache.olingo.client.api.communication.request.cud.ODataEntityUpdateRequest;
import org.apache.olingo.client.api.communication.request.cud.UpdateType;
import org.apache.olingo.client.api.communication.request.retrieve.ODataEntitySetRequest;
import org.apache.olingo.client.api.communication.response.ODataEntityCreateResponse;
import org.apache.olingo.client.api.communication.response.ODataEntityUpdateResponse;
import org.apache.olingo.client.api.communication.response.ODataRetrieveResponse;
import org.apache.olingo.client.api.domain.ClientEntity;
import org.apache.olingo.client.api.domain.ClientEntitySet;
import org.apache.olingo.client.api.domain.ClientProperty;
import org.apache.olingo.client.core.ODataClientFactory;
import org.apache.olingo.client.core.http.BasicAuthHttpClientFactory;
import org.apache.olingo.commons.api.edm.Edm;
import org.apache.olingo.commons.api.edm.EdmAction;
import org.apache.olingo.commons.api.edm.EdmComplexType;
import org.apache.olingo.commons.api.edm.EdmEntityType;
import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OData v4 service as an integrator meets it, through Apache Olingo's own client: $metadata with leads, their
 * scores and custom attributes; queries with $filter, $select, $expand, $count and server-driven paging; a create
 * that the plugin pipeline scores; an update with the ETag and a 412 on a stale one; the Qualify action; and the
 * roles and row rules of /api/v1.
 */
class ODataIT {

    private static final String ROOT = Api.BASE + "/odata/v4";
    private static final String NS = "leadscore";

    private final Api sales = Api.as("sales");
    private final Api manager = Api.as("manager");

    private static ODataClient client(String user) {
        ODataClient client = ODataClientFactory.getClient();
        client.getConfiguration().setHttpClientFactory(new BasicAuthHttpClientFactory(user, user));
        return client;
    }

    private static Object value(ClientEntity e, String property) {
        ClientProperty p = e.getProperty(property);
        return p == null || p.hasNullValue() ? null : p.getPrimitiveValue().toValue();
    }

    @Test
    void metadataDescribesLeadsTheirScoresAndTheirCustomAttributes() {
        String attribute = "Visits In Person " + Api.unique("m").substring(2);
        sales.createLead("{'lastName':'Meta','attributes':{'" + attribute + "':3}}");
        ODataClient client = client("sales");
        Edm edm = client.getRetrieveRequestFactory().getMetadataRequest(ROOT).execute().getBody();

        EdmEntityType lead = edm.getEntityType(new FullQualifiedName(NS, "Lead"));
        assertNotNull(lead, "Lead entity type");
        assertEquals(List.of("id"), lead.getKeyPredicateNames());
        for (String p : List.of("lastName", "status", "externalSource", "externalId", "createdOn", "attributes")) {
            assertNotNull(lead.getProperty(p), p);
        }
        for (String n : List.of("account", "contact", "score", "history")) {
            assertNotNull(lead.getNavigationProperty(n), n);
        }
        EdmEntityType score = lead.getNavigationProperty("score").getType();
        for (String p : List.of("value", "grade", "trend", "modelId", "modelName", "scoredOn")) {
            assertNotNull(score.getProperty(p), "LeadScore." + p);
        }
        assertNotNull(score.getNavigationProperty("reasons"));
        // custom attributes are declared (Excel and Power BI show them as columns) under an OData-safe name
        EdmComplexType attributes = (EdmComplexType) lead.getProperty("attributes").getType();
        String property = attribute.replace(' ', '_').replace('-', '_');
        assertNotNull(attributes.getProperty(property), "attribute property " + property + " in " + attributes.getPropertyNames());
        assertEquals("Edm.Double", attributes.getProperty(property).getType().getFullQualifiedName().toString());
        EdmAction qualify = edm.getBoundAction(new FullQualifiedName(NS, "Qualify"), lead.getFullQualifiedName(), false);
        assertNotNull(qualify, "bound action Qualify");
        assertNotNull(edm.getEntityContainer().getEntitySet("Accounts"));
        assertNotNull(edm.getEntityContainer().getEntitySet("Contacts"));
    }

    @Test
    void queriesFilterSelectExpandCountAndPageThroughEveryMatch() {
        String topic = Api.unique("OData");
        String attribute = "Stand Visits " + Api.unique("q").substring(2);
        String property = attribute.replace(' ', '_').replace('-', '_');
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String id = sales.createLead("{'lastName':'Query" + i + "','topic':'" + topic + "','industry':'Retail',"
                    + "'attributes':{'" + attribute + "':" + i + "}}").getString("id");
            ids.add(id);
        }
        for (String id : ids) {
            sales.awaitScored(id);
        }
        ODataClient client = client("sales");
        URI first = client.newURIBuilder(ROOT).appendEntitySetSegment("Leads")
                .filter("topic eq '" + topic + "'").select("id,lastName").expand("score($select=value,grade)")
                .orderBy("lastName").count(true).build();
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        int pages = 0;
        URI next = first;
        while (next != null) {
            ODataEntitySetRequest<ClientEntitySet> request = client.getRetrieveRequestFactory().getEntitySetRequest(next);
            request.setPrefer(client.newPreferences().maxPageSize(2));
            ODataRetrieveResponse<ClientEntitySet> response = request.execute();
            assertEquals(200, response.getStatusCode());
            ClientEntitySet page = response.getBody();
            if (pages == 0) {
                assertEquals(5, page.getCount(), "$count");
            }
            assertTrue(page.getEntities().size() <= 2, "a page holds at most odata.maxpagesize");
            for (ClientEntity e : page.getEntities()) {
                seen.add((String) value(e, "id"));
                names.add((String) value(e, "lastName"));
                assertNull(e.getProperty("industry"), "$select leaves out what it does not name");
                ClientEntity score = e.getNavigationLink("score").asInlineEntity().getEntity();
                int v = ((Number) value(score, "value")).intValue();
                assertTrue(v >= 0 && v <= 100, "score " + v);
                assertTrue(Set.of("A", "B", "C", "D").contains((String) value(score, "grade")));
            }
            next = page.getNext();
            pages++;
        }
        assertEquals(ids, seen, "every match once, across the pages");
        assertEquals(3, pages);
        assertEquals(List.of("Query0", "Query1", "Query2", "Query3", "Query4"), names, "$orderby holds across pages");

        // a custom attribute filters under its OData name; $top with $skip
        URI byAttribute = client.newURIBuilder(ROOT).appendEntitySetSegment("Leads")
                .filter("topic eq '" + topic + "' and attributes/" + property + " ge 3").select("lastName")
                .orderBy("lastName desc").top(1).skip(1).build();
        ClientEntitySet one = client.getRetrieveRequestFactory().getEntitySetRequest(byAttribute).execute().getBody();
        assertEquals(1, one.getEntities().size());
        assertEquals("Query3", value(one.getEntities().get(0), "lastName"));
        assertNull(one.getNext(), "$top 1 asked for one: no next page");
    }

    @Test
    void createUpdateWithTheEtagAndQualifyGoThroughThePipeline() {
        ODataClient client = client("sales");
        var factory = client.getObjectFactory();
        ClientEntity lead = factory.newEntity(new FullQualifiedName(NS, "Lead"));
        lead.getProperties().add(factory.newPrimitiveProperty("lastName",
                factory.newPrimitiveValueBuilder().buildString("Olingo")));
        lead.getProperties().add(factory.newPrimitiveProperty("industry",
                factory.newPrimitiveValueBuilder().buildString("Finance")));
        URI leads = client.newURIBuilder(ROOT).appendEntitySetSegment("Leads").build();
        ODataEntityCreateRequest<ClientEntity> create = client.getCUDRequestFactory().getEntityCreateRequest(leads, lead);
        ODataEntityCreateResponse<ClientEntity> created = create.execute();
        assertEquals(201, created.getStatusCode());
        ClientEntity body = created.getBody();
        String id = (String) value(body, "id");
        assertEquals("sales", value(body, "ownerId"));
        assertEquals("OPEN", value(body, "status"));
        assertEquals("W/\"1\"", created.getETag());
        sales.awaitScored(id); // a Create through the plugin pipeline: the scoring plugin scored it

        URI one = client.newURIBuilder(ROOT).appendEntitySetSegment("Leads").appendKeySegment(id).build();
        ClientEntity read = client.getRetrieveRequestFactory().getEntityRequest(one).execute().getBody();
        String etag = read.getETag();
        assertNotNull(etag);
        ClientEntity patch = factory.newEntity(new FullQualifiedName(NS, "Lead"));
        patch.getProperties().add(factory.newPrimitiveProperty("city",
                factory.newPrimitiveValueBuilder().buildString("Oslo")));
        ODataEntityUpdateRequest<ClientEntity> update = client.getCUDRequestFactory()
                .getEntityUpdateRequest(one, UpdateType.PATCH, patch);
        update.setIfMatch(etag);
        ODataEntityUpdateResponse<ClientEntity> updated = update.execute();
        assertEquals(204, updated.getStatusCode());
        JsonObject rest = sales.get("/api/v1/leads/" + id).expect(200).json();
        assertEquals("Oslo", rest.getString("city"));
        assertEquals("Olingo", rest.getString("lastName"), "a PATCH keeps what it does not name");

        // the ETag read before the change is stale now: 412, and nothing written
        ODataEntityUpdateRequest<ClientEntity> stale = client.getCUDRequestFactory()
                .getEntityUpdateRequest(one, UpdateType.PATCH, patch);
        stale.setIfMatch(etag);
        ODataClientErrorException refused = assertThrows(ODataClientErrorException.class, stale::execute);
        assertEquals(412, refused.getStatusLine().getStatusCode());

        URI qualify = URI.create(one + "/" + NS + ".Qualify"); // a bound action: no parentheses
        ClientEntity qualified = client.getInvokeRequestFactory().getActionInvokeRequest(qualify, ClientEntity.class)
                .execute().getBody();
        assertEquals("QUALIFIED", value(qualified, "status"));
        assertNotNull(value(qualified, "closedOn"));
        assertEquals("QUALIFIED", sales.get("/api/v1/leads/" + id).expect(200).json().getString("status"));
        // closed: qualifying again is a conflict, as in /api/v1
        ODataClientErrorException again = assertThrows(ODataClientErrorException.class,
                () -> client.getInvokeRequestFactory().getActionInvokeRequest(qualify, ClientEntity.class).execute());
        assertEquals(409, again.getStatusLine().getStatusCode());
    }

    @Test
    void theRolesAndRowRulesOfTheApiHold() throws Exception {
        String managersLead = manager.createLead("{'lastName':'NotYours','ownerId':'manager'}").getString("id");
        // a Salesperson counts and reads only their own leads, as in /api/v1
        int restCount = sales.get("/api/v1/leads?top=0&count=true").expect(200).json().getInt("count");
        assertEquals(String.valueOf(restCount), raw("sales", "GET", "/Leads/$count", null).body());
        assertFalse(raw("sales", "GET", "/Leads('" + managersLead + "')", null).statusCode() == 200);
        assertEquals(200, raw("manager", "GET", "/Leads('" + managersLead + "')", null).statusCode());
        // an Operator has no CRM records; no credentials is a 401
        assertEquals(403, raw("operator", "GET", "/Leads", null).statusCode());
        assertEquals(401, send(HttpRequest.newBuilder(URI.create(ROOT + "/Leads")).GET()).statusCode());

        // bad input: OData error bodies naming the field; what the service cannot do is a 501, never a 500
        HttpResponse<String> bad = raw("sales", "POST", "/Leads", "{\"firstName\":\"NoLastName\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        JsonObject error = Api.parseObject(bad.body()).getJsonObject("error");
        assertEquals("lastName", error.getString("target"));
        HttpResponse<String> readOnly = raw("sales", "POST", "/Leads", "{\"lastName\":\"X\",\"version\":4}");
        assertEquals(400, readOnly.statusCode(), readOnly.body());
        assertEquals(400, raw("sales", "GET", "/Leads?$filter=" + Api.q("nosuch eq 1"), null).statusCode());
        assertEquals(501, raw("sales", "GET", "/Leads?$filter=" + Api.q("history/any(h:h/value gt 5)"), null)
                .statusCode());
        assertEquals(501, raw("sales", "GET", "/Leads?$search=x", null).statusCode());
        assertEquals(404, raw("sales", "GET", "/Leads('no-such-lead')", null).statusCode());

        // a change another site's page sends is refused, as in /api/v1
        HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(ROOT + "/Leads"))
                .header("Authorization", Api.basic("sales")).header("Content-Type", "application/json")
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString("{\"lastName\":\"Forged\"}")));
        assertEquals(403, forged.statusCode());
        assertEquals(0, manager.get("/api/v1/leads?top=0&count=true&filter=" + Api.q("lastName eq 'Forged'"))
                .expect(200).json().getInt("count"));
    }

    @Test
    void anAlternateKeyAddressesAndUpsertsALead() throws Exception {
        String key = Api.unique("OD");
        String address = "/Leads(externalSource='odata',externalId='" + key + "')";
        HttpResponse<String> created = raw("sales", "PATCH", address, "{\"lastName\":\"Alternate\",\"topic\":\"one\"}");
        assertEquals(201, created.statusCode(), created.body());
        String id = Api.parseObject(created.body()).getString("id");
        assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/odata/v4/Leads('" + id + "')"));
        HttpResponse<String> updated = raw("sales", "PATCH", address, "{\"topic\":\"two\"}");
        assertEquals(204, updated.statusCode(), updated.body());
        JsonObject read = Api.parseObject(raw("sales", "GET", address, null).body());
        assertEquals(id, read.getString("id"));
        assertEquals("two", read.getString("topic"));
        assertEquals("Alternate", read.getString("lastName"), "an upsert's update keeps what it does not name");
        assertEquals(id, sales.get("/api/v1/leads/by-key/odata/" + key).expect(200).json().getString("id"));
        assertEquals(1, manager.get("/api/v1/leads?top=0&count=true&filter=" + Api.q("externalId eq '" + key + "'"))
                .expect(200).json().getInt("count"), "one lead, not two");
        // the key must agree with the address; a key no lead has is a 404 for anything but an upsert
        assertEquals(400, raw("sales", "PATCH", address, "{\"externalId\":\"other\"}").statusCode());
        assertEquals(404, raw("sales", "GET", "/Leads(externalSource='odata',externalId='" + Api.unique("none") + "')",
                null).statusCode());
        HttpResponse<String> qualified = raw("sales", "POST", address + "/leadscore.Qualify", null);
        assertEquals(200, qualified.statusCode(), qualified.body());
        assertEquals("QUALIFIED", Api.parseObject(qualified.body()).getString("status"));
    }

    /** A $batch body: each part a request, a list of parts a change set; CRLF line ends, as multipart wants. */
    private static String batch(String boundary, List<Object> parts) {
        StringBuilder b = new StringBuilder();
        int contentId = 0;
        for (Object part : parts) {
            b.append("--").append(boundary).append("\n");
            if (part instanceof List<?> changeSet) {
                String cs = "changeset_" + contentId;
                b.append("Content-Type: multipart/mixed; boundary=").append(cs).append("\n\n");
                for (Object request : changeSet) {
                    b.append("--").append(cs).append("\n").append("Content-Type: application/http\n")
                            .append("Content-Transfer-Encoding: binary\nContent-ID: ").append(++contentId).append("\n\n")
                            .append(request).append("\n");
                }
                b.append("--").append(cs).append("--\n");
            } else {
                b.append("Content-Type: application/http\nContent-Transfer-Encoding: binary\n\n").append(part).append("\n");
            }
        }
        b.append("--").append(boundary).append("--\n");
        return b.toString().replace("\n", "\r\n");
    }

    private static String create(String json) {
        return "POST Leads HTTP/1.1\nContent-Type: application/json\nAccept: application/json\n\n" + json.replace('\'', '"');
    }

    private static HttpResponse<String> postBatch(String user, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(ROOT + "/$batch")).header("Authorization", Api.basic(user))
                .header("Content-Type", "multipart/mixed; boundary=batch_it")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void aBatchsChangeSetIsWrittenAllOrNothing() throws Exception {
        String topic = Api.unique("Batch");
        String count = "GET Leads?$filter=" + java.net.URLEncoder.encode("topic eq '" + topic + "'", StandardCharsets.UTF_8)
                .replace("+", "%20") + "&$count=true&$top=0 HTTP/1.1\nAccept: application/json\n\n";
        HttpResponse<String> written = postBatch("sales", batch("batch_it", List.of(
                List.of(create("{'lastName':'BatchA','topic':'" + topic + "'}"),
                        create("{'lastName':'BatchB','topic':'" + topic + "'}")),
                count)));
        assertEquals(200, written.statusCode(), written.body());
        assertTrue(written.headers().firstValue("Content-Type").orElse("").startsWith("multipart/mixed"));
        assertEquals(2, written.body().split("HTTP/1.1 201 Created", -1).length - 1, written.body());
        assertTrue(written.body().contains("\"@odata.count\":2"), written.body());

        // the second create of this change set is refused: the first is not written either, and the rest of the
        // batch still runs
        HttpResponse<String> refused = postBatch("sales", batch("batch_it", List.of(
                List.of(create("{'lastName':'BatchC','topic':'" + topic + "'}"),
                        create("{'firstName':'NoLastName','topic':'" + topic + "'}")),
                count)));
        assertEquals(200, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("HTTP/1.1 400"), refused.body());
        assertTrue(refused.body().contains("lastName"), "the problem names the field: " + refused.body());
        assertFalse(refused.body().contains("HTTP/1.1 201"), refused.body());
        assertTrue(refused.body().contains("\"@odata.count\":2"), "still two: " + refused.body());
        assertEquals(2, manager.get("/api/v1/leads?top=0&count=true&filter=" + Api.q("topic eq '" + topic + "'"))
                .expect(200).json().getInt("count"));

        // the same roles as a request of its own
        HttpResponse<String> operator = postBatch("operator", batch("batch_it", List.of(count)));
        assertEquals(403, operator.statusCode());
    }

    private static HttpResponse<String> raw(String user, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ROOT + path))
                .header("Authorization", Api.basic(user)).header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return Api.exchange(b.build());
    }
}
