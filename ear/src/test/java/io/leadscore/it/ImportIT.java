package io.leadscore.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.leadscore.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV imports through the lead-import batch job: good rows imported and scored, every bad row reported. */
class ImportIT {

    private final Api sales = Api.as("sales");
    private final Api manager = Api.as("manager");

    private JsonObject awaitImport(Api api, String id) {
        return Api.await(java.time.Duration.ofSeconds(120), () -> api.get("/api/v1/imports/" + id).expect(200).json(),
                i -> !i.getString("status").matches("Waiting|Running"));
    }

    private String upload(Api api, String query, byte[] csv) {
        Api.Reply r = api.post("/api/v1/imports" + query, "text/csv", csv).expect(202);
        assertTrue(r.header("Location").endsWith(r.json().getString("id")));
        return r.json().getString("id");
    }

    private int count(String filter) {
        return manager.get("/api/v1/leads?top=0&count=true&filter=" + q(filter)).expect(200).json().getInt("count");
    }

    @Test
    void aClosedLeadNeedsADateAndOneDateIsEnough() {
        String run = Api.unique("Dates");
        String id = upload(sales, "", ("lastName,status,closedOn,createdOn\n" + run + " A,QUALIFIED,,\n"
                + run + " B,DISQUALIFIED,2025-03-01,\n" + run + " C,QUALIFIED,,2025-02-01\n").getBytes(StandardCharsets.UTF_8));
        JsonObject done = awaitImport(sales, id);
        assertEquals(2, done.getInt("rowsImported"), done.toString());
        assertEquals("closedOn: is required for a closed lead (when it was qualified or disqualified; or give its createdOn)",
                done.getJsonArray("errors").getJsonObject(0).getString("message"));
        JsonObject b = manager.get("/api/v1/leads?filter=" + q("lastName eq '" + run + " B'")).expect(200).json()
                .getJsonArray("value").getJsonObject(0);
        assertEquals("2025-03-01T00:00:00Z", b.getString("closedOn"));
        assertEquals("2025-03-01T00:00:00Z", b.getString("createdOn"), "created when it closed, not after");
    }

    @Test
    void anOpenLeadFromBeforeTheRescoreWindowSaysSoAndShowsItsScoringJob() {
        String run = Api.unique("Old");
        String id = upload(sales, "", ("lastName,createdOn\n" + run + ",2020-01-15\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, awaitImport(sales, id).getInt("rowsImported"));
        String lead = sales.get("/api/v1/leads?filter=" + q("lastName eq '" + run + "'")).expect(200).json()
                .getJsonArray("value").getJsonObject(0).getString("id");
        sales.awaitScored(lead); // scored when imported, like a new lead
        JsonObject why = sales.get("/api/v1/leads/" + lead + "/eligibility").expect(200).json();
        assertEquals("Succeeded", why.getJsonObject("scoringJob").getString("status"), why.toString());
        assertEquals(1, why.getJsonArray("notes").size(), why.toString());
        assertTrue(why.getJsonArray("notes").getString(0).startsWith("it was created on 2020-01-15, before the daily "
                + "rescore's window (the last 730 days)"), why.toString());
    }

    @Test
    void goodRowsAreImportedAndScoredAndEveryBadRowIsReportedWithItsReason() throws Exception {
        String run = Api.unique("Imp");
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.write(("Last Name,Email,Industry,TotalVisits,status,createdOn,closedOn\n"
                + run + " A,a@example.com,Finance,5,,,\n"                 // 1 imported, open
                + run + " B,not-an-email,Retail,3,,,\n"                   // 2 invalid email
                + run + " C,c@example.com\n"                              // 3 wrong column count
                + ",d@example.com,Retail,1,,,\n"                           // 4 missing last name
                + run + " E,e@example.com,Retail,two,MAYBE,,\n"            // 5 unknown status (TotalVisits 'two' is text)
                + run + " F,f@example.com,Retail,2,QUALIFIED,2025-01-10,2025-02-01\n" // 6 imported, closed history
                + run + " G,g@example.com,Retail,1,,yesterday,\n").getBytes(StandardCharsets.UTF_8)); // 7 bad date
        csv.write((run + " H,h@example.com,").getBytes(StandardCharsets.UTF_8));
        csv.write(new byte[]{'R', (byte) 0xff, (byte) 0xfe, 't', ',', '1', ',', ',', ',', '\n'});      // 8 invalid UTF-8
        String id = upload(sales, "?businessProcess=Standard", csv.toByteArray());

        JsonObject done = awaitImport(sales, id);
        assertEquals("Completed", done.getString("status"), done.toString());
        assertEquals(8, done.getInt("rowsRead"));
        assertEquals(2, done.getInt("rowsImported"));
        assertEquals(6, done.getInt("rowsRejected"));
        List<String> errors = done.getJsonArray("errors").stream().map(JsonValue::asJsonObject)
                .map(e -> e.getInt("row") + " " + e.getString("message")).toList();
        assertEquals(List.of("2 Email: is not a valid email address", "3 has 2 values; the header has 7 columns",
                "4 Last Name: is required", "5 status: must be OPEN, QUALIFIED or DISQUALIFIED, not 'MAYBE'",
                "7 createdOn: must be a date (2026-11-27) or an ISO-8601 instant, not 'yesterday'",
                "8 Industry: is not valid UTF-8"), errors);

        JsonObject open = sales.get("/api/v1/leads?filter=" + q("lastName eq '" + run + " A'")).expect(200).json()
                .getJsonArray("value").getJsonObject(0);
        assertEquals("Standard", open.getString("businessProcess"));
        assertEquals("sales", open.getString("ownerId"));
        assertEquals(5, open.getJsonObject("attributes").getInt("TotalVisits"));
        sales.awaitScored(open.getString("id")); // imported open leads are scored like new ones
        assertEquals("W/\"1\"", sales.get("/api/v1/leads/" + open.getString("id")).expect(200).header("ETag"),
                "written in bulk at version 1, as a lead created alone");
        JsonObject closed = sales.get("/api/v1/leads?filter=" + q("lastName eq '" + run + " F'")).expect(200).json()
                .getJsonArray("value").getJsonObject(0);
        assertEquals("QUALIFIED", closed.getString("status"));
        assertEquals("2025-01-10T00:00:00Z", closed.getString("createdOn"));
        assertEquals("2025-02-01T00:00:00Z", closed.getString("closedOn"));
        assertEquals(2, count("startswith(lastName, '" + run + "')"), "nothing else was written");
        java.nio.file.Path file = Server.WLP.resolve("usr/servers/" + Server.NAME + "/imports/" + id + ".csv");
        assertTrue(!java.nio.file.Files.exists(file), "a completed import's file is deleted: " + file);
        assertTrue(java.nio.file.Files.isDirectory(file.getParent()), "where import files are kept: " + file.getParent());
    }

    @Test
    void aHeaderThatNamesAColumnTwiceFailsTheImportWithTheReason() {
        String id = upload(sales, "", "email,lastName,Email\na@b.example,X,c@d.example\n".getBytes(StandardCharsets.UTF_8));
        JsonObject failed = awaitImport(sales, id);
        assertEquals("Failed", failed.getString("status"));
        assertEquals("The header names 'Email' twice (as email)", failed.getString("error"));
        assertEquals(0, failed.getInt("rowsImported"));
    }

    @Test
    void aFileOverOneMegabyteIsImported() {
        StringBuilder csv = new StringBuilder("lastName,attributes/Padding\n");
        String run = Api.unique("Big");
        String padding = "x".repeat(900);
        for (int i = 0; i < 2000; i++) {
            csv.append(run).append(',').append(padding).append('\n');
        }
        String id = upload(manager, "", csv.toString().getBytes(StandardCharsets.UTF_8));
        JsonObject done = awaitImport(manager, id);
        assertEquals("Completed", done.getString("status"), done.toString());
        assertEquals(2000, done.getInt("rowsImported"));
        assertEquals(2000, count("lastName eq '" + run + "'"));
    }

    @Test
    void whoMayImportWhatAndBadRequests() {
        byte[] one = "lastName\nX\n".getBytes(StandardCharsets.UTF_8);
        sales.post("/api/v1/imports?owner=manager", "text/csv", one).problemNaming(403, "owner");
        Api.as("operator").post("/api/v1/imports", "text/csv", one).problem(403);
        sales.post("/api/v1/imports", "text/csv", new byte[0]).problemNaming(400, "body");
        sales.post("/api/v1/imports", "application/json", "{}".getBytes(StandardCharsets.UTF_8)).problem(415);
        String id = upload(manager, "?owner=sales", one);
        assertEquals("Completed", awaitImport(manager, id).getString("status"));
        Api.as("sales").get("/api/v1/imports/" + id).problem(404); // the manager's import
        Api.as("operator").get("/api/v1/imports/" + id).expect(200);
    }

    @Test
    void aFileOverOneHundredMegabytesIsRefused() {
        byte[] row = "x,y,z,w,v,u,t,s,r,q\n".getBytes(StandardCharsets.UTF_8);
        long size = 100L * 1024 * 1024 + 1024;
        Api.Reply r = sales.post("/api/v1/imports", "text/csv", java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.InputStream() {
                    long sent;

                    @Override
                    public int read() {
                        return sent++ < size ? row[(int) (sent % row.length)] : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (sent >= size) {
                            return -1;
                        }
                        int n = (int) Math.min(len, size - sent);
                        for (int i = 0; i < n; i++) {
                            b[off + i] = row[(int) ((sent + i) % row.length)];
                        }
                        sent += n;
                        return n;
                    }
                }));
        assertEquals(413, r.status(), r.body());
        assertTrue(r.body().contains("100 MB"), "refused by the import's own limit, not the 1 MB one of JSON bodies: " + r.body());
    }
}
