package io.leadscore.common;

import io.leadscore.filter.RecordQueries;
import jakarta.persistence.EntityManager;

import java.util.List;

/**
 * What the lead, account and contact services share, one transaction per call: read what the caller may
 * see, change it at the version the client read, delete it, and query it with the filter language.
 * Subclasses are the EJBs; they create records and add their own checks through the hooks.
 */
public abstract class RecordService<E extends CrmRecord> {

    private final Class<E> type;
    private final RecordSchema schema;

    protected RecordService(Class<E> type, RecordSchema schema) {
        this.type = type;
        this.schema = schema;
    }

    protected abstract EntityManager em();

    /** Checks that the records the input refers to (the schema's relations: accountId, contactId) exist. */
    protected void checkReferences(RecordInput input) {
        for (RecordSchema.Relation r : schema.relations()) {
            RecordStore.checkReference(em(), r.target().entityClass(), r.idField(), input.text(r.idField()));
        }
    }

    /** Refuses an update the record's state does not allow. */
    protected void checkUpdatable(E record) {
    }

    protected E persist(E record) {
        em().persist(record);
        em().flush();
        return record;
    }

    public E get(Caller caller, String id) {
        return RecordStore.visible(em(), type, schema.entityName(), caller, id);
    }

    public E update(Caller caller, String id, long expectedVersion, RecordInput input) {
        E record = get(caller, id);
        RecordStore.checkVersion(record, schema.entityName(), expectedVersion);
        checkUpdatable(record);
        RecordStore.checkOwnerChange(caller, record, input);
        checkReferences(input);
        return RecordStore.write(em(), record, schema.entityName(), r -> r.update(input, Times.now()));
    }

    public void delete(Caller caller, String id, Long expectedVersion) {
        E record = get(caller, id);
        RecordStore.checkVersion(record, schema.entityName(), expectedVersion);
        em().remove(record);
        em().flush();
    }

    protected Page<E> query(ListQuery query, List<RecordQueries.Restriction> restrictions) {
        return RecordQueries.list(em(), type, schema, query, restrictions);
    }
}
