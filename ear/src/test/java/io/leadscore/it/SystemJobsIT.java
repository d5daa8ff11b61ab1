package io.leadscore.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadscore.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real-time scoring through the LeadScoringPlugin's system jobs, and the system jobs API. */
class SystemJobsIT {

    private final Api sales = Api.as("sales");
    private final Api operator = Api.as("operator");

    private List<JsonObject> jobsOf(String leadId) {
        return operator.get("/api/v1/system-jobs?orderBy=" + q("createdOn asc") + "&filter=" + q("entityId eq '" + leadId + "'"))
                .expect(200).json().getJsonArray("value").stream().map(JsonValue::asJsonObject).toList();
    }

    private List<JsonObject> awaitJobs(String leadId, int count) {
        return Api.await(java.time.Duration.ofSeconds(60), () -> jobsOf(leadId),
                jobs -> jobs.size() >= count && jobs.stream().allMatch(j -> j.getString("status").equals("Succeeded")));
    }

    @Test
    void aNewLeadIsScoredBySystemJobAndOnlyRelevantChangesRescoreIt() {
        JsonObject lead = sales.createLead("{'lastName':'Realtime','industry':'Retail','source':'Web'}");
        String id = lead.getString("id");
        JsonObject scored = sales.awaitScored(id);
        List<JsonObject> jobs = awaitJobs(id, 1);
        assertEquals(1, jobs.size());
        JsonObject job = jobs.get(0);
        assertEquals("LeadScoringPlugin", job.getString("plugin"));
        assertEquals("Create", job.getString("message"));
        assertEquals(1, job.getInt("attempts"));
        assertEquals(JsonValue.NULL, job.get("error"));
        assertFalse(job.isNull("completedOn"));
        assertEquals(job, operator.get("/api/v1/system-jobs/" + job.getString("id")).expect(200).json());

        // the topic is no input of the published model: no job; the industry is: a job, and a new score
        sales.patch("/api/v1/leads/" + id, "{'topic':'Chairs'}").expect(200);
        sales.patch("/api/v1/leads/" + id, "{'industry':'Finance'}").expect(200);
        List<JsonObject> after = awaitJobs(id, 2);
        assertEquals(2, after.size(), after.toString());
        assertEquals("Update", after.get(1).getString("message"));
        JsonObject rescored = sales.awaitLead(id, l -> !l.getJsonObject("score").getString("scoredOn")
                .equals(scored.getJsonObject("score").getString("scoredOn")) || jobsOf(id).size() == 2);
        assertTrue(rescored.getJsonObject("score").getInt("value") >= 0);

        // a closed lead is not scored again: qualifying starts no job
        sales.post("/api/v1/leads/" + id + "/qualify").expect(200);
        assertEquals(2, jobsOf(id).size());
    }

    @Test
    void leadsSavedAtOnceByTwoUsersAreEachScoredByOneSucceededJob() throws Exception {
        Api manager = Api.as("manager");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<String>> created = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Api who = i % 2 == 0 ? sales : manager;
            String industry = i % 3 == 0 ? "Retail" : "Finance";
            created.add(pool.submit(() -> who.createLead("{'lastName':'AtOnce','industry':'" + industry + "'}").getString("id")));
        }
        try {
            for (int i = 0; i < created.size(); i++) {
                String id = created.get(i).get();
                Api owner = i % 2 == 0 ? sales : manager;
                assertTrue(owner.awaitScored(id).getJsonObject("score").getInt("value") >= 0);
                List<JsonObject> jobs = awaitJobs(id, 1);
                assertEquals(1, jobs.size(), jobs.toString());
                assertEquals(1, jobs.get(0).getInt("attempts"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void jobsAreListedFilteredRetriedAndCanceledByOperators() {
        String id = sales.createLead("{'lastName':'Jobs'}").getString("id");
        JsonObject job = awaitJobs(id, 1).get(0);
        operator.post("/api/v1/system-jobs/" + job.getString("id") + "/cancel").problem(409);
        operator.post("/api/v1/system-jobs/" + job.getString("id") + "/retry").problem(409);
        operator.get("/api/v1/system-jobs/01a21d18-0000-7000-8000-000000000000").problem(404);
        JsonObject failed = operator.get("/api/v1/system-jobs?count=true&filter=" + q("status eq 'Failed'")).expect(200).json();
        assertEquals(0, failed.getInt("count"), failed.toString());
        operator.get("/api/v1/system-jobs?filter=" + q("status eq 'Lost'")).problemNaming(400, "filter");
        sales.get("/api/v1/system-jobs").problem(403);
        Api.as("admin").get("/api/v1/system-jobs?top=1").expect(200);
    }
}
