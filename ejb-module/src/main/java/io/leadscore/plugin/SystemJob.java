package io.leadscore.plugin;

import io.leadscore.sdk.Message;
import io.leadscore.sdk.Record;
import io.leadscore.common.ConflictException;
import io.leadscore.common.Ids;
import io.leadscore.common.Times;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One asynchronous plugin execution: written in the transaction of the change that caused it, so that a
 * crash after commit loses nothing; run after commit; retried with backoff; its error kept.
 */
@Entity
@Table(name = "system_job")
public class SystemJob {

    /** A failed attempt is retried this many times (five attempts in all), after 1, 2, 4 and 8 seconds. */
    public static final int RETRIES = 4;

    @Id
    @Column(length = 36)
    private String id;
    @Version
    private long version;
    @Column(nullable = false, length = 200)
    private String plugin;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Message message;
    @Column(nullable = false, length = 50)
    private String entity;
    @Column(name = "entity_id", length = 36)
    private String entityId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private JobStatus status;
    private int attempts;
    @Column(length = 4000)
    private String error;
    @Column(name = "correlation_id", nullable = false, length = 36)
    private String correlationId;
    private int depth;
    @Column(name = "initiating_user", length = 100)
    private String initiatingUser;
    @Column(name = "created_on", nullable = false)
    private LocalDateTime createdOn;
    @Column(name = "started_on")
    private LocalDateTime startedOn;
    @Column(name = "completed_on")
    private LocalDateTime completedOn;
    @Column(name = "next_attempt_on")
    private LocalDateTime nextAttemptOn;
    /** The server that claimed the job last (server.id), and until when its claim holds while the job is InProgress. */
    @Column(length = 200)
    private String owner;
    @Column(name = "lease_until")
    private LocalDateTime leaseUntil;

    protected SystemJob() {
    }

    public SystemJob(String plugin, Pipeline.Operation op, String entityId, Instant now) {
        this.id = Ids.newId();
        this.plugin = plugin;
        this.message = op.message();
        this.entity = op.entityName();
        this.entityId = entityId;
        this.status = JobStatus.Waiting;
        this.correlationId = op.correlationId().toString();
        this.depth = op.depth();
        this.initiatingUser = op.initiatingUser();
        this.createdOn = Times.utc(now);
        this.nextAttemptOn = Times.utc(now);
    }

    /**
     * Takes the job for an attempt on server {@code owner}, whose claim lasts {@code lease}; false when it is not (or
     * no longer) waiting.
     */
    public boolean start(Instant now, String owner, Duration lease) {
        if (status != JobStatus.Waiting) {
            return false;
        }
        status = JobStatus.InProgress;
        attempts++;
        startedOn = Times.utc(now);
        claim(now, owner, lease);
        return true;
    }

    private void claim(Instant now, String by, Duration lease) {
        owner = by;
        leaseUntil = Times.utc(now.plus(lease));
    }

    /** Whether another server may take the job up: it is in progress and its owner's claim has run out. */
    public boolean abandoned(Instant now) {
        return status == JobStatus.InProgress && (leaseUntil == null || leaseUntil.isBefore(Times.utc(now)));
    }

    /** Another attempt of a job already in progress (its batch failed, and it now runs on its own). */
    public boolean startAgain(Instant now, String owner, Duration lease) {
        if (status != JobStatus.InProgress) {
            return false;
        }
        attempts++;
        startedOn = Times.utc(now);
        claim(now, owner, lease);
        return true;
    }

    public void succeeded(Instant now) {
        status = JobStatus.Succeeded;
        completedOn = Times.utc(now);
        error = null;
        nextAttemptOn = null;
        leaseUntil = null;
    }

    /** Records a failed attempt: waiting again after a backoff while retries remain, else Failed. Returns the delay, or null. */
    public Duration failed(String message, Instant now) {
        if (attempts <= RETRIES) {
            error = kept(message);
            Duration delay = Duration.ofSeconds(1L << (attempts - 1));
            status = JobStatus.Waiting;
            nextAttemptOn = Times.utc(now.plus(delay));
            leaseUntil = null;
            return delay;
        }
        failedFinally(message, now);
        return null;
    }

    /** Records a failure that no retry would change (a plugin's refusal): Failed at once. */
    public void failedFinally(String message, Instant now) {
        error = kept(message);
        status = JobStatus.Failed;
        completedOn = Times.utc(now);
        nextAttemptOn = null;
        leaseUntil = null;
    }

    private static String kept(String message) {
        return message == null ? "failed" : message.length() > 4000 ? message.substring(0, 4000) : message;
    }

    /** A job that was in progress when the server stopped waits again. */
    public void interrupted(Instant now) {
        if (status == JobStatus.InProgress) {
            status = JobStatus.Waiting;
            nextAttemptOn = Times.utc(now);
            leaseUntil = null;
        }
    }

    public void retry(Instant now) {
        if (status != JobStatus.Failed && status != JobStatus.Canceled) {
            throw new ConflictException("Only a Failed or Canceled job can be retried; this one is " + status);
        }
        status = JobStatus.Waiting;
        attempts = 0;
        completedOn = null;
        nextAttemptOn = Times.utc(now);
    }

    public void cancel(Instant now) {
        if (status != JobStatus.Waiting) {
            throw new ConflictException("Only a Waiting job can be canceled; this one is " + status);
        }
        status = JobStatus.Canceled;
        completedOn = Times.utc(now);
        nextAttemptOn = null;
    }

    /** The operation the job's plugin runs in: the change that caused it, after commit. */
    public Pipeline.Operation operation() {
        return new Pipeline.Operation(message, entity, initiatingUser, UUID.fromString(correlationId), depth,
                new Record(entity, entityId, java.util.Map.of(), false), null);
    }


    public String id() { return id; }
    public long version() { return version; }
    public String plugin() { return plugin; }
    public Message message() { return message; }
    public String entity() { return entity; }
    public String entityId() { return entityId; }
    public JobStatus status() { return status; }
    public int attempts() { return attempts; }
    public String error() { return error; }
    public String correlationId() { return correlationId; }
    public int depth() { return depth; }
    public String initiatingUser() { return initiatingUser; }
    public Instant createdOn() { return Times.instant(createdOn); }
    public Instant startedOn() { return Times.instant(startedOn); }
    public Instant completedOn() { return Times.instant(completedOn); }
    public Instant nextAttemptOn() { return Times.instant(nextAttemptOn); }
    public String owner() { return owner; }
    public Instant leaseUntil() { return Times.instant(leaseUntil); }
}
