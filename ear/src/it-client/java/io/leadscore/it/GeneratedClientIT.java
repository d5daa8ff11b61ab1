package io.leadscore.it;

import io.leadscore.client.ApiClient;
import io.leadscore.client.ApiException;
import io.leadscore.client.api.LeadsApi;
import io.leadscore.client.model.BulkCall;
import io.leadscore.client.model.BulkResult;
import io.leadscore.client.model.BulkResultResultsInner;
import io.leadscore.client.model.Lead;
import io.leadscore.client.model.LeadChanges;
import io.leadscore.client.model.LeadPage;
import io.leadscore.client.model.ScoreDetails;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17: a client that openapi-generator (Java, the JDK's HTTP client) generated from this server's own
 * {@code /openapi} document during the build works as an integrator would use it: typed calls, typed answers.
 * The build generates it after the test server starts (ear/pom.xml, profile generated-client), so a document
 * the generator cannot use, or answers that do not match the document, turn this test red.
 */
class GeneratedClientIT {

    private static LeadsApi leadsAs(String user) {
        URI base = URI.create(Api.BASE);
        ApiClient client = new ApiClient();
        client.setScheme(base.getScheme());
        client.setHost(base.getHost());
        client.setPort(base.getPort());
        client.setBasePath("");
        client.setRequestInterceptor(request -> request.header("Authorization", Api.basic(user)));
        return new LeadsApi(client);
    }

    private final LeadsApi sales = leadsAs("sales");

    @Test
    void createsALeadListsItWithAFilterAndReadsItsScore() throws ApiException {
        String company = Api.unique("Generated");
        Lead lead = new Lead();
        lead.setLastName("Client");
        lead.setFirstName("Gen");
        lead.setCompanyName(company);
        lead.setIndustry("Finance");
        lead.setSource("Web");
        lead.setAttributes(Map.of("budget", 25000));
        Lead created = sales.postLeads(lead);
        assertNotNull(created.getId());
        assertEquals(Lead.StatusEnum.OPEN, created.getStatus());
        assertEquals("sales", created.getOwnerId());
        assertEquals(1, created.getVersion());

        LeadPage page = sales.getLeads(LeadsApi.APIGetLeadsRequest.newBuilder()
                .filter("companyName eq '" + company + "'").count(true).build());
        assertEquals(1, page.getCount());
        assertEquals(created.getId(), page.getValue().get(0).getId());
        assertEquals("Client", page.getValue().get(0).getLastName());

        // the demo's published model scores it through a system job, moments after the create
        String id = created.getId().toString();
        ScoreDetails score = Api.await(Duration.ofSeconds(60), () -> score(id), s -> s != null && s.getValue() != null);
        assertTrue(score.getValue() >= 0 && score.getValue() <= 100, "score " + score.getValue());
        assertEquals(score.getValue() >= 75 ? "A" : score.getValue() >= 50 ? "B" : score.getValue() >= 25 ? "C" : "D",
                score.getGrade());
        assertEquals("Default", score.getModelName());
        assertNotNull(score.getScoredOn());
        assertTrue(score.getPositive().size() + score.getNegative().size() > 0, "reasons behind the score");
        assertEquals(score.getValue(), sales.getLeadsById(id).getScore().getValue());
    }

    private ScoreDetails score(String id) {
        try {
            return sales.getLeadsByIdScore(id, false);
        } catch (ApiException notYet) {
            if (notYet.getCode() != 404) throw new AssertionError(notYet.getResponseBody(), notYet);
            return null;
        }
    }

    @Test
    void patchesUpsertsByKeyAndSendsABulkCall() throws ApiException {
        Lead created = sales.postLeads(new Lead().lastName("Patched").topic("first"));
        String id = created.getId().toString();
        Lead patched = sales.patchLeadsById(id, new LeadChanges().topic("second"), "W/\"" + created.getVersion() + "\"");
        assertEquals("second", patched.getTopic());
        assertEquals("Patched", patched.getLastName());
        ApiException stale = assertThrows(ApiException.class,
                () -> sales.patchLeadsById(id, new LeadChanges().topic("third"), "W/\"" + created.getVersion() + "\""));
        assertEquals(412, stale.getCode());

        String key = Api.unique("G");
        Lead upserted = sales.putLeadsByKeyByExternalSourceByExternalId(key, "crm", new LeadChanges().lastName("Keyed"), null);
        Lead again = sales.putLeadsByKeyByExternalSourceByExternalId(key, "crm", new LeadChanges().topic("by key"), null);
        assertEquals(upserted.getId(), again.getId());
        assertEquals("Keyed", again.getLastName());
        assertEquals("by key", sales.getLeadsByKeyByExternalSourceByExternalId(key, "crm").getTopic());

        String first = Api.unique("B1"), second = Api.unique("B2");
        BulkCall call = new BulkCall().mode(BulkCall.ModeEnum.UPSERT).atomic(false).records(List.of(
                new LeadChanges().externalSource("crm").externalId(key).topic("bulk"),
                new LeadChanges().externalSource("crm").externalId(first).lastName("Bulk"),
                new LeadChanges().externalSource("crm").externalId(second)));
        BulkResult result = sales.postLeadsBulk(call);
        assertEquals(1, result.getCreated());
        assertEquals(1, result.getUpdated());
        assertEquals(1, result.getFailed());
        List<BulkResultResultsInner> rows = result.getResults();
        assertEquals(200, rows.get(0).getStatus());
        assertEquals(upserted.getId().toString(), rows.get(0).getId());
        assertEquals(201, rows.get(1).getStatus());
        assertEquals(400, rows.get(2).getStatus()); // a new lead needs its last name
        assertNull(rows.get(2).getId());
        assertTrue(rows.get(2).getProblem().getErrors().stream().anyMatch(e -> "lastName".equals(e.getField())),
                String.valueOf(rows.get(2).getProblem()));
        assertEquals("bulk", sales.getLeadsByKeyByExternalSourceByExternalId(key, "crm").getTopic());
    }

    @Test
    void refusalsAndBadInputArriveAsTheDocumentSays() {
        ApiException missing = assertThrows(ApiException.class, () -> sales.postLeads(new Lead().firstName("NoLastName")));
        assertEquals(400, missing.getCode());
        assertTrue(missing.getResponseBody().contains("lastName"), missing.getResponseBody());
        assertTrue(missing.getResponseHeaders().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

        ApiException operator = assertThrows(ApiException.class,
                () -> leadsAs("operator").getLeads(LeadsApi.APIGetLeadsRequest.newBuilder().build()));
        assertEquals(403, operator.getCode());
    }
}
