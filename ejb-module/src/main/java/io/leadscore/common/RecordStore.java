package io.leadscore.common;

import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;

import java.util.function.Consumer;

/**
 * The steps every record service shares, inside the caller's transaction: find what the caller may
 * see, check the client's version, check that references exist, flush so that version conflicts surface
 * here rather than at commit.
 */
public final class RecordStore {

    private RecordStore() {
    }

    public static <T extends CrmRecord> T visible(EntityManager em, Class<T> type, String entity, Caller caller, String id) {
        T record = id == null ? null : em.find(type, id);
        if (record == null || restrictedToOwner(type) && !Roles.maySee(caller, record.ownerId())) {
            throw new NotFoundException(entity, id);
        }
        return record;
    }

    /** Leads are user-owned (a Salesperson sees only theirs); accounts and contacts are shared by the sales team. */
    private static boolean restrictedToOwner(Class<?> type) {
        return OwnedRecord.class.isAssignableFrom(type);
    }

    public static void checkVersion(CrmRecord record, String entity, Long expected) {
        if (expected != null && expected != record.version()) {
            throw new VersionMismatchException(entity, record.id(), expected, record.version());
        }
    }

    public static void checkReference(EntityManager em, Class<?> type, String field, String id) {
        if (id != null && em.find(type, id) == null) {
            throw new ValidationException(field, "refers to no existing record: " + id);
        }
    }

    /** Owner for a new record: the input's ownerId if allowed, else the caller. */
    public static String ownerFor(Caller caller, RecordInput input) {
        String owner = input.text("ownerId") == null ? caller.name() : input.text("ownerId");
        Roles.checkAssign(caller, owner);
        return owner;
    }

    /** Checks an owner change on update: only a change of owner needs the right to assign. */
    public static void checkOwnerChange(Caller caller, CrmRecord record, RecordInput input) {
        String owner = input.text("ownerId");
        if (owner != null && !owner.equals(record.ownerId())) {
            Roles.checkAssign(caller, owner);
        }
    }

    /** Applies a change and flushes, turning a concurrent write into a version mismatch. */
    public static <T extends CrmRecord> T write(EntityManager em, T record, String entity, Consumer<T> change) {
        change.accept(record);
        flush(em, "The " + entity + " " + record.id() + " was changed by someone else; read it again");
        return record;
    }

    /** Flushes, turning a concurrent write of a record into a version mismatch saying {@code changedMeanwhile}. */
    public static void flush(EntityManager em, String changedMeanwhile) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (e instanceof OptimisticLockException || e.getCause() instanceof OptimisticLockException) {
                throw new VersionMismatchException(changedMeanwhile);
            }
            throw e;
        }
    }
}
