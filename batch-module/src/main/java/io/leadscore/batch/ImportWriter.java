package io.leadscore.batch;

import io.leadscore.leadimport.CsvLeadRows;
import io.leadscore.leadimport.ImportService;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.List;

/** Writes a chunk of imported rows through the lead service's pipeline (ImportService: exactly once per row). */
@Named("importWriter")
@Dependent
public class ImportWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    private String importId;
    @EJB
    private ImportService imports;

    @Override
    public void writeItems(List<Object> items) {
        List<CsvLeadRows.Row> rows = new ArrayList<>(items.size());
        items.forEach(i -> rows.add((CsvLeadRows.Row) i));
        imports.write(importId, rows);
    }
}
