package io.leadscore.lead;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.filter.RecordQueries;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

import java.util.List;
import java.util.function.Consumer;

/**
 * Every lead of a list query, handed over a batch at a time, for exports. Each batch is read in a short read-only
 * transaction of its own and the next continues after the last row of the one before (keyset), so a slow client
 * holds no connection, no transaction and no lock between batches, and memory stays the same however many leads
 * there are.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class LeadExport {

    private static final int BATCH = 1000;

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;
    @Resource
    private UserTransaction tx;
    @jakarta.inject.Inject
    private LeadRepository repository;

    /** The names of the custom attributes leads carry, sorted: the export's attribute columns. */
    public List<String> attributeNames() {
        return repository.attributeNames();
    }

    /** Hands every lead the caller may see in the view and query to {@code rows}, in order, a batch at a time. */
    public long forEach(Caller caller, LeadService.View view, ListQuery query, Consumer<List<Lead>> rows) {
        ListQuery ordered = LeadService.order(view, query);
        List<RecordQueries.Restriction> restrictions = LeadService.restrictions(caller, view);
        RecordQueries.Position at = null;
        long n = 0;
        do {
            RecordQueries.Batch<Lead> batch = read(ordered, restrictions, at);
            if (!batch.items().isEmpty()) {
                rows.accept(batch.items()); // outside any transaction: the client may take its time
                n += batch.items().size();
            }
            at = batch.next();
        } while (at != null);
        return n;
    }

    private RecordQueries.Batch<Lead> read(ListQuery query, List<RecordQueries.Restriction> restrictions,
                                           RecordQueries.Position at) {
        try {
            tx.begin();
            try {
                return RecordQueries.batch(em, Lead.class, LeadSchema.LEAD, query, restrictions, at, BATCH);
            } finally {
                tx.rollback(); // read only
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The export could not read the leads", e);
        }
    }
}
