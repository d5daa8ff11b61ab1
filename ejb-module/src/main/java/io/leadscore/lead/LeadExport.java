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
 * Every lead of a list query, handed over in batches through a database cursor, for exports: one read-only
 * transaction as long as the export takes (an hour at most), constant memory however many leads there are.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class LeadExport {

    private static final int BATCH = 1000;
    private static final int TIMEOUT_SECONDS = 3600;

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;
    @Resource
    private UserTransaction tx;

    /** The names of the custom attributes leads carry, sorted: the export's attribute columns. */
    public List<String> attributeNames() {
        return em.createNativeQuery("SELECT DISTINCT name FROM crm_lead_attribute ORDER BY name").getResultList();
    }

    /** Hands every lead the caller may see in the view and query to {@code rows}, in order, a batch at a time. */
    public long forEach(Caller caller, LeadService.View view, ListQuery query, Consumer<List<Lead>> rows) {
        try {
            tx.setTransactionTimeout(TIMEOUT_SECONDS);
            tx.begin();
            try {
                return RecordQueries.forEach(em, Lead.class, LeadSchema.LEAD, LeadService.order(view, query),
                        LeadService.restrictions(caller, view), BATCH, rows);
            } finally {
                tx.rollback(); // read only
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The export could not read the leads: " + e.getMessage(), e);
        }
    }
}
