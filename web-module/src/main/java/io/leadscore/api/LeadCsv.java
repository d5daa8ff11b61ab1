package io.leadscore.api;

import io.leadscore.common.FieldDef;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadSchema;
import io.leadscore.lead.LeadScore;
import io.leadscore.leadimport.CsvLeadRows;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Leads as CSV (Apache Commons CSV, RFC 4180): the fields of API.md, the score's value, grade, trend and time,
 * then one {@code attributes/<name>} column per custom attribute — the columns an import reads back. Text that a
 * spreadsheet would run as a formula is escaped ({@link CsvLeadRows#escaped}), as the import reads it back.
 */
final class LeadCsv implements AutoCloseable {

    static final List<String> SCORE_COLUMNS = List.of("score/value", "score/grade", "score/trend", "score/scoredOn");

    private final CSVPrinter out;
    private final List<String> attributes;

    LeadCsv(Writer writer, List<String> attributes) throws IOException {
        this.attributes = attributes;
        List<String> header = new ArrayList<>();
        LeadSchema.LEAD.fields().forEach(f -> header.add(f.name()));
        header.addAll(SCORE_COLUMNS);
        attributes.forEach(a -> header.add("attributes/" + a));
        this.out = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .setRecordSeparator("\r\n").get());
    }

    void print(List<Lead> leads) {
        try {
            for (Lead lead : leads) {
                List<Object> row = new ArrayList<>();
                for (FieldDef f : LeadSchema.LEAD.fields()) {
                    row.add(text(lead.field(f.name())));
                }
                LeadScore s = lead.score();
                row.add(s == null ? null : s.value());
                row.add(s == null ? null : s.grade());
                row.add(s == null ? null : s.trend().name());
                row.add(s == null ? null : s.scoredOn().toString());
                Map<String, Object> values = lead.attributeValues();
                for (String a : attributes) {
                    row.add(text(values.get(a)));
                }
                out.printRecord(row);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("The client stopped reading the export", e);
        }
    }

    private static Object text(Object v) {
        if (v instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        return v == null ? null : v instanceof CharSequence t ? CsvLeadRows.escaped(t.toString()) : v.toString();
    }

    @Override
    public void close() throws IOException {
        out.close(true);
    }
}
