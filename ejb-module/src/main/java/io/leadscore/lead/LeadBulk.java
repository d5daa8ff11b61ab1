package io.leadscore.lead;

import io.leadscore.common.Caller;
import io.leadscore.common.RecordInput;
import io.leadscore.record.RecordService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Many leads in one call, as Dataverse's CreateMultiple, UpdateMultiple and UpsertMultiple: every record through
 * the plugin pipeline, new leads through its bulk path (as imports write them: JDBC batches, then PostOperation
 * and the system jobs of all). All records are first written in one transaction. If that fails, an atomic call
 * fails as a whole, naming the first record that cannot be written; otherwise each record is written in a
 * transaction of its own and answers for itself.
 */
@Stateless
public class LeadBulk {

    /** At most this many records in one call. */
    public static final int MAX_RECORDS = 1000;

    public enum Mode { CREATE, UPDATE, UPSERT }

    /**
     * One record of a call: for an update its {@code id} (and the version it was read at, if the client gave one),
     * for an upsert its alternate key; {@code input} gives the values to write from the current lead (null for a
     * new one).
     */
    public record Item(String id, String externalSource, String externalId, Long expectedVersion,
                       Function<Lead, RecordInput> input) {
    }

    /** What became of a record: the lead written and whether it is new, or why it was not written. */
    public record Result(Lead lead, boolean created, RuntimeException problem) {
    }

    /** The first record of an atomic call that could not be written (every record's write was rolled back). */
    @jakarta.ejb.ApplicationException
    public static class Failure extends RuntimeException {
        private final int index;

        public Failure(int index, RuntimeException cause) {
            super("Record " + index + " could not be written", cause);
            this.index = index;
        }

        public int index() {
            return index;
        }

        public RuntimeException problem() {
            return (RuntimeException) getCause();
        }
    }

    @EJB
    private LeadService leads;
    @EJB
    private LeadBulk self;
    @jakarta.annotation.Resource
    private jakarta.ejb.SessionContext context;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<Result> apply(Caller caller, Mode mode, boolean atomic, List<Item> items) {
        try {
            return self.together(caller, mode, items);
        } catch (RuntimeException together) {
            if (atomic) {
                throw self.firstFailure(caller, mode, items, together);
            }
            List<Result> results = new ArrayList<>(items.size());
            for (Item item : items) {
                try {
                    results.add(self.one(caller, mode, item));
                } catch (RuntimeException e) {
                    results.add(new Result(null, false, e));
                }
            }
            return results;
        }
    }

    /**
     * Every record in one transaction: the new leads in one bulk write, then the changed ones in another. Any failure
     * fails the whole transaction.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Result> together(Caller caller, Mode mode, List<Item> items) {
        Map<Integer, Lead> found = existingAll(mode, items);
        Result[] results = new Result[items.size()];
        List<RecordService.Creation> creations = new ArrayList<>();
        List<Integer> created = new ArrayList<>();
        List<RecordService.Change<Lead>> changes = new ArrayList<>();
        List<Integer> changed = new ArrayList<>();
        java.util.Set<String> changing = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Lead current = found.get(i);
            if (current == null) {
                creations.add(new RecordService.Creation(item.input().apply(null), null));
                created.add(i);
                continue;
            }
            checkMayChange(caller, mode, current);
            if (!changing.add(current.id())) {
                // the same lead twice in one call: record by record, each change on the one before
                throw new io.leadscore.common.ConflictException("The lead " + current.id() + " is in this call twice");
            }
            long version = item.expectedVersion() != null ? item.expectedVersion() : current.version();
            changes.add(new RecordService.Change<>(current, version, item.input()));
            changed.add(i);
        }
        // the new leads first: their keys' check then uses what the upsert's read found (nobody's), as nothing of
        // this call is written yet
        if (!creations.isEmpty()) {
            List<Lead> written = leads.createAll(caller, creations);
            for (int k = 0; k < written.size(); k++) {
                results[created.get(k)] = new Result(written.get(k), true, null);
            }
        }
        if (!changes.isEmpty()) {
            List<Lead> written = leads.updateAll(caller, changes);
            for (int k = 0; k < written.size(); k++) {
                results[changed.get(k)] = new Result(written.get(k), false, null);
            }
        }
        return List.of(results);
    }

    /** The leads the records change, read together: by id for updates (404 if one is not there), by key for upserts. */
    private Map<Integer, Lead> existingAll(Mode mode, List<Item> items) {
        Map<Integer, Lead> found = new java.util.HashMap<>();
        if (mode == Mode.CREATE) {
            return found;
        }
        Map<String, Lead> byId = new java.util.HashMap<>();
        Map<String, Lead> byKey = new java.util.HashMap<>();
        if (mode == Mode.UPDATE) {
            leads.toChange(items.stream().map(Item::id).distinct().toList()).forEach(l -> byId.put(l.id(), l));
        } else {
            Map<String, List<String>> idsBySource = new java.util.HashMap<>();
            items.forEach(i -> idsBySource.computeIfAbsent(i.externalSource(), s -> new ArrayList<>()).add(i.externalId()));
            idsBySource.forEach((source, ids) -> leads.toChangeByKey(source, ids)
                    .forEach(l -> byKey.put(l.externalSource() + "\u0000" + l.externalId(), l)));
        }
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Lead lead = mode == Mode.UPDATE ? byId.get(item.id())
                    : byKey.get(item.externalSource() + "\u0000" + item.externalId());
            if (mode == Mode.UPDATE && lead == null) {
                throw new io.leadscore.common.NotFoundException("lead", item.id());
            }
            if (lead != null) {
                found.put(i, lead);
            }
        }
        return found;
    }

    private static void checkMayChange(Caller caller, Mode mode, Lead current) {
        if (!caller.seesAll() && !caller.name().equals(current.ownerId())) {
            if (mode == Mode.UPSERT) { // as PUT by key
                throw new io.leadscore.common.ForbiddenException("externalId", "The lead with this key is owned by "
                        + "someone else; a Salesperson changes only their own leads");
            }
            // as a single update: a lead the caller may not see is not there for them
            throw new io.leadscore.common.NotFoundException("lead", current.id());
        }
    }

    /** One record in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Result one(Caller caller, Mode mode, Item item) {
        Optional<Lead> current = existing(mode, item);
        if (current.isEmpty()) {
            return new Result(leads.create(caller, item.input().apply(null)), true, null);
        }
        return update(caller, mode, current.get(), item);
    }

    /**
     * After an atomic call failed: the records again one by one in a transaction that is rolled back, to name the
     * first that fails (a failure only the bulk write meets, such as the same new key twice, is the call's own).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Failure firstFailure(Caller caller, Mode mode, List<Item> items, RuntimeException together) {
        try {
            for (int i = 0; i < items.size(); i++) {
                try {
                    one(caller, mode, items.get(i));
                } catch (RuntimeException e) {
                    return new Failure(i, e);
                }
            }
            return new Failure(-1, together);
        } finally {
            context.setRollbackOnly();
        }
    }

    /** The lead a record changes: by id for an update (404 if the caller cannot see it), by key for an upsert. */
    private Optional<Lead> existing(Mode mode, Item item) {
        return switch (mode) {
            case CREATE -> Optional.empty();
            case UPDATE -> Optional.of(leads.find(item.id())
                    .orElseThrow(() -> new io.leadscore.common.NotFoundException("lead", item.id())));
            case UPSERT -> leads.byKey(item.externalSource(), item.externalId());
        };
    }

    private Result update(Caller caller, Mode mode, Lead current, Item item) {
        checkMayChange(caller, mode, current);
        long version = item.expectedVersion() != null ? item.expectedVersion() : current.version();
        return new Result(leads.update(caller, current.id(), version, item.input().apply(current)), false, null);
    }
}
