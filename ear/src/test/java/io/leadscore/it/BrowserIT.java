package io.leadscore.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI in Debian's Chromium: a salesperson's "My Open Leads Scored" and lead form with the score widget,
 * details and About tab; sorting, filtering and paging; editing and qualifying; what each role's navigation
 * offers; phone width. Screenshots in target/screenshots.
 */
class BrowserIT {

    private static final By ROWS = By.cssSelector("main tbody tr");
    private static final Set<String> TRENDS = Set.of("Improving", "Declining", "Steady", "Not enough info");

    private static List<Integer> scores(Browser b) {
        return b.all(By.cssSelector("main tbody tr td:first-child")).stream().map(WebElement::getText)
                .filter(t -> t.matches("\\d+")).map(Integer::valueOf).toList();
    }

    private static String status(Browser b) {
        return b.find(By.cssSelector("main p[aria-live]")).getText();
    }

    private static void awaitLoaded(Browser b) {
        b.until(d -> status(b).matches("\\d+–\\d+ of \\d+ leads") ? true : null);
    }

    @Test
    void aSalespersonSeesTheirOpenLeadsByScoreAndWhyALeadScoresAsItDoes() throws Exception {
        try (Browser b = new Browser(1280, 800)) {
            b.open("/");
            b.type(By.id("username"), "sales");
            b.type(By.id("password"), "wrong");
            b.find(By.cssSelector("form.signin button[type=submit]")).click();
            assertEquals("Wrong user name or password", b.find(By.cssSelector("form.signin [role=alert]")).getText());
            b.screenshot("01-sign-in-refused");
            b.consoleErrors(); // the refused sign-in's 401 is expected there

            b.signIn("sales");
            b.until(d -> d.findElement(By.tagName("h1")).getText().equals("My Open Leads Scored") ? true : null);
            awaitLoaded(b);
            List<String> nav = b.all(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
            assertEquals(List.of("My Open Leads Scored", "Import"), nav, "a salesperson is offered their leads and imports");
            List<Integer> scores = scores(b);
            assertEquals(25, b.all(ROWS).size(), "a page of 25");
            assertEquals(25, scores.size(), "every demo lead of the view is scored: " + scores);
            for (int i = 1; i < scores.size(); i++) {
                assertTrue(scores.get(i - 1) >= scores.get(i), "best first: " + scores);
            }
            for (WebElement row : b.all(ROWS)) {
                WebElement grade = row.findElement(By.cssSelector(".grade"));
                assertTrue(grade.getText().matches("[ABCD]"), grade.getText());
                assertTrue(grade.getAttribute("class").contains("grade-" + grade.getText()), "colour and letter agree");
                assertTrue(TRENDS.contains(row.findElement(By.cssSelector(".trend")).getText().substring(1).strip()),
                        row.findElement(By.cssSelector(".trend")).getText());
            }
            b.screenshot("02-my-open-leads-scored");

            String name = b.all(ROWS).get(0).findElement(By.cssSelector("a")).getText();
            int listed = scores.get(0);
            b.all(ROWS).get(0).findElement(By.cssSelector("a")).click();
            // the list's heading is replaced by the lead's: wait for it rather than read the one going away
            b.until(d -> d.findElement(By.tagName("h1")).getText().startsWith(name) ? true : null);
            assertEquals(String.valueOf(listed), b.find(By.id("score-value")).getText(), "the widget shows the listed score");
            List<WebElement> raising = b.all(By.cssSelector(".reasons.positive li"));
            List<WebElement> lowering = b.all(By.cssSelector(".reasons.negative li"));
            assertTrue(raising.size() + lowering.size() > 0 && raising.size() <= 5 && lowering.size() <= 5,
                    raising.size() + " up, " + lowering.size() + " down");
            WebElement first = raising.isEmpty() ? lowering.get(0) : raising.get(0);
            WebElement tip = first.findElement(By.cssSelector(".tip"));
            assertFalse(tip.isDisplayed(), "insights hide until asked for");
            new Actions(b.driver).moveToElement(first).perform();
            b.until(d -> tip.isDisplayed() ? true : null);
            assertTrue(tip.getText().contains("closed lead"), "the insight: " + tip.getText());
            b.screenshot("03-lead-score-widget-tooltip");
            new Actions(b.driver).moveToElement(b.find(By.tagName("h1"))).perform();
            b.until(d -> tip.isDisplayed() ? null : true);
            b.js("arguments[0].focus()", first);
            b.until(d -> tip.isDisplayed() ? true : null); // keyboard users get it on focus

            b.find(By.id("details")).click();
            b.find(By.id("details-title"));
            long points = (Long) b.until(d -> b.js("const c = window.Chart && Chart.getChart('history-chart');"
                    + "return c ? c.data.datasets[0].data.length : null;"));
            int history = Api.as("sales").get("/api/v1/leads/" + b.driver.getCurrentUrl().replaceAll(".*#/lead/", "")
                    + "/score-history").expect(200).array().size();
            assertEquals(history, points, "the graph has a point per score in the history");
            assertTrue(b.all(By.cssSelector(".pane tbody tr")).size() >= raising.size() + lowering.size());
            b.screenshot("04-details-history-graph");
            b.find(By.id("close-details")).sendKeys(Keys.ESCAPE);
            b.until(d -> d.findElements(By.cssSelector(".pane")).isEmpty() ? true : null);

            b.find(By.id("tab-about-button")).click();
            b.until(d -> d.findElements(By.cssSelector("#tab-about tbody tr")).size() > 3 ? true : null);
            assertTrue(b.find(By.cssSelector("#tab-about")).getText().contains("Grades of"));
            b.screenshot("05-about-tab");
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @Test
    void leadsSortFilterAndPageOnTheServer() throws Exception {
        try (Browser b = new Browser(1280, 800)) {
            b.signIn("manager");
            b.find(By.cssSelector("#nav a[href='#/leads/all']")).click();
            b.until(d -> b.find(By.tagName("h1")).getText().equals("All leads") ? true : null);
            awaitLoaded(b);
            String total = status(b).replaceAll(".* of ", "");
            b.find(By.xpath("//th/button[starts-with(., 'Score')]")).click(); // best first → worst first
            b.until(d -> b.find(By.xpath("//th[@aria-sort='ascending']")) != null ? true : null);
            awaitLoaded(b);
            List<Integer> ascending = scores(b);
            for (int i = 1; i < ascending.size(); i++) {
                assertTrue(ascending.get(i - 1) <= ascending.get(i), "worst first: " + ascending);
            }
            b.find(By.xpath("//button[contains(., 'Next')]")).click();
            b.until(d -> status(b).startsWith("26–50 of ") ? true : null);

            new org.openqa.selenium.support.ui.Select(b.find(By.id("grade"))).selectByValue("A");
            b.until(d -> d.findElements(By.cssSelector("main tbody .grade")).stream().allMatch(g -> g.getText().equals("A"))
                    && status(b).startsWith("1–") ? true : null);
            assertFalse(status(b).endsWith(" of " + total), "fewer leads of grade A than in all");

            b.type(By.id("filter"), "industry eq");
            b.find(By.id("filter")).sendKeys(Keys.ENTER);
            String error = b.find(By.cssSelector("main p.error[role=alert]")).getText();
            assertTrue(error.contains("position"), "a syntax error points at the position: " + error);
            b.screenshot("06-all-leads-filter-error");
            b.type(By.id("filter"), "industry eq 'Finance'");
            b.find(By.id("filter")).sendKeys(Keys.ENTER);
            b.until(d -> d.findElements(By.cssSelector("main p.error[role=alert]")).stream()
                    .allMatch(e -> e.getText().isEmpty()) ? true : null);
            awaitLoaded(b);
            b.consoleErrors(); // the refused filter's 400 is expected there
        }
    }

    @Test
    void aSalespersonEditsAndQualifiesALead() throws Exception {
        Api sales = Api.as("sales");
        JsonObject lead = sales.createLead("{'lastName':'Browser','firstName':'Bea','companyName':'Fabrikam',"
                + "'industry':'Energy','source':'Web'}");
        String id = lead.getString("id");
        sales.awaitScored(id);
        try (Browser b = new Browser(1280, 800)) {
            b.signIn("sales");
            b.open("/#/lead/" + id);
            b.find(By.id("score-value"));
            b.type(By.id("f-jobTitle"), "Head of Purchasing");
            b.find(By.xpath("//button[.='Save']")).click();
            assertTrue(b.find(By.cssSelector("main p.ok")).getText().startsWith("Saved"));
            assertEquals("Head of Purchasing", sales.get("/api/v1/leads/" + id).expect(200).json().getString("jobTitle"));
            b.screenshot("07-lead-form-saved");

            b.find(By.xpath("//button[.='Qualify']")).click();
            b.until(d -> b.find(By.cssSelector("h1 .status")).getText().equals("QUALIFIED") ? true : null);
            assertEquals("QUALIFIED", sales.get("/api/v1/leads/" + id).expect(200).json().getString("status"));
            assertTrue(b.all(By.xpath("//button[.='Save']")).isEmpty(), "a closed lead is read-only");
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @Test
    void anOperatorIsOfferedOperationsAndStartsARescore() throws Exception {
        try (Browser b = new Browser(1280, 800)) {
            b.signIn("operator");
            assertEquals(List.of("System jobs", "Plugin steps", "Operations"), b.all(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList());
            b.find(By.xpath("//button[starts-with(., 'Rescore')]")).click();
            String done = b.until(d -> {
                String t = b.find(By.cssSelector("main [aria-live] p")).getText();
                return t.contains("COMPLETED") || t.contains("FAILED") ? t : null;
            });
            assertTrue(done.matches("Execution \\d+: COMPLETED — \\d+ leads read, \\d+ new scores; ranges finished by "
                    + "\\S+ \\d+(, \\S+ \\d+)*"), done);
            b.screenshot("08-operations-rescore");
            b.open("/#/leads");
            b.until(d -> d.findElement(By.tagName("h1")).getText().equals("Not here") ? true : null); // no CRM records for operators
            b.find(By.id("sign-out")).click();
            b.find(By.id("username"));
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @Test
    void atPhoneWidthTheListAndTheWidgetFit() throws Exception {
        try (Browser b = new Browser(390, 844)) {
            b.signIn("sales");
            awaitLoaded(b);
            assertTrue((Boolean) b.js("return document.documentElement.scrollWidth <= window.innerWidth"),
                    "no sideways scrolling of the page");
            b.screenshot("09-phone-list");
            b.all(ROWS).get(0).findElement(By.cssSelector("a")).click();
            b.find(By.id("score-value"));
            assertTrue((Boolean) b.js("return document.documentElement.scrollWidth <= window.innerWidth"));
            b.screenshot("10-phone-lead");
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @Test
    void theModelEditorKeepsEveryAttributeAsItCameAndShowsPathsNoLeadHas() throws Exception {
        Api admin = Api.as("admin");
        String name = Api.unique("Kept");
        jakarta.json.JsonObject deployed = admin.put("/api/v1/models/by-name/" + name, "{'attributes':['source',"
                + "{'path':'account/numberOfEmployees','ignoreEmpty':true},'attributes/NoLeadHasThis'],'priority':-10}")
                .expect(201).json();
        String id = deployed.getString("id");
        try (Browser b = new Browser(1280, 900)) {
            b.signIn("admin");
            b.open("/#/models/" + id);
            b.until(d -> d.findElement(By.tagName("h1")).getText().equals(name) ? true : null);
            String unknown = b.find(By.cssSelector("label[for='attr-attributes/NoLeadHasThis']")).getText();
            assertTrue(unknown.contains("no lead has it now"), unknown);
            assertTrue(b.find(By.id("attr-attributes/NoLeadHasThis")).isSelected());
            String kept = b.find(By.cssSelector("label[for='attr-account/numberOfEmployees']")).getText();
            assertTrue(kept.contains("empty values ignored"), kept);
            b.screenshot("14-model-editor-kept-attributes");
            b.type(By.id("m-priority"), "-9");
            b.find(By.id("attr-jobTitle")).click();
            b.find(By.id("save-model")).click();
            b.until(d -> d.findElements(By.cssSelector("main p.ok")).stream()
                    .anyMatch(m -> m.getText().startsWith("Saved")) ? true : null);
        }
        jakarta.json.JsonObject saved = admin.get("/api/v1/models/" + id).expect(200).json();
        assertEquals(-9, saved.getInt("priority"));
        jakarta.json.JsonArray attributes = saved.getJsonArray("attributes");
        assertEquals(4, attributes.size(), attributes.toString());
        assertEquals(deployed.getJsonArray("attributes"), attributes.subList(0, 3), "the configuration's own, as they came");
        assertEquals("jobTitle", attributes.getString(3));
        admin.delete("/api/v1/models/" + id, null).expect(204);
    }

    @Test
    void allLeadsShowsClosedLeadsOnRequest() throws Exception {
        int qualified = Api.as("manager").get("/api/v1/leads?top=0&count=true&filter=" + Api.q("status eq 'QUALIFIED'"))
                .expect(200).json().getInt("count");
        try (Browser b = new Browser(1280, 800)) {
            b.signIn("manager");
            b.find(By.cssSelector("#nav a[href='#/leads/all']")).click();
            b.until(d -> b.find(By.tagName("h1")).getText().equals("All leads") ? true : null);
            awaitLoaded(b);
            assertEquals("OPEN", new org.openqa.selenium.support.ui.Select(b.find(By.id("status")))
                    .getFirstSelectedOption().getAttribute("value"), "open leads by default");
            new org.openqa.selenium.support.ui.Select(b.find(By.id("status"))).selectByValue("QUALIFIED");
            b.until(d -> status(b).endsWith(" of " + qualified + " leads") ? true : null);
            b.screenshot("07-all-leads-qualified");
        }
    }

    @Test
    void anAdministratorConfiguresTrainsPublishesAndInspectsAModel() throws Exception {
        String name = Api.unique("Browser model");
        try (Browser b = new Browser(1280, 900)) {
            b.signIn("admin");
            b.find(By.cssSelector("#nav a[href='#/models']")).click();
            b.until(d -> d.findElements(By.xpath("//tbody/tr[td[1]='Default']/td[2][.='PUBLISHED']")).isEmpty() ? null : true);
            b.screenshot("11-models");

            b.find(By.xpath("//a[.='New model']")).click();
            b.type(By.id("m-name"), name);
            b.type(By.id("m-priority"), "-10"); // below the demo model: the leads keep their scores
            b.type(By.id("m-filter"), "industry eq");
            String error = b.until(d -> {
                String t = d.findElement(By.id("m-filter-error")).getText();
                return t.isEmpty() ? null : t;
            });
            assertTrue(error.contains("position"), "live validation points at the error: " + error);
            b.type(By.id("m-filter"), "industry eq 'Healthcare'");
            String selects = b.until(d -> {
                String t = d.findElement(By.id("m-filter-hint")).getText();
                return t.startsWith("Selects ") ? t : null;
            });
            assertTrue(selects.matches("Selects [1-9]\\d* leads.*"), selects);
            for (String path : List.of("source", "jobTitle", "email", "attributes/TotalVisits", "attributes/TimeOnWebsite")) {
                b.type(By.id("attr-search"), path.replace("attributes/", ""));
                b.find(By.id("attr-" + path)).click();
            }
            b.find(By.id("save-model")).click();
            b.until(d -> d.getCurrentUrl().matches(".*#/models/[0-9a-f-]{36}$") ? true : null);
            b.until(d -> d.findElement(By.tagName("h1")).getText().equals(name) ? true : null);

            b.find(By.id("train")).click();
            String trained = b.until(d -> {
                List<WebElement> m = d.findElements(By.cssSelector("main p.ok"));
                return m.isEmpty() || !m.get(0).getText().startsWith("Trained") ? null : m.get(0).getText();
            });
            assertTrue(trained.matches("Trained version 1: AUC 0\\.\\d{3}\\."), trained);
            b.find(By.xpath("//button[.='Publish']")).click();
            b.until(d -> d.findElements(By.cssSelector(".status-PUBLISHED")).isEmpty() ? null : true);
            assertEquals("v1 (published)", b.find(By.cssSelector("table.versions tbody tr td div")).getText());
            b.screenshot("12-model-trained-published");

            // a second version, published, then a roll back to the first
            b.find(By.id("train")).click();
            b.until(d -> d.findElements(By.cssSelector("main p.ok")).stream()
                    .anyMatch(m -> m.getText().startsWith("Trained version 2")) ? true : null);
            b.find(By.xpath("//button[.='Publish']")).click();
            b.find(By.xpath("//table[contains(@class,'versions')]//tr[td/div[.='v2 (published)']]"));
            b.find(By.xpath("//table[contains(@class,'versions')]//tr[td/div[.='v1']]//button[.='Roll back to it']")).click();
            b.find(By.xpath("//table[contains(@class,'versions')]//tr[td/div[.='v1 (published)']]"));
            assertEquals(1, Api.as("admin").get("/api/v1/models").expect(200).json().getJsonArray("value").stream()
                    .map(v -> v.asJsonObject()).filter(m -> m.getString("name").equals(name)).findFirst().orElseThrow()
                    .getInt("publishedVersion"));

            b.find(By.xpath("//tr[td/div[.='v1 (published)']]//a[.='Quality']")).click();
            long rocPoints = (Long) b.until(d -> b.js("const c = window.Chart && Chart.getChart('roc-chart');"
                    + "return c ? c.data.datasets[0].data.length : null;"));
            assertTrue(rocPoints > 2, "an ROC curve, not a line: " + rocPoints);
            assertTrue((Long) b.js("return Chart.getChart('calibration-chart').data.datasets[0].data.length;") > 1);
            List<Integer> cells = b.all(By.cssSelector("table.confusion td.num")).stream()
                    .map(e -> Integer.valueOf(e.getText())).toList();
            assertEquals(4, cells.size());
            assertTrue(cells.stream().mapToInt(Integer::intValue).sum() > 0);
            // what the network that scores learned from: networks and trees, as the version's metrics say
            assertTrue(b.find(By.id("teachers")).getText().matches(
                    ".*learned from networks( and gradient-boosted trees)? .*\\(\\d+ rounds\\).*|.*\\(\\d+ rounds\\) predicted .*"),
                    b.find(By.id("teachers")).getText());
            b.screenshot("13-model-quality");

            b.driver.navigate().back();
            b.find(By.xpath("//button[.='Unpublish']")).click();
            b.driver.switchTo().alert().accept();
            b.until(d -> d.findElements(By.cssSelector(".status-RETIRED")).isEmpty() ? null : true);
            assertEquals(List.of(), b.consoleErrors().stream().filter(e -> !e.contains("400")).toList(),
                    "nothing but the refused filter's 400");
        }
    }

    @Test
    void aSalespersonImportsACsvAndReadsTheRejectedRows() throws Exception {
        String name = Api.unique("Imported");
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("leads", ".csv");
        java.nio.file.Files.writeString(csv, "Last Name,Email,Company Name,TotalVisits\n"
                + name + ",a@example.com,Contoso,3\n"
                + name + ",not-an-email,Contoso,4\n"
                + name + ",c@example.com,Fabrikam,5\n");
        try (Browser b = new Browser(1280, 800)) {
            b.signIn("sales");
            b.find(By.cssSelector("#nav a[href='#/import']")).click();
            b.find(By.id("csv-file")).sendKeys(csv.toAbsolutePath().toString());
            b.type(By.id("csv-bp"), "Standard");
            b.find(By.id("start-import")).click();
            String done = b.until(d -> {
                String t = d.findElement(By.id("import-progress")).getText();
                return t.startsWith("Import completed") ? t : null;
            });
            assertEquals("Import completed: 3 rows read, 2 imported, 1 rejected", done);
            List<WebElement> rejected = b.all(By.cssSelector("#rejected tbody tr"));
            assertEquals(1, rejected.size());
            assertEquals("2", rejected.get(0).findElement(By.cssSelector("td")).getText());
            assertTrue(rejected.get(0).getText().contains("email"), rejected.get(0).getText());
            b.screenshot("14-import-rejected-rows");
            assertEquals(2, Api.as("sales").get("/api/v1/leads?count=true&top=0&filter=" + Api.q("lastName eq '" + name + "'"))
                    .expect(200).json().getInt("count"));
            assertEquals(List.of(), b.consoleErrors());
        } finally {
            java.nio.file.Files.deleteIfExists(csv);
        }
    }

    @Test
    void operatorsRetryAFailedSystemJobAndAdministratorsDisableAPluginStep() throws Exception {
        java.nio.file.Path jar = Server.SAMPLE_PLUGIN_JAR;
        Api admin = Api.as("admin");
        Api operator = Api.as("operator");
        SamplePluginJar.build(jar);
        String stepId = null;
        try {
            Api.await(java.time.Duration.ofSeconds(60), () -> admin.get("/api/v1/plugins").expect(200).json().getJsonArray("value")
                    .stream().anyMatch(p -> p.asJsonObject().getString("name").equals("FlakyPlugin")), loaded -> loaded);
            stepId = admin.post("/api/v1/plugin-steps", "{'plugin':'FlakyPlugin','message':'Create','entity':'lead',"
                    + "'stage':'PostOperation','mode':'Asynchronous','rank':3}").expect(201).json().getString("id");
            String lead = Api.as("sales").createLead("{'lastName':'" + Api.unique("Failing") + "','attributes':{'failTimes':5}}")
                    .getString("id");
            String jobsOfLead = "/api/v1/system-jobs?filter=" + Api.q("entityId eq '" + lead + "' and plugin eq 'FlakyPlugin'");
            Api.await(java.time.Duration.ofSeconds(90), () -> operator.get(jobsOfLead).expect(200).json().getJsonArray("value"),
                    v -> v.size() == 1 && v.getJsonObject(0).getString("status").equals("Failed"));

            try (Browser b = new Browser(1280, 800)) {
                b.signIn("operator");
                b.find(By.cssSelector("#nav a[href='#/system-jobs']")).click();
                WebElement row = b.find(By.xpath("//tbody/tr[td[3]='" + lead + "']"));
                assertTrue(row.getText().contains("flaky: call 5 of 5"), row.getText());
                b.screenshot("15-system-jobs-failed");
                row.findElement(By.xpath(".//button[.='Retry']")).click();
                assertTrue(b.find(By.cssSelector("main p.ok")).getText().startsWith("Retrying"));
                Api.await(java.time.Duration.ofSeconds(60), () -> operator.get(jobsOfLead).expect(200).json().getJsonArray("value"),
                        v -> v.getJsonObject(0).getString("status").equals("Succeeded"));
                new org.openqa.selenium.support.ui.Select(b.find(By.id("job-status"))).selectByValue("Succeeded");
                b.find(By.xpath("//tbody/tr[td[3]='" + lead + "' and td[1]='FlakyPlugin']"));

                b.find(By.cssSelector("#nav a[href='#/plugin-steps']")).click();
                WebElement flaky = b.find(By.xpath("//tbody/tr[td[1]='FlakyPlugin' and td[2]='Create lead']"));
                assertFalse(flaky.findElement(By.cssSelector("input")).isEnabled(), "operators only read the steps");
                assertTrue(flaky.findElements(By.tagName("button")).isEmpty());
                assertEquals(List.of(), b.consoleErrors());
            }
            try (Browser b = new Browser(1280, 800)) {
                b.signIn("admin");
                b.find(By.cssSelector("#nav a[href='#/plugin-steps']")).click();
                b.find(By.xpath("//tbody/tr[td[1]='FlakyPlugin' and td[2]='Create lead']//button[.='Disable']")).click();
                b.find(By.xpath("//tbody/tr[td[1]='FlakyPlugin' and td[2]='Create lead']/td[7][.='Disabled']"));
                assertFalse(admin.get("/api/v1/plugin-steps/" + stepId).expect(200).json().getBoolean("enabled"));
                b.screenshot("16-plugin-steps");
                WebElement rank = b.find(By.xpath("//tbody/tr[td[1]='FlakyPlugin' and td[2]='Create lead']//input"));
                rank.sendKeys(Keys.chord(Keys.CONTROL, "a"), "7", Keys.TAB);
                b.find(By.xpath("//main//p[contains(., 'rank 7')]"));
                assertEquals(7, admin.get("/api/v1/plugin-steps/" + stepId).expect(200).json().getInt("rank"));
                assertEquals(List.of(), b.consoleErrors());
            }
        } finally {
            if (stepId != null) {
                admin.delete("/api/v1/plugin-steps/" + stepId, null);
            }
            java.nio.file.Files.deleteIfExists(jar);
            admin.get("/api/v1/plugins").expect(200);
        }
    }
}
