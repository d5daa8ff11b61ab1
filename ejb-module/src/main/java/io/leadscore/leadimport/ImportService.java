package io.leadscore.leadimport;

import io.leadscore.common.Caller;
import io.leadscore.common.ConflictException;
import io.leadscore.common.ForbiddenException;
import io.leadscore.common.NotFoundException;
import io.leadscore.record.RecordService;
import io.leadscore.common.Times;
import io.leadscore.lead.LeadService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Imports: registered with their file, written a chunk at a time, and their progress and rejected rows.
 * A chunk is written in a transaction of its own, with the rows' markers, so a restarted import skips rows
 * already written; when a plugin refuses a row, the chunk is written again row by row and only that row is
 * rejected.
 */
@Stateless
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class.getName());
    @Inject
    private ImportRepository repository;
    @EJB
    private LeadService leads;
    @EJB
    private ImportService self;
    @Inject
    @ConfigProperty(name = "import.dir", defaultValue = "")
    private String directory;

    /** Where import files are kept. */
    public Path directory() {
        return Path.of(directory == null || directory.isBlank() ? System.getProperty("java.io.tmpdir") + "/leadscore-imports"
                : directory);
    }

    /** A new import id and the file its upload goes to. */
    public String newId() {
        return LeadImport.newId();
    }

    public Path file(String id) {
        return directory().resolve(id + ".csv");
    }

    public LeadImport register(String id, Caller caller, String fileName, long bytes, String owner, String businessProcess) {
        if (owner != null && !caller.seesAll() && !owner.equals(caller.name())) {
            throw new ForbiddenException("owner", "A Salesperson may only import leads for themselves");
        }
        LeadImport i = new LeadImport(id, caller, fileName, bytes, owner, businessProcess, Times.now());
        repository.add(i);
        return i;
    }

    public void started(String id, long executionId) {
        find(id).started(executionId);
    }

    /**
     * The import's end. A completed import's file is deleted (its rows are leads now, its rejections in the
     * database); a failed or stopped one keeps it, so that an operator can restart the job in the Admin Center.
     */
    public void ended(String id, LeadImport.Status status, String why) {
        find(id).ended(status, why, Times.now());
        if (status == LeadImport.Status.Completed) {
            try {
                java.nio.file.Files.deleteIfExists(file(id));
            } catch (java.io.IOException e) {
                java.util.logging.Logger.getLogger(ImportService.class.getName()).warning(
                        "Could not delete the file of import " + id + ": " + e);
            }
        }
    }

    private LeadImport find(String id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("import", id));
    }

    /** An import, if the caller started it or sees everything. */
    public LeadImport get(Caller caller, String id) {
        LeadImport i = find(id);
        if (!caller.seesAll() && !caller.operator() && !i.createdBy().equals(caller.name())) {
            throw new NotFoundException("import", id);
        }
        return i;
    }

    /** The import itself, for the job. */
    public LeadImport job(String id) {
        return find(id);
    }

    /** An import's rejected rows, in row order. */
    public List<Object[]> errors(String id, int max) {
        return repository.rejections(id, max);
    }

    /**
     * Writes a chunk of mapped rows: all in one transaction; if a plugin refuses one, again row by row, each
     * in its own transaction, so only the refused rows are rejected. Rows already written (a restart) are skipped.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void write(String importId, List<CsvLeadRows.Row> rows) {
        try {
            self.writeAll(importId, rows);
        } catch (RuntimeException e) {
            LOG.fine(() -> "Import " + importId + ": a chunk failed as a whole (" + e + "); writing it row by row");
            for (CsvLeadRows.Row row : rows) {
                try {
                    self.writeAll(importId, List.of(row));
                } catch (RuntimeException rowFailure) {
                    self.writeAll(importId, List.of(CsvLeadRows.Row.rejected(row.number(), reason(rowFailure))));
                }
            }
        }
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !forTheUser(t)) {
            t = t.getCause();
        }
        if (t instanceof io.leadscore.common.ValidationException v) {
            StringBuilder b = new StringBuilder();
            v.errors().forEach(f -> b.append(b.length() == 0 ? "" : "; ").append(f.field()).append(": ").append(f.message()));
            return b.toString();
        }
        if (t instanceof ForbiddenException f) {
            return f.field() + ": " + f.getMessage();
        }
        if (forTheUser(t)) {
            return t.getMessage();
        }
        // anything else (the database's own words, a bug) is for the server log, not for the user
        String incident = java.util.UUID.randomUUID().toString();
        LOG.log(java.util.logging.Level.SEVERE, "An imported row could not be written, incident " + incident, e);
        return "could not be written (an unexpected error; the server log has incident " + incident + ")";
    }

    /** An exception whose message was written for the user: a plugin's refusal, or the platform's own 4xx. */
    private static boolean forTheUser(Throwable t) {
        return t instanceof io.leadscore.sdk.InvalidPluginExecutionException
                || t instanceof io.leadscore.common.ValidationException || t instanceof ForbiddenException
                || t instanceof ConflictException || t instanceof NotFoundException;
    }

    /**
     * One transaction: the rows' leads created together through the pipeline (their rows inserted in JDBC
     * batches), the chunk's marker, rejections and the counts. A row with an alternate key (externalSource and
     * externalId) whose lead exists updates that lead instead (Dataverse's upsert): the values the row gives replace
     * the lead's, a blank cell keeps what the lead has, and a row that changes nothing leaves it alone. Two rows of
     * a chunk with the same new key fail the chunk as a whole (the database's unique key), and written row by row
     * the second updates the lead the first created.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void writeAll(String importId, List<CsvLeadRows.Row> rows) {
        LeadImport imp = find(importId);
        io.leadscore.common.Caller caller = imp.caller();
        Set<Long> done = done(importId, rows);
        List<RecordService.Creation> creations = new ArrayList<>(rows.size());
        long rejected = 0;
        long updated = 0;
        long unchanged = 0;
        long first = -1;
        long last = -1;
        for (CsvLeadRows.Row row : rows) {
            if (done.contains(row.number())) {
                continue;
            }
            String why = row.rejection();
            if (why == null && row.key() != null) {
                java.util.Optional<io.leadscore.lead.Lead> found = leads.byKey(row.key()[0], row.key()[1]);
                if (found.isPresent()) {
                    Upsert u = upsert(caller, found.get(), row);
                    why = u.rejection();
                    updated += u.outcome() == Upsert.Outcome.UPDATED ? 1 : 0;
                    unchanged += u.outcome() == Upsert.Outcome.UNCHANGED ? 1 : 0;
                    if (why == null) {
                        first = first < 0 ? row.number() : first;
                        last = row.number();
                        continue;
                    }
                }
            }
            if (why != null) {
                repository.rejected(importId, row.number(), why);
                rejected++;
                continue;
            }
            creations.add(new RecordService.Creation(row.input(), row.history()));
            first = first < 0 ? row.number() : first;
            last = row.number();
        }
        if (!creations.isEmpty()) {
            leads.createAll(caller, creations);
        }
        if (first >= 0) {
            repository.written(importId, first, last);
        }
        imp.counted(creations.size(), updated, unchanged, rejected);
    }

    /** What became of a row whose lead exists: updated, unchanged, or rejected with a reason. */
    private record Upsert(Outcome outcome, String rejection) {
        enum Outcome { UPDATED, UNCHANGED, REJECTED }

        static final Upsert UPDATED = new Upsert(Outcome.UPDATED, null);
        static final Upsert UNCHANGED = new Upsert(Outcome.UNCHANGED, null);

        static Upsert rejected(String why) {
            return new Upsert(Outcome.REJECTED, why);
        }
    }

    /** Applies a row to the lead its alternate key found, in the chunk's transaction, through the pipeline. */
    private Upsert upsert(io.leadscore.common.Caller caller, io.leadscore.lead.Lead lead, CsvLeadRows.Row row) {
        if (!caller.seesAll() && !caller.name().equals(lead.ownerId())) {
            return Upsert.rejected("externalId: the lead with this key is owned by someone else; a Salesperson imports "
                    + "only into their own leads");
        }
        io.leadscore.lead.LeadStatus status = row.history() == null || row.history().status() == null
                ? io.leadscore.lead.LeadStatus.OPEN : row.history().status();
        if (!row.defaulted().contains("status") && status != lead.status()) {
            return Upsert.rejected("status: the lead with this key is " + lead.status() + "; an import does not "
                    + (lead.status() == io.leadscore.lead.LeadStatus.OPEN ? "close a lead (POST /api/v1/leads/{id}/"
                    + "qualify or /disqualify does)" : "reopen a closed lead"));
        }
        io.leadscore.common.RecordSchema schema = io.leadscore.lead.LeadSchema.LEAD;
        java.util.Map<String, Object> current = io.leadscore.common.RecordValues.writable(schema, lead);
        java.util.Map<String, Object> merged = new java.util.LinkedHashMap<>(current);
        io.leadscore.common.RecordValues.of(schema, row.input()).forEach((field, value) -> {
            if (value != null && !row.defaulted().contains(field)) {
                merged.put(field, value);
            }
        });
        if (sameValues(current, merged)) {
            return Upsert.UNCHANGED;
        }
        if (lead.status() != io.leadscore.lead.LeadStatus.OPEN) {
            return Upsert.rejected("the lead with this key is " + lead.status() + "; a closed lead is read-only");
        }
        leads.update(caller, lead.id(), lead.version(), io.leadscore.common.RecordValues.input(schema, merged));
        return Upsert.UPDATED;
    }

    /** The same values, numbers compared as numbers (7 and 7.0 are the same attribute value). */
    static boolean sameValues(java.util.Map<String, Object> a, java.util.Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (java.util.Map.Entry<String, Object> e : a.entrySet()) {
            Object x = e.getValue();
            Object y = b.get(e.getKey());
            boolean same = x instanceof Number n && y instanceof Number m
                    ? Double.compare(n.doubleValue(), m.doubleValue()) == 0 : java.util.Objects.equals(x, y);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** Which of these rows an earlier attempt already wrote or rejected. */
    private Set<Long> done(String importId, List<CsvLeadRows.Row> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        long from = rows.get(0).number();
        long to = rows.get(rows.size() - 1).number();
        return repository.done(importId, from, to);
    }
}
