package io.leadscore.it;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static io.leadscore.it.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/leads with Accept: text/csv: the same rows as the list, with score, grade, trend and attributes. */
class ExportIT {

    private final Api sales = Api.as("sales");
    private final Api manager = Api.as("manager");

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))) {
            return p.getRecords();
        }
    }

    @Test
    void theExportHasTheListsRowsWithScoresAndAttributes() throws IOException {
        String name = Api.unique("Export");
        String id = sales.createLead("{'lastName':'" + name + "','industry':'Finance','attributes':{'TotalVisits':7,'Note':'a, \\\"quoted\\\" value'}}")
                .getString("id");
        sales.awaitScored(id);
        Api.Reply r = sales.get("/api/v1/leads?filter=" + q("lastName eq '" + name + "'"), "text/csv").expect(200);
        assertTrue(r.contentType().startsWith("text/csv"), r.contentType());
        assertTrue(r.header("Content-Disposition").contains("leads.csv"));
        List<CSVRecord> rows = parse(r.body());
        assertEquals(1, rows.size());
        CSVRecord row = rows.get(0);
        assertEquals(id, row.get("id"));
        assertEquals("Finance", row.get("industry"));
        assertEquals("7", row.get("attributes/TotalVisits"));
        assertEquals("a, \"quoted\" value", row.get("attributes/Note"));
        int score = Integer.parseInt(row.get("score/value"));
        assertTrue(score >= 0 && score <= 100);
        assertTrue(row.get("score/grade").matches("[ABCD]"));
        assertFalse(row.get("score/trend").isEmpty());
    }

    @Test
    void textASpreadsheetWouldRunAsAFormulaIsEscapedAndAnImportReadsItBack() throws IOException {
        String name = Api.unique("Formula");
        sales.createLead("{'lastName':'" + name + "','topic':'=HYPERLINK(\\\"http://evil.example\\\")',"
                + "'phone':'+44 20 0000 0000','attributes':{'Note':'@SUM(A1)','Delta':-3}}");
        String csv = sales.get("/api/v1/leads?filter=" + q("lastName eq '" + name + "'"), "text/csv").expect(200).body();
        CSVRecord row = parse(csv).get(0);
        assertEquals("'=HYPERLINK(\"http://evil.example\")", row.get("topic"));
        assertEquals("'+44 20 0000 0000", row.get("phone"));
        assertEquals("'@SUM(A1)", row.get("attributes/Note"));
        assertEquals("-3", row.get("attributes/Delta"), "numbers are numbers, not formulas");

        // the exported file imported again gives the same values
        String again = Api.unique("Again");
        String imported = csv.replace(name, again);
        String id = sales.post("/api/v1/imports", "text/csv", imported.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .expect(202).json().getString("id");
        Api.await(java.time.Duration.ofSeconds(120), () -> sales.get("/api/v1/imports/" + id).expect(200).json(),
                i -> i.getString("status").equals("Completed"));
        jakarta.json.JsonObject lead = sales.get("/api/v1/leads?filter=" + q("lastName eq '" + again + "'")).expect(200)
                .json().getJsonArray("value").getJsonObject(0);
        assertEquals("=HYPERLINK(\"http://evil.example\")", lead.getString("topic"));
        assertEquals("+44 20 0000 0000", lead.getString("phone"));
        assertEquals("@SUM(A1)", lead.getJsonObject("attributes").getString("Note"));
    }

    @Test
    void theExportHonoursTheFilterTheOrderAndWhatTheCallerMaySee() throws IOException {
        String filter = "status eq 'OPEN' and industry eq 'Finance'";
        int count = manager.get("/api/v1/leads?top=0&count=true&filter=" + q(filter)).expect(200).json().getInt("count");
        List<CSVRecord> all = parse(manager.get("/api/v1/leads?orderBy=" + q("score/value desc") + "&filter=" + q(filter), "text/csv")
                .expect(200).body());
        assertEquals(count, all.size(), "every row, not one page");
        for (int i = 1; i < all.size(); i++) {
            String a = all.get(i - 1).get("score/value");
            String b = all.get(i).get("score/value");
            assertTrue(a.isEmpty() || b.isEmpty() || Integer.parseInt(a) >= Integer.parseInt(b), "ordered by score");
        }
        // every lead, over many batches (each read in its own transaction, continuing after the last row): each once, in order
        int total = manager.get("/api/v1/leads?top=0&count=true").expect(200).json().getInt("count");
        assertTrue(total > 2000, "the demo's leads span several batches: " + total);
        List<CSVRecord> every = parse(manager.get("/api/v1/leads?orderBy=" + q("createdOn desc"), "text/csv").expect(200).body());
        assertEquals(total, every.size());
        assertEquals(total, every.stream().map(rec -> rec.get("id")).distinct().count(), "no lead twice");
        for (int i = 1; i < every.size(); i++) {
            assertFalse(java.time.Instant.parse(every.get(i - 1).get("createdOn"))
                    .isBefore(java.time.Instant.parse(every.get(i).get("createdOn"))), "newest first");
        }
        List<CSVRecord> mine = parse(sales.get("/api/v1/leads", "text/csv").expect(200).body());
        assertTrue(mine.stream().allMatch(rec -> rec.get("ownerId").equals("sales")), "a salesperson exports their own leads");
        sales.get("/api/v1/leads?filter=" + q("nope eq 1"), "text/csv").problemNaming(400, "filter");
    }
}
