package io.leadscore.lead;

import io.leadscore.common.Caller;
import io.leadscore.common.ConflictException;
import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordService;
import io.leadscore.common.RecordStore;
import io.leadscore.common.Times;
import io.leadscore.common.ValidationException;
import io.leadscore.filter.RecordQueries;
import jakarta.ejb.Stateless;
import io.leadscore.plugin.Message;
import io.leadscore.plugin.PluginHost;
import jakarta.ejb.EJB;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

    private static final String ENTITY = "lead";

    @EJB
    private PluginHost plugins;

    public LeadService() {
        super(Lead.class, LeadSchema.LEAD);
    }

    @Override
    protected EntityManager em() {
        return em;
    }

    @Override
    protected void checkUpdatable(Lead lead) {
        if (lead.status() != LeadStatus.OPEN) {
            throw new ConflictException("The lead is " + lead.status() + "; a closed lead is read-only");
        }
    }

    public Lead create(Caller caller, RecordInput input) {
        String owner = RecordStore.ownerFor(caller, input);
        checkReferences(input);
        Lead lead = persist(new Lead(input, owner, Times.now()));
        plugins.written(Message.Create, ENTITY, lead.id(), null, LeadValues.of(lead), caller.name());
        return lead;
    }

    @Override
    public Lead update(Caller caller, String id, long expectedVersion, RecordInput input) {
        Map<String, Object> before = LeadValues.of(get(caller, id));
        Lead lead = super.update(caller, id, expectedVersion, input);
        plugins.written(Message.Update, ENTITY, lead.id(), before, LeadValues.of(lead), caller.name());
        return lead;
    }

    @Override
    public void delete(Caller caller, String id, Long expectedVersion) {
        Map<String, Object> before = LeadValues.of(get(caller, id));
        super.delete(caller, id, expectedVersion);
        plugins.written(Message.Delete, ENTITY, id, before, null, caller.name());
    }

    public Lead qualify(Caller caller, String id, Long expectedVersion) {
        return close(caller, id, expectedVersion, Message.Qualify, lead -> lead.qualify(Times.now()));
    }

    public Lead disqualify(Caller caller, String id, Long expectedVersion) {
        return close(caller, id, expectedVersion, Message.Disqualify, lead -> lead.disqualify(Times.now()));
    }

    private Lead close(Caller caller, String id, Long expectedVersion, Message message, Consumer<Lead> outcome) {
        Lead lead = get(caller, id);
        RecordStore.checkVersion(lead, LeadSchema.LEAD.entityName(), expectedVersion);
        Map<String, Object> before = LeadValues.of(lead);
        RecordStore.write(em, lead, LeadSchema.LEAD.entityName(), outcome);
        plugins.written(message, ENTITY, lead.id(), before, LeadValues.of(lead), caller.name());
        return lead;
    }

    public Page<Lead> list(Caller caller, View view, ListQuery query) {
        List<RecordQueries.Restriction> restrictions = new ArrayList<>();
        if (!caller.seesAll() || view == View.MY_OPEN_SCORED) {
            restrictions.add((cb, root) -> cb.equal(root.get("ownerId"), caller.name()));
        }
        ListQuery q = query;
        if (view == View.MY_OPEN_SCORED) {
            restrictions.add((cb, root) -> cb.equal(root.get("status"), LeadStatus.OPEN));
            restrictions.add((cb, root) -> cb.isNotNull(root.get("scoreValue")));
            q = q.withDefaultOrder("score/value desc");
        }
        return query(q, restrictions);
    }
}
