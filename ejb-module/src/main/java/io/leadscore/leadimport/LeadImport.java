package io.leadscore.leadimport;

import io.leadscore.common.Caller;
import io.leadscore.common.Ids;
import io.leadscore.common.Times;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDateTime;

/** One CSV import: its file, who started it (their rights apply to every row), progress and outcome. */
@Entity
@Table(name = "lead_import")
public class LeadImport {

    /** Where an import is. */
    public enum Status { Waiting, Running, Completed, Failed, Stopped }

    @Id
    @Column(length = 36)
    private String id;
    @Version
    private long version;
    @Column(nullable = false, length = 20)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status;
    @Column(name = "file_name", nullable = false, length = 400)
    private String fileName;
    @Column(name = "file_bytes", nullable = false)
    private long fileBytes;
    @Column(name = "default_owner", length = 100)
    private String defaultOwner;
    @Column(name = "business_process", length = 100)
    private String businessProcess;
    @Column(name = "created_by", nullable = false, length = 100)
    private String createdBy;
    @Column(name = "caller_roles", nullable = false, length = 100)
    private String callerRoles;
    @Column(name = "execution_id")
    private Long executionId;
    @Column(name = "rows_read", nullable = false)
    private long rowsRead;
    @Column(name = "rows_imported", nullable = false)
    private long rowsImported;
    @Column(name = "rows_rejected", nullable = false)
    private long rowsRejected;
    // of the rows imported: leads created, and leads found by their alternate key and changed; rows whose lead had
    // those values already are neither imported nor rejected
    @Column(name = "rows_created", nullable = false)
    private long rowsCreated;
    @Column(name = "rows_updated", nullable = false)
    private long rowsUpdated;
    @Column(name = "rows_unchanged", nullable = false)
    private long rowsUnchanged;
    @Column(length = 4000)
    private String error;
    @Column(name = "created_on", nullable = false)
    private LocalDateTime createdOn;
    @Column(name = "completed_on")
    private LocalDateTime completedOn;

    protected LeadImport() {
    }

    LeadImport(String id, Caller caller, String fileName, long fileBytes, String defaultOwner, String businessProcess,
               Instant now) {
        this.id = id;
        this.status = Status.Waiting;
        this.fileName = fileName;
        this.fileBytes = fileBytes;
        this.defaultOwner = defaultOwner;
        this.businessProcess = businessProcess;
        this.createdBy = caller.name();
        this.callerRoles = (caller.salesperson() ? "S" : "") + (caller.manager() ? "M" : "")
                + (caller.administrator() ? "A" : "") + (caller.operator() ? "O" : "");
        this.createdOn = Times.utc(now);
    }

    static String newId() {
        return Ids.newId();
    }

    /** The rights of whoever started the import: every row is written with them. */
    public Caller caller() {
        return new Caller(createdBy, callerRoles.contains("S"), callerRoles.contains("M"), callerRoles.contains("A"),
                callerRoles.contains("O"));
    }

    void started(long executionId) {
        this.executionId = executionId;
        this.status = Status.Running;
        this.completedOn = null;
        this.error = null;
    }

    void counted(long created, long updated, long unchanged, long rejected) {
        rowsRead += created + updated + unchanged + rejected;
        rowsImported += created + updated;
        rowsCreated += created;
        rowsUpdated += updated;
        rowsUnchanged += unchanged;
        rowsRejected += rejected;
    }

    void ended(Status outcome, String why, Instant now) {
        status = outcome;
        error = why == null ? null : why.length() > 4000 ? why.substring(0, 4000) : why;
        completedOn = Times.utc(now);
    }

    public String id() { return id; }
    public Status status() { return status; }
    public String fileName() { return fileName; }
    public long fileBytes() { return fileBytes; }
    public String defaultOwner() { return defaultOwner; }
    public String businessProcess() { return businessProcess; }
    public String createdBy() { return createdBy; }
    public Long executionId() { return executionId; }
    public long rowsRead() { return rowsRead; }
    public long rowsImported() { return rowsImported; }
    public long rowsRejected() { return rowsRejected; }
    public long rowsCreated() { return rowsCreated; }
    public long rowsUpdated() { return rowsUpdated; }
    public long rowsUnchanged() { return rowsUnchanged; }
    public String error() { return error; }
    public Instant createdOn() { return Times.instant(createdOn); }
    public Instant completedOn() { return Times.instant(completedOn); }
}
