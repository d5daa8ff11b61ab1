package io.leadscore.it;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadService;
import io.leadscore.leadimport.CsvLeadRows;
import io.leadscore.leadimport.ImportService;
import io.leadscore.leadimport.LeadImport;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ImportService inside Liberty: a chunk written again after a restart (the job's checkpoint lagging behind the
 * chunk's own commit) writes only the rows no earlier attempt wrote or rejected.
 */
@ExtendWith(ArquillianExtension.class)
class ImportServiceIT {

    private static final Caller MANAGER = new Caller("manager", false, true, false, false);

    @Deployment
    static WebArchive deployment() {
        return ServiceDeployment.of("import-service-it", ImportServiceIT.class);
    }

    @EJB
    private ImportService imports;
    @EJB
    private LeadService leads;

    @Test
    void rowsWrittenBeforeARestartAreNotWrittenAgain() {
        String id = imports.newId();
        imports.register(id, MANAGER, "restart.csv", 100, null, null);
        String name = "Restart-" + UUID.randomUUID().toString().substring(0, 8);
        CsvLeadRows mapping = new CsvLeadRows(List.of("lastName", "email"), null, null);

        imports.write(id, rows(mapping, name, 1, 3));
        // the restart reads from the last checkpoint again: rows 1 to 3 were written, 4 is bad, 5 and 6 are new
        imports.write(id, rows(mapping, name, 1, 6));
        // and once more, as if the second attempt's checkpoint had been lost too
        imports.write(id, rows(mapping, name, 2, 6));

        LeadImport imp = imports.job(id);
        assertEquals(5, imp.rowsImported());
        assertEquals(1, imp.rowsRejected());
        assertEquals(6, imp.rowsRead());
        List<Lead> written = leads.list(MANAGER, LeadService.View.ALL,
                new ListQuery("lastName eq '" + name + "'", "email", 50, 0, true)).items();
        assertEquals(List.of("1@x.org", "2@x.org", "3@x.org", "5@x.org", "6@x.org"),
                written.stream().map(Lead::email).toList());
        List<Object[]> errors = imports.errors(id, 10);
        assertEquals(1, errors.size());
        assertEquals(4L, ((Number) errors.get(0)[0]).longValue());
    }

    private static List<CsvLeadRows.Row> rows(CsvLeadRows mapping, String name, int from, int to) {
        List<CsvLeadRows.Row> out = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            out.add(mapping.map(n, List.of(name, n == 4 ? "not an email" : n + "@x.org")));
        }
        return out;
    }
}
