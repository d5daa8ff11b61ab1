package io.leadscore.lead;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordStore;
import io.leadscore.customer.Account;
import io.leadscore.customer.Contact;
import io.leadscore.filter.RecordQueries;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.leadscore.common.Times;
import java.util.ArrayList;
import java.util.List;

/** Creates, changes, closes and queries leads, one transaction per call, with the caller's access rules. */
@Stateless
public class LeadService {

    static final String ENTITY = "lead";

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
            throw new io.leadscore.common.ValidationException("view", "unknown view '" + text + "'; known views: my-open-scored");
        }
    }

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;

    public Lead create(Caller caller, RecordInput input) {
        String owner = RecordStore.ownerFor(caller, input);
        checkReferences(input);
        Lead lead = new Lead(input, owner, Times.now());
        em.persist(lead);
        em.flush();
        return lead;
    }

    public Lead get(Caller caller, String id) {
        return RecordStore.visible(em, Lead.class, ENTITY, caller, id);
    }

    public Lead update(Caller caller, String id, long expectedVersion, RecordInput input) {
        Lead lead = get(caller, id);
        RecordStore.checkVersion(lead, ENTITY, expectedVersion);
        if (lead.status() != LeadStatus.OPEN) {
            throw new io.leadscore.common.ConflictException("The lead is " + lead.status()
                    + "; a closed lead is read-only");
        }
        RecordStore.checkOwnerChange(caller, lead, input);
        checkReferences(input);
        return RecordStore.write(em, lead, ENTITY, l -> l.update(input, Times.now()));
    }

    public void delete(Caller caller, String id, Long expectedVersion) {
        Lead lead = get(caller, id);
        RecordStore.checkVersion(lead, ENTITY, expectedVersion);
        em.remove(lead);
        em.flush();
    }

    public Lead qualify(Caller caller, String id, Long expectedVersion) {
        Lead lead = get(caller, id);
        RecordStore.checkVersion(lead, ENTITY, expectedVersion);
        return RecordStore.write(em, lead, ENTITY, l -> l.qualify(Times.now()));
    }

    public Lead disqualify(Caller caller, String id, Long expectedVersion) {
        Lead lead = get(caller, id);
        RecordStore.checkVersion(lead, ENTITY, expectedVersion);
        return RecordStore.write(em, lead, ENTITY, l -> l.disqualify(Times.now()));
    }

    public Page<Lead> list(Caller caller, View view, ListQuery query) {
        List<RecordQueries.Restriction> restrictions = new ArrayList<>();
        if (!caller.seesAll() || view == View.MY_OPEN_SCORED) {
            restrictions.add((cb, root) -> cb.equal(root.get("ownerId"), caller.name()));
        }
        ListQuery q = query;
        if (view == View.MY_OPEN_SCORED) {
            restrictions.add((cb, root) -> cb.equal(root.get("status"), LeadStatus.OPEN));
            // TODO(#3): order by score, best first, once leads are scored
            q = q.withDefaultOrder("createdOn desc");
        }
        return RecordQueries.list(em, Lead.class, LeadSchema.LEAD, q, restrictions);
    }

    private void checkReferences(RecordInput input) {
        RecordStore.checkReference(em, Account.class, "accountId", input.text("accountId"));
        RecordStore.checkReference(em, Contact.class, "contactId", input.text("contactId"));
    }
}
