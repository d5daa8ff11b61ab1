package io.leadscore.lead;

import io.leadscore.common.Caller;
import io.leadscore.common.ConflictException;
import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordService;
import io.leadscore.common.Times;
import io.leadscore.common.ValidationException;
import io.leadscore.db.TransactionConnection;
import io.leadscore.filter.RecordQueries;
import jakarta.ejb.Stateless;
import io.leadscore.plugin.Message;
import jakarta.ejb.EJB;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    @EJB
    private LeadService self;

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
        try (LeadInserts inserts = new LeadInserts(TransactionConnection.of(em))) {
            for (Lead lead : leads) {
                inserts.add(LeadRow.of(lead));
                lead.insertedDirectly();
            }
            inserts.execute();
        } catch (SQLException e) {
            throw new PersistenceException("Could not insert " + leads.size() + " leads: " + e.getMessage(), e);
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
