package io.leadscore.model;

import io.leadscore.common.AttributeValue;
import io.leadscore.common.CrmRecord;
import io.leadscore.filter.Bound;
import io.leadscore.customer.Account;
import io.leadscore.customer.Contact;
import io.leadscore.lead.Lead;
import io.leadscore.scoring.FeatureSource;
import jakarta.persistence.EntityManager;

import java.util.function.BiFunction;

/**
 * A lead as models and in-memory filters read it: its fields, its custom attributes, and those of its
 * account and contact.
 */
public final class LeadFeatures implements FeatureSource {

    private final Lead lead;
    private final BiFunction<Class<? extends CrmRecord>, String, CrmRecord> records;

    /** {@code em} finds a related record that the lead's association does not hold yet (a new or changed reference). */
    public LeadFeatures(Lead lead, EntityManager em) {
        this(lead, em == null ? null : (type, id) -> em.find(type, id));
    }

    /** {@code records} finds a related record by type and id (a new or changed reference); null: none is looked up. */
    public LeadFeatures(Lead lead, BiFunction<Class<? extends CrmRecord>, String, CrmRecord> records) {
        this.lead = lead;
        this.records = records;
    }

    public Lead lead() {
        return lead;
    }

    @Override
    public Object value(String path) {
        int slash = path.indexOf('/');
        if (slash < 0) {
            return lead.field(path);
        }
        String head = path.substring(0, slash);
        String rest = path.substring(slash + 1);
        if (head.equals("attributes")) {
            return plain(lead.attribute(rest));
        }
        CrmRecord related = related(head);
        if (related == null) {
            return null;
        }
        return rest.startsWith("attributes/") ? plain(related.attribute(rest.substring("attributes/".length())))
                : related.field(rest);
    }

    /** The value a filter reference designates: a field value, or the stored attribute value. */
    public Object resolve(Bound.Ref ref) {
        CrmRecord record = ref.relation() == null ? lead : related(ref.relation().name());
        if (record == null) {
            return null;
        }
        if (ref instanceof Bound.AttributeRef a) {
            return record.attribute(a.name());
        }
        return record.field(((Bound.FieldRef) ref).field().name());
    }

    private CrmRecord related(String relation) {
        return switch (relation) {
            case "account" -> current(lead.account(), lead.accountId(), Account.class);
            case "contact" -> current(lead.contact(), lead.contactId(), Contact.class);
            default -> null;
        };
    }

    private <T extends CrmRecord> T current(T associated, String id, Class<T> type) {
        if (id == null) {
            return null;
        }
        if (associated != null && id.equals(associated.id())) {
            return associated;
        }
        return records == null ? null : type.cast(records.apply(type, id));
    }

    private static Object plain(AttributeValue v) {
        return v == null ? null : v.value();
    }
}
