package io.leadscore.batch;

import io.leadscore.common.Caller;
import io.leadscore.common.TooLargeException;
import io.leadscore.common.ValidationException;
import io.leadscore.common.WorkLimits;
import io.leadscore.leadimport.ImportService;
import io.leadscore.leadimport.LeadImport;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts a CSV import: takes one of the server's import slots (a 429 when all are taken; given back when the job
 * ends), keeps the upload as the import's file, registers the import and starts its {@code lead-import} job. Nothing
 * is left behind when a step fails: no file, no slot taken.
 */
@Stateless
public class ImportStarts {

    /** Largest file an import takes. */
    public static final long MAX_BYTES = 100L * 1024 * 1024;

    /** A started import and its job execution. */
    public record Started(LeadImport leadImport, long executionId) {
    }

    @EJB
    private ImportService imports;
    @EJB
    private OperatorJobs launcher;
    @Inject
    private WorkLimits limits;

    /** Outside a transaction: the upload may take long, and registering it is one of its own. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Started start(Caller caller, InputStream body, String owner, String businessProcess) {
        if (owner != null && (owner.isBlank() || owner.length() > 100)) {
            throw new ValidationException("owner", "must be 1 to 100 characters");
        }
        if (businessProcess != null && (businessProcess.isBlank() || businessProcess.length() > 100)) {
            throw new ValidationException("businessProcess", "must be 1 to 100 characters");
        }
        limits.imports().take();
        try {
            String id = imports.newId();
            Path file = imports.file(id);
            long bytes = save(body, file);
            LeadImport registered;
            try {
                registered = imports.register(id, caller, "upload.csv", bytes, owner, businessProcess);
            } catch (RuntimeException e) {
                delete(file);
                throw e;
            }
            return new Started(registered, launcher.importLeads(id));
        } catch (RuntimeException e) {
            limits.imports().release();
            throw e;
        }
    }

    private static long save(InputStream body, Path file) {
        try {
            Files.createDirectories(file.getParent());
            long total = 0;
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = body.read(buf)) > 0) {
                    total += n;
                    if (total > MAX_BYTES) {
                        throw new TooLargeException("An import takes files up to 100 MB; split the file");
                    }
                    out.write(buf, 0, n);
                }
            }
            if (total == 0) {
                throw new ValidationException("body", "is empty; send a CSV file with a header row");
            }
            return total;
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException("The upload could not be stored", e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
