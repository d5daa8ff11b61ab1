package io.leadscore.batch;

import io.leadscore.leadimport.CsvLeadRows;
import io.leadscore.leadimport.ImportService;
import io.leadscore.leadimport.LeadImport;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads an import's CSV file (Apache Commons CSV, RFC 4180, UTF-8) and maps each row to a lead or a rejection.
 * The checkpoint is the number of the last row read (1 is the first row after the header): a restart reads
 * on after it. A header that names no columns, or one twice, fails the import with that reason.
 */
@Named("csvLeadReader")
@Dependent
public class CsvLeadReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    private String importId;
    @EJB
    private ImportService imports;

    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private CsvLeadRows rows;
    private long row;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        LeadImport imp = imports.job(importId);
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(imports.file(importId)), decoder), 1 << 16);
        try {
            parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                    .setAllowMissingColumnNames(true).setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
                    .get().parse(in);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            in.close();
            throw new IllegalArgumentException("The file's header cannot be read: " + e.getMessage(), e);
        }
        List<String> header = parser.getHeaderNames();
        if (header.isEmpty()) {
            throw new IllegalArgumentException("The file has no header row");
        }
        rows = new CsvLeadRows(header, imp.defaultOwner(), imp.businessProcess());
        records = parser.iterator();
        long skip = checkpoint == null ? 0 : (Long) checkpoint;
        while (row < skip && next() != null) {
            // rows an earlier execution read and committed
        }
    }

    private CSVRecord next() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord r = records.next();
            row++;
            return r;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IllegalStateException("Row " + (row + 1) + " and what follows cannot be read as CSV: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    @Override
    public Object readItem() {
        CSVRecord r = next();
        if (r == null) {
            return null;
        }
        List<String> values = new ArrayList<>(r.size());
        r.forEach(values::add);
        return rows.map(row, values);
    }

    @Override
    public Serializable checkpointInfo() {
        return row;
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
    }
}
