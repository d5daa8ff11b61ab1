package io.leadscore.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.leadscore.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Accounts and contacts: the same verbs as leads, shared by the sales team. */
class AccountsContactsApiIT {

    private final Api sales = Api.as("sales");
    private final Api manager = Api.as("manager");

    @Test
    void accountsHaveTheFullLifeCycle() {
        String name = Api.unique("Contoso");
        Api.Reply created = sales.post("/api/v1/accounts", "{'name':'" + name + "','industry':'Retail','country':'UK',"
                + "'numberOfEmployees':250,'annualRevenue':1250000.50,'attributes':{'Tier':'Gold'}}").expect(201);
        JsonObject a = created.json();
        assertEquals("W/\"1\"", created.header("ETag"));
        assertEquals(new BigDecimal("1250000.50"), a.getJsonNumber("annualRevenue").bigDecimalValue());
        assertEquals("Gold", a.getJsonObject("attributes").getString("Tier"));
        String path = "/api/v1/accounts/" + a.getString("id");

        JsonObject patched = sales.patch(path, "{'numberOfEmployees':300}", "W/\"1\"").expect(200).json();
        assertEquals(300, patched.getInt("numberOfEmployees"));
        assertEquals("Retail", patched.getString("industry"));

        JsonObject list = sales.get("/api/v1/accounts?count=true&filter=" + q("name eq '" + name + "' and numberOfEmployees ge 300"))
                .expect(200).json();
        assertEquals(1, list.getInt("count"));

        sales.delete(path, null).problem(403);
        manager.delete(path, "W/\"1\"").problem(412);
        manager.delete(path, "W/\"2\"").expect(204);
        sales.get(path).problem(404);
    }

    @Test
    void contactsBelongToAccountsAndOutliveThem() {
        String name = Api.unique("Fabrikam");
        JsonObject account = sales.post("/api/v1/accounts", "{'name':'" + name + "'}").expect(201).json();
        JsonObject contact = sales.post("/api/v1/contacts", "{'firstName':'Grace','lastName':'Hopper','email':'grace@fabrikam.example',"
                + "'jobTitle':'Buyer','accountId':'" + account.getString("id") + "'}").expect(201).json();
        JsonObject lead = sales.createLead("{'lastName':'Hopper','accountId':'" + account.getString("id") + "'}");

        JsonObject byAccount = sales.get("/api/v1/contacts?filter=" + q("account/name eq '" + name + "'")).expect(200).json();
        assertEquals(contact.getString("id"), byAccount.getJsonArray("value").getJsonObject(0).getString("id"));

        manager.delete("/api/v1/accounts/" + account.getString("id"), null).expect(204);
        assertEquals(JsonValue.NULL, sales.get("/api/v1/contacts/" + contact.getString("id")).expect(200).json().get("accountId"));
        assertEquals(JsonValue.NULL, sales.get("/api/v1/leads/" + lead.getString("id")).expect(200).json().get("accountId"));

        String contactPath = "/api/v1/contacts/" + contact.getString("id");
        assertEquals("Director", sales.patch(contactPath, "{'jobTitle':'Director'}").expect(200).json().getString("jobTitle"));
        manager.delete(contactPath, null).expect(204);
        sales.get(contactPath).problem(404);
    }

    @Test
    void aReferenceToAMissingAccountIsRefused() {
        sales.post("/api/v1/contacts", "{'lastName':'Nobody','accountId':'00000000-0000-4000-8000-000000000000'}")
                .problemNaming(400, "accountId");
        sales.post("/api/v1/leads", "{'lastName':'Nobody','contactId':'00000000-0000-4000-8000-000000000000'}")
                .problemNaming(400, "contactId");
    }
}
