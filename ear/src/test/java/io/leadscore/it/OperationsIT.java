package io.leadscore.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static io.leadscore.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an operator and a new user see: health, OpenAPI, metrics, and the demo organisation. */
class OperationsIT {

    @Test
    void readinessChecksTheDatabase() {
        JsonObject ready = Api.anonymous().get("/health/ready").expect(200).json();
        assertEquals("UP", ready.getString("status"));
        JsonObject database = ready.getJsonArray("checks").stream().map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
        assertTrue(database.getJsonObject("data").getString("product").matches("Apache Derby|PostgreSQL"), database.toString());
        assertEquals("UP", Api.anonymous().get("/health/live").expect(200).json().getString("status"));
    }

    @Test
    void theOpenApiDocumentDescribesTheLimits() {
        String doc = Api.anonymous().get("/openapi", "application/json").expect(200).body();
        assertTrue(doc.contains("/api/v1/leads/{id}/qualify"), "paths are documented");
        JsonObject lead = Api.anonymous().get("/openapi", "application/json").json()
                .getJsonObject("components").getJsonObject("schemas").getJsonObject("Lead").getJsonObject("properties");
        assertEquals(300, lead.getJsonObject("topic").getInt("maxLength"));
        assertEquals("email", lead.getJsonObject("email").getString("format"));
        assertTrue(lead.getJsonObject("createdOn").getBoolean("readOnly"));
        JsonObject post = Api.anonymous().get("/openapi", "application/json").json().getJsonObject("paths")
                .getJsonObject("/api/v1/leads").getJsonObject("post");
        assertTrue(post.toString().contains("#/components/schemas/Lead"), "the create body is the Lead schema");
        assertEquals(200, Api.anonymous().get("/openapi/ui/").status());
    }

    @Test
    void metricsAreServed() {
        Api.Reply r = Api.anonymous().get("/metrics");
        assertEquals(200, r.status());
        assertTrue(r.body().contains("jvm") || r.body().contains("base_"), "JVM metrics are exported");
        // once a lead has been scored, the save-to-score histogram of the system jobs
        Api sales = Api.as("sales");
        sales.awaitScored(sales.createLead("{'lastName':'Metrics'}").getString("id"));
        String app = Api.anonymous().get("/metrics?scope=application").expect(200).body();
        assertTrue(app.contains("systemJobs_saveToDone"), app);
        assertTrue(app.contains("systemJobs_queueDepth"), "the queue depth gauge: " + app);
    }

    @Test
    void theDemoOrganisationIsThere() {
        Api manager = Api.as("manager");
        JsonObject closed = manager.get("/api/v1/leads?top=0&count=true&filter=" + q("status ne 'OPEN'")).expect(200).json();
        assertTrue(closed.getInt("count") >= 6000, "closed demo leads: " + closed.getInt("count"));
        JsonObject accounts = manager.get("/api/v1/accounts?top=0&count=true").expect(200).json();
        assertTrue(accounts.getInt("count") >= 300);
        JsonObject processes = manager.get("/api/v1/leads?top=1&count=true&filter=" + q("businessProcess eq 'Partner'")).expect(200).json();
        assertTrue(processes.getInt("count") > 0);
        JsonObject mine = Api.as("sales").get("/api/v1/leads?view=my-open-scored&count=true&top=1").expect(200).json();
        assertTrue(mine.getInt("count") > 100, "the salesperson has open leads to work on");
    }
}
