package io.leadscore.operations;

import io.leadscore.plugin.OperationScope;
import io.leadscore.sdk.Record;
import io.leadscore.sdk.RecordOperations;
import io.leadscore.common.Caller;
import io.leadscore.common.CrmRecord;
import io.leadscore.record.RecordService;
import io.leadscore.common.RecordValues;
import io.leadscore.common.ValidationException;
import io.leadscore.customer.AccountService;
import io.leadscore.customer.ContactService;
import io.leadscore.lead.LeadService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * The host's {@link RecordOperations}: the lead, account and contact services, called as a System
 * Administrator in the name of the operation's initiating user, so every write goes through the pipeline
 * (one level deeper: the services see the operation running on this thread).
 */
@ApplicationScoped
public class HostRecordOperations implements RecordOperations {

    @EJB
    private LeadService leads;
    @EJB
    private AccountService accounts;
    @EJB
    private ContactService contacts;

    private RecordService<? extends CrmRecord> service(String entity) {
        return switch (entity == null ? "" : entity) {
            case "lead" -> leads;
            case "account" -> accounts;
            case "contact" -> contacts;
            default -> throw new ValidationException("entity", "must be lead, account or contact, not '" + entity + "'");
        };
    }

    private static Caller caller(String name) {
        return new Caller(name == null ? "system" : name, false, false, true, false);
    }

    private static String user() {
        return OperationScope.currentUser();
    }

    @Override
    public Record retrieve(String entity, String id) {
        RecordService<? extends CrmRecord> s = service(entity);
        return s.find(id).map(r -> new Record(entity, id, RecordValues.of(s.schema(), r), false))
                .orElseGet(() -> new Record(entity, id, Map.of(), false));
    }

    @Override
    public String create(String entity, Map<String, Object> values) {
        RecordService<? extends CrmRecord> s = service(entity);
        return s.create(caller(user()), RecordValues.input(s.schema(), values)).id();
    }

    @Override
    public void update(String entity, String id, Map<String, Object> values) {
        service(entity).change(caller(user()), id, values);
    }

    @Override
    public void delete(String entity, String id) {
        service(entity).delete(caller(user()), id, null);
    }
}
