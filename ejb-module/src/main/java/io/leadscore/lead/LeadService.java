package io.leadscore.lead;

import io.leadscore.common.Caller;
import io.leadscore.common.ConflictException;
import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.record.RecordService;
import io.leadscore.common.Times;
import io.leadscore.common.ValidationException;
import io.leadscore.filter.RecordQueries;
import jakarta.ejb.Stateless;
import io.leadscore.sdk.Message;
import jakarta.ejb.EJB;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates, changes, closes and queries leads, one transaction per call. A Salesperson sees and changes
 * only the leads they own; a closed lead is read-only.
 */
@Stateless
public class LeadService extends RecordService<Lead> {

    /** The views of API.md that a collection request may name. */
    public enum View {
        ALL, MY_OPEN_SCORED;

        public static View parse(String text) {
            if (text == null || text.isBlank()) {
                return ALL;
            }
            if (text.equals("my-open-scored")) {
                return MY_OPEN_SCORED;
            }
            throw new ValidationException("view", "unknown view '" + text + "'; known views: my-open-scored");
        }
    }

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;

    @jakarta.inject.Inject
    private LeadRepository repository;
    @EJB
    private LeadService self;
    @jakarta.annotation.Resource
    private jakarta.transaction.TransactionSynchronizationRegistry transactions;

    public LeadService() {
        super(Lead.class, LeadSchema.LEAD);
    }

    @Override
    protected EntityManager em() {
        return em;
    }

    @Override
    protected LeadService self() {
        return self;
    }

    @Override
    protected Lead newRecord(RecordInput input, String ownerId, Instant now) {
        return new Lead(input, ownerId, now);
    }

    /** New leads and their attributes in JDBC batches: an import's chunk writes hundreds at once. */
    @Override
    protected void insertAll(List<Lead> leads) {
        repository.insertAll(leads);
    }

    /**
     * Leads changed in bulk, read by {@link #toChange} or {@link #toChangeByKey}: their rows and the attributes that
     * changed in one statement per table (JPA wrote a row per lead and read each lead's attributes on its own). Leads
     * read through JPA are written by its flush.
     */
    @Override
    protected void writeChanged(List<Lead> leads, String changedMeanwhile) {
        if (leads.stream().allMatch(l -> l.attributesAsStored() != null)) {
            repository.updateAll(leads, changedMeanwhile);
        } else { // managed entities (read through JPA): flushed as they are
            super.writeChanged(leads, changedMeanwhile);
        }
    }

    /** A lead from an import, with its past: created then, and closed then as it says. */
    @Override
    protected Lead newRecord(RecordInput input, String ownerId, Instant now, java.io.Serializable history) {
        if (!(history instanceof LeadHistory h)) {
            return newRecord(input, ownerId, now);
        }
        Lead lead = new Lead(input, ownerId, h.createdOn() != null ? h.createdOn() : now);
        if (h.status() == LeadStatus.QUALIFIED) {
            lead.qualify(h.closedOn());
        } else if (h.status() == LeadStatus.DISQUALIFIED) {
            lead.disqualify(h.closedOn());
        }
        return lead;
    }

    /** A lead's alternate key (Dataverse's): both parts or neither, and no other lead with the same. */
    @Override
    protected void checkInput(RecordInput input, Lead existing) {
        super.checkInput(input, existing);
        String source = input.text("externalSource");
        String id = input.text("externalId");
        if (source == null && id == null) {
            return;
        }
        if (source == null) {
            throw new ValidationException("externalSource", "is required with externalId (the two are the lead's key "
                    + "in the system it comes from)");
        }
        if (id == null) {
            throw new ValidationException("externalId", "is required with externalSource");
        }
        // the id alone (no lead read and built), and without flushing what the transaction has pending first: a
        // bulk call checks each of its records before writing them all in one flush (the database's unique key
        // still refuses a key two records of one call share); a bulk write has read its keys together
        if (existing != null && source.equals(existing.externalSource()) && id.equals(existing.externalId())) {
            return; // the lead's own key: unique, so no other lead has it
        }
        KeyOwners known = (KeyOwners) transactions.getResource(KeyOwners.class);
        String owner = known != null && known.read(source, id) ? known.owner(source, id) : repository.keyOwners(source, List.of(id)).get(id);
        if (owner != null && (existing == null || !owner.equals(existing.id()))) {
            throw new ConflictException("externalId: another lead has externalSource '" + source + "' and externalId '"
                    + id + "'; PUT /api/v1/leads/by-key/{externalSource}/{externalId} updates it");
        }
    }

    /** The alternate keys of a bulk write's records, and the leads that have them now: read once for all of them. */
    @Override
    protected void checkingAll(List<RecordInput> inputs, List<Lead> existing) {
        Map<String, List<String>> idsBySource = new java.util.HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            RecordInput input = inputs.get(i);
            String source = input.text("externalSource");
            String id = input.text("externalId");
            Lead lead = existing == null ? null : existing.get(i);
            boolean itsOwn = lead != null && java.util.Objects.equals(source, lead.externalSource())
                    && java.util.Objects.equals(id, lead.externalId());
            if (source != null && id != null && !itsOwn) {
                idsBySource.computeIfAbsent(source, s -> new ArrayList<>()).add(id);
            }
        }
        // the keys an upsert read its leads by (toChangeByKey, just before) are known: looked up again only the others
        KeyOwners known = keysRead();
        idsBySource.forEach((source, ids) -> {
            List<String> unknown = ids.stream().filter(id -> !known.read(source, id)).toList();
            if (!unknown.isEmpty()) {
                known.add(source, unknown, repository.keyOwners(source, unknown));
            }
        });
        transactions.putResource(KeyOwners.class, known);
    }

    /** The key owners this transaction has read and may still rely on, as a copy to add to. */
    private KeyOwners keysRead() {
        KeyOwners read = (KeyOwners) transactions.getResource(KeyOwners.class);
        return new KeyOwners(new java.util.HashMap<>(read == null ? Map.of() : read.owners()));
    }

    /** Later checks in the transaction read keys again: the call's own writes have changed them. */
    @Override
    protected void checkedAll() {
        transactions.putResource(KeyOwners.class, new KeyOwners(Map.of()));
    }

    /** Which leads have which keys, as a bulk write read them: a key read and nobody's is an empty owner. */
    private record KeyOwners(Map<String, java.util.Optional<String>> owners) {
        boolean read(String source, String id) {
            return owners.containsKey(key(source, id));
        }

        String owner(String source, String id) {
            return owners.get(key(source, id)).orElse(null);
        }

        /** These keys of the source were read: {@code owners} gives the lead of each that has one. */
        void add(String source, java.util.Collection<String> ids, Map<String, String> owners) {
            ids.forEach(id -> this.owners.put(key(source, id), java.util.Optional.ofNullable(owners.get(id))));
        }

        private static String key(String source, String id) {
            return source + "\u0000" + id;
        }
    }

    /** The lead with this alternate key, whoever owns it. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public java.util.Optional<Lead> byKey(String externalSource, String externalId) {
        return repository.byKey(externalSource, externalId);
    }

    /**
     * The leads of these ids (any owner) that exist, as the database has them now, to be changed by
     * {@link #updateAll} in the same transaction: read together, not managed by JPA.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public List<Lead> toChange(List<String> ids) {
        return repository.toChange(ids);
    }

    /**
     * The leads with these alternate keys of one source, as {@link #toChange} reads them. The keys' owners as read
     * are kept for the checks of the transaction's next bulk write, which therefore must come before anything else
     * is written ({@link LeadBulk} creates the new keys' leads first): a key read and nobody's is not looked up again.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public List<Lead> toChangeByKey(String externalSource, List<String> externalIds) {
        List<Lead> found = repository.toChangeByKey(externalSource, externalIds);
        Map<String, String> owners = new java.util.HashMap<>();
        found.forEach(l -> owners.put(l.externalId(), l.id()));
        KeyOwners known = keysRead();
        known.add(externalSource, externalIds, owners);
        transactions.putResource(KeyOwners.class, known);
        return found;
    }

    /** What an upsert did: the lead, and whether it was created (else updated). */
    public record Upserted(Lead lead, boolean created) {
    }

    /**
     * Creates the lead with this alternate key, or updates it if there is one (Dataverse's upsert), through the
     * pipeline as a Create or an Update. {@code input} gives the values to write from the current lead (null when
     * there is none); {@code expectedVersion}, if given, must be the current lead's version (412 otherwise, and when
     * there is no lead). When another request creates the same key at the same moment, this one updates it; without
     * {@code expectedVersion}, a change made meanwhile by another request is read again and the input applied to it.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Upserted upsert(Caller caller, String externalSource, String externalId, Long expectedVersion,
                           java.util.function.Function<Lead, RecordInput> input) {
        checkKey(externalSource, externalId);
        for (int attempt = 0; ; attempt++) {
            java.util.Optional<Lead> found = byKey(externalSource, externalId);
            if (found.isEmpty()) {
                if (expectedVersion != null) {
                    throw new io.leadscore.common.VersionMismatchException("No lead has this key; If-Match asked for "
                            + "version " + expectedVersion);
                }
                try {
                    return new Upserted(create(caller, input.apply(null)), true);
                } catch (RuntimeException e) {
                    if (attempt == 0 && byKey(externalSource, externalId).isPresent()) {
                        continue; // created by another request meanwhile (a duplicate key): update that one
                    }
                    throw e;
                }
            }
            Lead current = found.get();
            if (!caller.seesAll() && !caller.name().equals(current.ownerId())) {
                throw new io.leadscore.common.ForbiddenException("externalId", "The lead with this key is owned by "
                        + "someone else; a Salesperson changes only their own leads");
            }
            long version = expectedVersion != null ? expectedVersion : current.version();
            try {
                return new Upserted(update(caller, current.id(), version, input.apply(current)), false);
            } catch (io.leadscore.common.VersionMismatchException e) {
                if (expectedVersion != null || attempt >= 10) {
                    throw e;
                }
                // no If-Match: another request changed the lead between the read and the write; apply to the new one
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(5, 5 + 10 * attempt + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A key as a path gives it: both parts present and within their lengths. */
    public static void checkKey(String externalSource, String externalId) {
        if (externalSource == null || externalSource.isBlank() || externalSource.length() > 100) {
            throw new ValidationException("externalSource", "must be 1 to 100 characters");
        }
        if (externalId == null || externalId.isBlank() || externalId.length() > 200) {
            throw new ValidationException("externalId", "must be 1 to 200 characters");
        }
    }

    @Override
    protected void checkUpdatable(Lead lead) {
        if (lead.status() != LeadStatus.OPEN) {
            throw new ConflictException("The lead is " + lead.status() + "; a closed lead is read-only");
        }
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Lead qualify(Caller caller, String id, Long expectedVersion) {
        return act(caller, id, expectedVersion, Message.Qualify, lead -> lead.qualify(Times.now()));
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Lead disqualify(Caller caller, String id, Long expectedVersion) {
        return act(caller, id, expectedVersion, Message.Disqualify, lead -> lead.disqualify(Times.now()));
    }

    public Page<Lead> list(Caller caller, View view, ListQuery query) {
        return query(order(view, query), restrictions(caller, view));
    }

    /** What a caller may see of a view: a Salesperson their own leads; "my open scored" the caller's scored open ones. */
    static List<RecordQueries.Restriction> restrictions(Caller caller, View view) {
        List<RecordQueries.Restriction> restrictions = new ArrayList<>();
        if (!caller.seesAll() || view == View.MY_OPEN_SCORED) {
            restrictions.add((cb, root) -> cb.equal(root.get("ownerId"), caller.name()));
        }
        if (view == View.MY_OPEN_SCORED) {
            restrictions.add((cb, root) -> cb.equal(root.get("status"), LeadStatus.OPEN));
            restrictions.add((cb, root) -> cb.isNotNull(root.get("scoreValue")));
        }
        return restrictions;
    }

    static ListQuery order(View view, ListQuery query) {
        return view == View.MY_OPEN_SCORED ? query.withDefaultOrder("score/value desc") : query;
    }
}
