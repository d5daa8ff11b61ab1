package io.leadscore.leadimport;

import io.leadscore.lead.LeadStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How an import reads a CSV row: columns to fields or attributes, history, and every reason to reject. */
class CsvLeadRowsTest {

    private static final List<String> HEADER = List.of("Last Name", "E-mail", "industry", "TotalVisits", "Newsletter",
            "status", "createdOn", "closedOn", "attributes/Lead Origin", "score/value", "id");

    private final CsvLeadRows rows = new CsvLeadRows(HEADER, null, "Standard");

    private CsvLeadRows.Row map(String... values) {
        return rows.map(7, List.of(values));
    }

    @Test
    void columnsMapToFieldsWhateverTheirCaseAndTheRestToTypedAttributes() {
        CsvLeadRows.Row row = map("Lovelace", "ada@example.com", "Finance", "5", "TRUE", "", "", "", "Web", "88", "x");
        assertNull(row.rejection(), row.rejection());
        assertEquals(7, row.number());
        assertEquals("Lovelace", row.input().text("lastName"));
        assertEquals("ada@example.com", row.input().text("email"));
        assertEquals("Standard", row.input().text("businessProcess"), "the import's default business process");
        assertEquals(5.0, row.input().attributes().get("TotalVisits"));
        assertEquals(Boolean.TRUE, row.input().attributes().get("Newsletter"));
        assertEquals("Web", row.input().attributes().get("Lead Origin"));
        assertTrue(!row.input().attributes().containsKey("score/value") && !row.input().attributes().containsKey("id"),
                "an export's score and id columns are not imported");
        assertEquals(LeadStatus.OPEN, row.history().status());
    }

    @Test
    void closedHistoryIsKeptForTraining() {
        CsvLeadRows.Row row = map("Hopper", "", "", "", "", "qualified", "2025-01-10", "2025-02-01T12:00:00Z", "", "", "");
        assertNull(row.rejection(), row.rejection());
        assertEquals(LeadStatus.QUALIFIED, row.history().status());
        assertEquals(Instant.parse("2025-01-10T00:00:00Z"), row.history().createdOn());
        assertEquals(Instant.parse("2025-02-01T12:00:00Z"), row.history().closedOn());
        CsvLeadRows.Row noClose = map("Hopper", "", "", "", "", "DISQUALIFIED", "2025-01-10", "", "", "", "");
        assertEquals(Instant.parse("2025-01-10T00:00:00Z"), noClose.history().closedOn(), "closed when created, if not said");
        CsvLeadRows.Row noCreate = map("Hopper", "", "", "", "", "QUALIFIED", "", "2025-02-01", "", "", "");
        assertEquals(Instant.parse("2025-02-01T00:00:00Z"), noCreate.history().createdOn(), "created when closed, if not said");
        assertEquals(Instant.parse("2025-02-01T00:00:00Z"), noCreate.history().closedOn());
    }

    @Test
    void cellsAnExportEscapedAgainstFormulasReadAsTheyWere() {
        assertEquals("=1+2", CsvLeadRows.unescaped("'=1+2"));
        assertEquals("+44 20 0000 0000", CsvLeadRows.unescaped("'+44 20 0000 0000"));
        assertEquals("@home", CsvLeadRows.unescaped("'@home"));
        assertEquals("'quoted'", CsvLeadRows.unescaped("'quoted'"), "an apostrophe before anything else stays");
        assertEquals("'", CsvLeadRows.unescaped("'"));
    }

    @Test
    void aClosedLeadWithoutAnyDateIsRejectedSayingWhichIsNeeded() {
        assertEquals("closedOn: is required for a closed lead (when it was qualified or disqualified; or give its createdOn)",
                map("Hopper", "", "", "", "", "QUALIFIED", "", "", "", "", "").rejection());
        assertEquals("closedOn: is in the future", map("L", "", "", "", "", "DISQUALIFIED", "", "2999-01-01", "", "", "").rejection());
    }

    @Test
    void everyReasonToRejectARowIsGivenWithItsColumn() {
        assertEquals("E-mail: is not a valid email address", map("L", "nope", "", "", "", "", "", "", "", "", "").rejection());
        assertEquals("Last Name: is required", map("", "a@b.example", "", "", "", "", "", "", "", "", "").rejection());
        assertEquals("has 2 values; the header has 11 columns", rows.map(3, List.of("a", "b")).rejection());
        assertEquals("status: must be OPEN, QUALIFIED or DISQUALIFIED, not 'MAYBE'",
                map("L", "", "", "", "", "MAYBE", "", "", "", "", "").rejection());
        assertTrue(map("L", "", "", "", "", "", "yesterday", "", "", "", "").rejection().startsWith("createdOn: must be a date"));
        assertEquals("createdOn: is in the future", map("L", "", "", "", "", "", "2999-01-01", "", "", "", "").rejection());
        assertEquals("closedOn: an open lead has no closedOn", map("L", "", "", "", "", "OPEN", "", "2025-01-01", "", "", "").rejection());
        assertEquals("closedOn: is before createdOn",
                map("L", "", "", "", "", "QUALIFIED", "2025-02-01", "2025-01-01", "", "", "").rejection());
        assertEquals("Last Name: is not valid UTF-8", map("Lo\uFFFDvelace", "", "", "", "", "", "", "", "", "", "").rejection());
        assertEquals("industry: must be at most 100 characters", map("L", "", "x".repeat(101), "", "", "", "", "", "", "", "").rejection());
    }

    @Test
    void aHeaderWithoutANameOrWithOneTwiceIsRefused() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new CsvLeadRows(List.of("email", "Email"), null, null));
        assertEquals("The header names 'Email' twice (as email)", twice.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new CsvLeadRows(List.of("lastName", " "), null, null));
        assertEquals("Column 2 of the header has no name", empty.getMessage());
    }

    @Test
    void theAlternateKeyIsBothColumnsOrNeitherAndWhatTheRowLeftOutIsKnown() {
        CsvLeadRows keyed = new CsvLeadRows(List.of("External Source", "externalId", "lastName", "status"), "sales", null);
        CsvLeadRows.Row row = keyed.map(1, List.of("crm", "42", "Lovelace", ""));
        assertNull(row.rejection(), row.rejection());
        assertArrayEquals(new String[] {"crm", "42"}, row.key());
        // what an update by key leaves as the lead has it: the import's default owner and process, an absent status
        assertEquals(java.util.Set.of("ownerId", "businessProcess", "status"), row.defaulted());

        CsvLeadRows.Row half = keyed.map(2, List.of("", "42", "Lovelace", "OPEN"));
        assertTrue(half.rejection().startsWith("External Source: is required with externalId"), half.rejection());
        assertNull(keyed.map(3, List.of("", "", "Hopper", "OPEN")).key(), "no key: a plain create");
        assertEquals(java.util.Set.of("ownerId", "businessProcess"), keyed.map(4, List.of("crm", "43", "Hopper", "OPEN"))
                .defaulted());
    }
}
