package io.leadscore.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.leadscore.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input is a 4xx problem+json naming the field, and nothing is written. */
class BadInputIT {

    private final Api sales = Api.as("sales");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{'lastName':'MARK','email':'not-an-email'}|email",
            "{'lastName':'MARK','numberOfVisits':3}|numberOfVisits",
            "{'lastName':'MARK','topic':7}|topic",
            "{'lastName':'MARK','industry':['Finance']}|industry",
            "{'lastName':'MARK','status':'QUALIFIED'}|status",
            "{'lastName':'MARK','score':{'value':99}}|score",
            "{'lastName':'MARK','id':'00000000-0000-4000-8000-000000000000'}|id",
            "{'lastName':'MARK','createdOn':'2020-01-01T00:00:00Z'}|createdOn",
            "{'lastName':'MARK','accountId':'not-a-uuid'}|accountId",
            "{'lastName':'MARK','attributes':{'x':{'nested':1}}}|attributes/x",
            "{'lastName':'MARK','attributes':[1,2]}|attributes",
            "{'firstName':'MARK'}|lastName",
    })
    void aBadCreateNamesTheFieldAndWritesNothing(String body, String field) {
        String marker = Api.unique("Bad");
        sales.post("/api/v1/leads", body.replace("MARK", marker)).problemNaming(400, field);
        assertNothingNamed(marker);
    }

    @Test
    void overLongStringsAreRefusedWithTheLimit() {
        String marker = Api.unique("Long");
        JsonObject p = sales.post("/api/v1/leads", "{'lastName':'" + marker + "','topic':'" + "x".repeat(301) + "'}")
                .problemNaming(400, "topic");
        assertTrue(p.toString().contains("300"), p.toString());
        sales.post("/api/v1/leads", "{'lastName':'" + "x".repeat(101) + "'}").problemNaming(400, "lastName");
        assertNothingNamed(marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'lastName':", "not json", "[1,2]", "", "{'lastName':'x'}}", "{'lastName':'x'} {}"})
    void malformedBodiesAre400(String body) {
        sales.post("/api/v1/leads", body).problemNaming(400, "body");
    }

    @Test
    void deeplyNestedBodiesAre400BeforeTheyAreParsed() {
        String marker = Api.unique("Deep");
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        sales.post("/api/v1/leads", deep).problemNaming(400, "body");
        String deepAttribute = "{'lastName':'" + marker + "','attributes':{'a':" + "{'a':".repeat(5_000) + "1"
                + "}".repeat(5_000) + "}}";
        assertTrue(sales.post("/api/v1/leads", deepAttribute).problemNaming(400, "body").getString("detail", "")
                .length() < 300, "the problem does not echo the body");
        Api.as("admin").put("/api/v1/models/by-name/" + marker, deep).problemNaming(400, "body");
        // brackets inside strings are text, not nesting
        String id = sales.post("/api/v1/leads", "{'lastName':'" + marker + "','topic':'" + "[{".repeat(100) + "'}")
                .expect(201).json().getString("id");
        sales.delete("/api/v1/leads/" + id, null).expect(204);
        assertNothingNamed(marker);
    }

    @Test
    void invalidUtf8Is400() {
        byte[] bad = "{\"lastName\":\"x\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        sales.post("/api/v1/leads", "application/json", bad).problemNaming(400, "body");
    }

    @Test
    void bodiesOverOneMegabyteAre413() {
        String marker = Api.unique("Big");
        String big = "{'lastName':'" + marker + "','attributes':{'blob':'" + "x".repeat(1_100_000) + "'}}";
        sales.post("/api/v1/leads", big).problem(413);
        assertNothingNamed(marker);
    }

    @Test
    void wrongContentTypeIs415() {
        sales.post("/api/v1/leads", "text/plain", "{\"lastName\":\"x\"}".getBytes(StandardCharsets.UTF_8)).problem(415);
    }

    @ParameterizedTest(name = "PATCH {0}")
    @ValueSource(strings = {"id", "score", "createdOn", "version", "modifiedOn", "closedOn", "status"})
    void patchingReadOnlyFieldsIs400AndChangesNothing(String field) {
        JsonObject lead = sales.createLead("{'lastName':'ReadOnly','topic':'before'}");
        String path = "/api/v1/leads/" + lead.getString("id");
        JsonObject p = sales.patch(path, "{'topic':'after','" + field + "':null}").problemNaming(400, field);
        assertTrue(p.toString().contains("read-only"), p.toString());
        JsonObject after = sales.get(path).expect(200).json();
        assertEquals("before", after.getString("topic"));
        assertEquals(1, after.getInt("version"));
    }

    @Test
    void aBadPatchValueChangesNothing() {
        JsonObject lead = sales.createLead("{'lastName':'PatchMe','email':'ok@example.com'}");
        String path = "/api/v1/leads/" + lead.getString("id");
        sales.patch(path, "{'topic':'changed','email':'broken@'}").problemNaming(400, "email");
        sales.patch(path, "{'lastName':null}").problemNaming(400, "lastName");
        JsonObject after = sales.get(path).json();
        assertEquals("ok@example.com", after.getString("email"));
        assertEquals(1, after.getInt("version"));
    }

    @Test
    void filterSyntaxErrorsPointAtThePosition() {
        JsonObject p = sales.get("/api/v1/leads?filter=" + q("industry eq 'Finance' and")).problemNaming(400, "filter");
        assertTrue(p.toString().contains("position 26"), p.toString());
    }

    @Test
    void unknownFilterAttributesAreNamed() {
        JsonObject p = sales.get("/api/v1/leads?filter=" + q("revenue gt 5")).problemNaming(400, "filter");
        assertTrue(p.toString().contains("'revenue'"), p.toString());
        sales.get("/api/v1/leads?orderBy=" + q("revenue desc")).problemNaming(400, "orderBy");
    }

    @Test
    void unknownEnumValuesAndViewsAreNamed() {
        JsonObject p = sales.get("/api/v1/leads?filter=" + q("status eq 'WON'")).problemNaming(400, "filter");
        assertTrue(p.toString().contains("OPEN"), p.toString());
        sales.get("/api/v1/leads?view=everything").problemNaming(400, "view");
    }

    @ParameterizedTest
    @CsvSource({"top,5001", "top,-1", "top,many", "skip,-5", "count,maybe"})
    void pagingParametersAreChecked(String name, String value) {
        sales.get("/api/v1/leads?" + name + "=" + value).problemNaming(400, name);
    }

    @Test
    void aBadIfMatchIsNamed() {
        JsonObject lead = sales.createLead("{'lastName':'Etag'}");
        sales.patch("/api/v1/leads/" + lead.getString("id"), "{'topic':'x'}", "version one").problemNaming(400, "If-Match");
    }

    @Test
    void unknownResourcesAndMethodsAreProblems() {
        sales.get("/api/v1/nothing-here").problem(404);
        sales.get("/api/v1/leads/00000000-0000-4000-8000-000000000000").problem(404);
    }

    private void assertNothingNamed(String marker) {
        JsonObject list = Api.as("admin").get("/api/v1/leads?count=true&filter=" + q("lastName eq '" + marker + "'")).expect(200).json();
        assertEquals(0, list.getInt("count"), "nothing was written");
    }
}
