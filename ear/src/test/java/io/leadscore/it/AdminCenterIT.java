package io.leadscore.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An operator signs in to Liberty's Admin Center and finds a rescore in the Job Manager. */
class AdminCenterIT {

    @Test
    void anOperatorSeesTheRescoreInTheJobManager() throws Exception {
        Api operator = Api.as("operator");
        long id = operator.post("/api/v1/rescore", "{}").expect(202).json().getJsonNumber("executionId").longValue();
        JsonObject done = Api.await(Duration.ofMinutes(2), () -> operator.get("/api/v1/rescore/" + id).expect(200).json(),
                e -> !e.getString("batchStatus").matches("STARTING|STARTED|STOPPING"));
        assertEquals("COMPLETED", done.getString("batchStatus"));
        String https = Api.BATCH.replace("/ibm/api/batch", "");
        try (Browser b = new Browser(1280, 900)) {
            b.driver.get(https + "/adminCenter/");
            b.screenshot("19-admin-center-sign-in");
            b.type(By.id("j_username"), "operator");
            b.type(By.id("j_password"), "operator");
            b.find(By.id("loginButton")).click();
            b.until(d -> d.getCurrentUrl().contains("/adminCenter/") && !d.getCurrentUrl().contains("login") ? true : null);
            b.screenshot("20-admin-center-toolbox");
            b.driver.get(https + "/ibm/adminCenter/javaBatch-1.0/");
            b.until(d -> d.getPageSource().contains("lead-rescore") ? true : null);
            b.until(d -> d.getPageSource().contains(String.valueOf(id)) ? true : null);
            b.screenshot("21-admin-center-job-manager");
        }
    }
}
