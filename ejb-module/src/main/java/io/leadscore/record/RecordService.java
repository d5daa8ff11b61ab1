package io.leadscore.record;

import io.leadscore.common.AttributeCatalogues;
import io.leadscore.common.Caller;
import io.leadscore.common.CrmRecord;
import io.leadscore.common.FieldType;
import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordSchema;
import io.leadscore.common.RecordStore;
import io.leadscore.common.RecordValues;
import io.leadscore.common.Times;
import io.leadscore.filter.RecordQueries;
import io.leadscore.sdk.Message;
import io.leadscore.plugin.OperationScope;
import io.leadscore.plugin.Pipeline;
import io.leadscore.plugin.PluginHost;
import io.leadscore.sdk.Record;
import io.leadscore.sdk.Stage;
import jakarta.ejb.EJB;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the lead, account and contact services share: read what the caller may see, create, change it at
 * the version the client read, delete it, and query it with the filter language. Every write goes through
 * the plugin pipeline: PreValidation before the transaction (the public methods only support one), then,
 * in one transaction (the {@code ...Within} methods, called through the container), PreOperation, the write
 * with the Target as plugins left it, validated again, and PostOperation. Subclasses are the EJBs.
 */
public abstract class RecordService<E extends CrmRecord> {

    private final Class<E> type;
    private final RecordSchema schema;

    protected RecordService(Class<E> type, RecordSchema schema) {
        this.type = type;
        this.schema = schema;
    }

    @EJB
    private PluginHost host;
    @jakarta.inject.Inject
    private AttributeCatalogues catalogues;

    protected abstract EntityManager em();

    /** This EJB through the container, so that the write runs in a transaction of its own or the caller's. */
    protected abstract RecordService<E> self();

    /** A new record from validated input. */
    protected abstract E newRecord(RecordInput input, String ownerId, Instant now);

    /** A new record that comes with a past (an import); by default the past is not kept. */
    protected E newRecord(RecordInput input, String ownerId, Instant now, java.io.Serializable history) {
        return newRecord(input, ownerId, now);
    }

    /** Checks that the records the input refers to (the schema's relations: accountId, contactId) exist. */
    protected void checkReferences(RecordInput input) {
        for (RecordSchema.Relation r : schema.relations()) {
            RecordStore.checkReference(em(), r.target().entityClass(), r.idField(), input.text(r.idField()));
        }
    }

    /**
     * Checks a record's input as it will be written, beyond its schema: by default, its references; {@code existing}
     * is the record an update changes (null for a new one).
     */
    protected void checkInput(RecordInput input, E existing) {
        checkReferences(input);
    }

    /** Refuses an update the record's state does not allow. */
    /**
     * Before the inputs of a bulk write are checked one by one ({@link #checkInput}): a chance to read together
     * what each check would read on its own. {@code existing} gives each input's record for an update (null for a
     * new one), or is null when every input is new.
     */
    protected void checkingAll(List<RecordInput> inputs, List<E> existing) {
    }

    /** After the inputs of a bulk write were checked, before they are written. */
    protected void checkedAll() {
    }

    protected void checkUpdatable(E record) {
    }

    /**
     * Registers a new record; it is inserted at the next flush or at commit (not at once: an import writes
     * hundreds in one transaction, and a flush per record would cost time growing with their number).
     */
    protected E persist(E record) {
        em().persist(record);
        return record;
    }

    /** The record of that id, whoever owns it, or empty (no exception, so no transaction is marked for rollback). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public java.util.Optional<E> find(String id) {
        return java.util.Optional.ofNullable(id == null ? null : em().find(type, id));
    }

    /** The custom attributes records of this type carry, by name, with their value type (see RecordQueries). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, FieldType> attributeCatalogue() {
        return catalogues.of(type, () -> io.leadscore.filter.RecordQueries.attributeCatalogue(em(), type));
    }

    public E get(Caller caller, String id) {
        return RecordStore.visible(em(), type, schema.entityName(), caller, id);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public E create(Caller caller, RecordInput input) {
        Pipeline.Operation op = OperationScope.begin(Message.Create, schema.entityName(), caller.name(),
                new Record(schema.entityName(), null, RecordValues.of(schema, input), false), null);
        return OperationScope.within(op, () -> {
            host.before(op, Stage.PreValidation);
            return self().createWithin(caller, input, op);
        });
    }

    /** A record for {@link #createAll}: its input and its past (see {@link #newRecord(RecordInput, String, Instant, java.io.Serializable)}). */
    public record Creation(RecordInput input, java.io.Serializable history) {
    }

    /**
     * Creates records in bulk in the caller's transaction (an import's chunk; Dataverse's CreateMultiple):
     * each goes through PreValidation and PreOperation as in {@link #create}, then all are written at once
     * ({@link #insertAll}), then each goes through PostOperation and gets its system jobs. Any failure fails
     * the whole call and the caller's transaction, whose records it then creates one by one.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public List<E> createAll(Caller caller, List<Creation> creations) {
        Pipeline pipeline = host.pipeline();
        List<Pipeline.Operation> ops = new ArrayList<>(creations.size());
        List<E> records = new ArrayList<>(creations.size());
        checkingAll(creations.stream().map(Creation::input).toList(), null);
        for (Creation c : creations) {
            Pipeline.Operation op = OperationScope.begin(Message.Create, schema.entityName(), caller.name(),
                    new Record(schema.entityName(), null, RecordValues.of(schema, c.input()), false), null);
            records.add(OperationScope.within(op, () -> {
                pipeline.run(op, Stage.PreValidation, null);
                pipeline.run(op, Stage.PreOperation, null);
                return newRecord(caller, c.input(), op, c.history());
            }));
            ops.add(op);
        }
        checkedAll();
        insertAll(records);
        writtenAll(pipeline, ops, records);
        return records;
    }

    /**
     * A change for {@link #updateAll}: the record as the caller read it ({@code current}), the version the change
     * expects, and the input to write computed from the record.
     */
    public record Change<E>(E current, long expectedVersion, java.util.function.Function<E, RecordInput> input) {
    }

    /**
     * Changes records in bulk in the caller's transaction (Dataverse's UpdateMultiple): each goes through
     * PreValidation and PreOperation and is checked as in {@link #update}, all are written together
     * ({@link #writeChanged}), then each goes through PostOperation and gets its system jobs. Any failure, a concurrent change
     * included, fails the whole call and the caller's transaction.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public List<E> updateAll(Caller caller, List<Change<E>> changes) {
        Pipeline pipeline = host.pipeline();
        List<Pipeline.Operation> ops = new ArrayList<>(changes.size());
        List<E> records = new ArrayList<>(changes.size());
        java.time.Instant now = Times.now();
        List<RecordInput> inputs = changes.stream().map(c -> c.input().apply(c.current())).toList();
        checkingAll(inputs, changes.stream().map(Change::current).toList());
        for (int k = 0; k < changes.size(); k++) {
            Change<E> c = changes.get(k);
            E record = c.current();
            String id = record.id();
            RecordInput input = inputs.get(k);
            Pipeline.Operation op = OperationScope.begin(Message.Update, schema.entityName(), caller.name(),
                    new Record(schema.entityName(), id, RecordValues.of(schema, input), false),
                    new Record(schema.entityName(), id, RecordValues.of(schema, record), false));
            OperationScope.within(op, () -> {
                pipeline.run(op, Stage.PreValidation, null);
                pipeline.run(op, Stage.PreOperation, null);
                RecordStore.checkVersion(record, schema.entityName(), c.expectedVersion());
                checkUpdatable(record);
                RecordInput effective = asChanged(input, op);
                RecordStore.checkOwnerChange(caller, record, effective);
                checkInput(effective, record);
                record.update(effective, now);
                return null;
            });
            ops.add(op);
            records.add(record);
        }
        checkedAll();
        writeChanged(records, "A " + schema.entityName() + " of this call was changed by someone else meanwhile; "
                + "read it again");
        writtenAll(pipeline, ops, records);
        return records;
    }

    /**
     * Writes the records {@link #updateAll} changed, at once, or fails with a version mismatch saying
     * {@code changedMeanwhile} when another transaction changed one first: by default the managed entities in one
     * flush.
     */
    protected void writeChanged(List<E> records, String changedMeanwhile) {
        RecordStore.flush(em(), changedMeanwhile);
    }

    /** PostOperation and the system jobs of records written together, each with its operation. */
    private void writtenAll(Pipeline pipeline, List<Pipeline.Operation> ops, List<E> records) {
        List<PluginHost.Written> written = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            E record = records.get(i);
            written.add(new PluginHost.Written(ops.get(i), record.id(), () -> RecordValues.of(schema, record)));
        }
        host.writtenAll(pipeline, written);
    }

    /** Writes new records in the current transaction, at once: by default through JPA. */
    protected void insertAll(List<E> records) {
        records.forEach(this::persist);
    }

    /** The transaction of {@link #create}; not for clients. */
    public E createWithin(Caller caller, RecordInput input, Pipeline.Operation op) {
        host.before(op, Stage.PreOperation);
        E record = persist(newRecord(caller, input, op, null));
        host.written(op, record.id(), RecordValues.of(schema, record));
        return record;
    }

    /** The new record of a Create after PreOperation: from the Target as plugins left it, checked as a client's input. */
    private E newRecord(Caller caller, RecordInput input, Pipeline.Operation op, java.io.Serializable history) {
        RecordInput effective = asChanged(input, op);
        String owner = RecordStore.ownerFor(caller, effective);
        checkInput(effective, null);
        return newRecord(effective, owner, Times.now(), history);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public E update(Caller caller, String id, long expectedVersion, RecordInput input) {
        E current = get(caller, id);
        Pipeline.Operation op = OperationScope.begin(Message.Update, schema.entityName(), caller.name(),
                new Record(schema.entityName(), id, RecordValues.of(schema, input), false),
                new Record(schema.entityName(), id, RecordValues.of(schema, current), false));
        return OperationScope.within(op, () -> {
            host.before(op, Stage.PreValidation);
            return self().updateWithin(caller, id, expectedVersion, input, op);
        });
    }

    /** The transaction of {@link #update}; not for clients. */
    public E updateWithin(Caller caller, String id, long expectedVersion, RecordInput input, Pipeline.Operation op) {
        host.before(op, Stage.PreOperation);
        E record = get(caller, id);
        RecordStore.checkVersion(record, schema.entityName(), expectedVersion);
        checkUpdatable(record);
        RecordInput effective = asChanged(input, op);
        RecordStore.checkOwnerChange(caller, record, effective);
        checkInput(effective, record);
        RecordStore.write(em(), record, schema.entityName(), r -> r.update(effective, Times.now()));
        host.written(op, id, RecordValues.of(schema, record));
        return record;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void delete(Caller caller, String id, Long expectedVersion) {
        Pipeline.Operation op = existing(Message.Delete, caller, id);
        OperationScope.within(op, () -> {
            host.before(op, Stage.PreValidation);
            self().deleteWithin(caller, id, expectedVersion, op);
            return null;
        });
    }

    /** The transaction of {@link #delete}; not for clients. */
    public void deleteWithin(Caller caller, String id, Long expectedVersion, Pipeline.Operation op) {
        host.before(op, Stage.PreOperation);
        E record = get(caller, id);
        RecordStore.checkVersion(record, schema.entityName(), expectedVersion);
        em().remove(record);
        em().flush();
        host.written(op, id, null);
    }

    /** Another message on an existing record (qualify, disqualify): the pipeline around a change of state. */
    protected E act(Caller caller, String id, Long expectedVersion, Message message, Consumer<E> change) {
        Pipeline.Operation op = existing(message, caller, id);
        return OperationScope.within(op, () -> {
            host.before(op, Stage.PreValidation);
            return self().actWithin(caller, id, expectedVersion, change, op);
        });
    }

    /** The transaction of {@link #act}; not for clients. */
    public E actWithin(Caller caller, String id, Long expectedVersion, Consumer<E> change, Pipeline.Operation op) {
        host.before(op, Stage.PreOperation);
        E record = get(caller, id);
        RecordStore.checkVersion(record, schema.entityName(), expectedVersion);
        RecordStore.write(em(), record, schema.entityName(), change);
        host.written(op, id, RecordValues.of(schema, record));
        return record;
    }

    /** Changes the named values (null clears one) and keeps the others, at the version read now. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public E change(Caller caller, String id, Map<String, Object> changes) {
        E current = get(caller, id);
        Map<String, Object> values = RecordValues.writable(schema, current);
        values.putAll(changes);
        return update(caller, id, current.version(), RecordValues.input(schema, values));
    }

    public RecordSchema schema() {
        return schema;
    }

    /** An operation on a stored record: its Target and pre-image are the record as it is. */
    private Pipeline.Operation existing(Message message, Caller caller, String id) {
        Map<String, Object> values = RecordValues.of(schema, get(caller, id));
        return OperationScope.begin(message, schema.entityName(), caller.name(),
                new Record(schema.entityName(), id, values, false), new Record(schema.entityName(), id, values, false));
    }

    /**
     * The input as the pipeline's plugins left the Target: validated again when they changed it. Every create and
     * update writes this input, so the attribute catalogue learns of new attributes here.
     */
    private RecordInput asChanged(RecordInput input, Pipeline.Operation op) {
        Map<String, Object> values = op.target().values();
        RecordInput effective = values.equals(RecordValues.of(schema, input)) ? input : RecordValues.input(schema, values);
        catalogues.written(type, effective.attributes());
        return effective;
    }

    protected Page<E> query(ListQuery query, List<RecordQueries.Restriction> restrictions) {
        return RecordQueries.list(em(), type, schema, query, restrictions);
    }
}
