package io.leadscore.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.leadscore.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP Basic, the four roles of API.md, and a Salesperson's user-level access to leads. */
class SecurityIT {

    private final Api sales = Api.as("sales");
    private final Api manager = Api.as("manager");

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/leads", "/api/v1/accounts", "/api/v1/contacts"})
    void withoutCredentialsTheAnswerIs401WithAChallenge(String path) {
        Api.Reply r = Api.anonymous().get(path);
        assertEquals(401, r.status());
        assertTrue(r.header("WWW-Authenticate").startsWith("Basic"));
        assertEquals(401, Api.as("wrong").get(path).status(), "a wrong password is refused too");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/leads", "/api/v1/accounts", "/api/v1/contacts"})
    void anOperatorMayNotTouchCrmRecords(String path) {
        Api.as("operator").get(path).problem(403);
        Api.as("operator").post(path, "{'lastName':'x','name':'x'}").problem(403);
    }

    @Test
    void aSalespersonSeesAndChangesOnlyTheirOwnLeads() {
        JsonObject managers = manager.createLead("{'lastName':'ManagersLead'}");
        String path = "/api/v1/leads/" + managers.getString("id");
        sales.get(path).problem(404);
        sales.patch(path, "{'topic':'mine now'}").problem(404);
        sales.post(path + "/qualify").problem(404);
        sales.delete(path, null).problem(404);
        assertEquals("OPEN", manager.get(path).expect(200).json().getString("status"), "nothing changed");

        JsonObject list = sales.get("/api/v1/leads?top=5000&filter=" + q("ownerId ne 'sales'")).expect(200).json();
        assertEquals(0, list.getJsonArray("value").size());
        JsonObject managersList = manager.get("/api/v1/leads?count=true&filter=" + q("ownerId ne 'manager'")).expect(200).json();
        assertTrue(managersList.getInt("count") > 0, "a manager sees everyone's leads");
        Api.as("admin").get(path).expect(200);
    }

    @Test
    void ownerDefaultsToTheCallerAndOnlyManagersAssignToOthers() {
        sales.post("/api/v1/leads", "{'lastName':'Assign','ownerId':'manager'}").problemNaming(403, "ownerId");
        JsonObject assigned = manager.createLead("{'lastName':'Assigned','ownerId':'sales'}");
        assertEquals("sales", assigned.getString("ownerId"));
        JsonObject seen = sales.get("/api/v1/leads/" + assigned.getString("id")).expect(200).json();
        sales.patch("/api/v1/leads/" + seen.getString("id"), "{'ownerId':'admin'}").problemNaming(403, "ownerId");
        assertEquals("sales", sales.get("/api/v1/leads/" + seen.getString("id")).json().getString("ownerId"));
    }

    @Test
    void healthAndOpenApiNeedNoCredentials() {
        assertEquals(200, Api.anonymous().get("/health/ready").status());
        assertEquals(200, Api.anonymous().get("/openapi").status());
    }
}
