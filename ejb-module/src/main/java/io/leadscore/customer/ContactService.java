package io.leadscore.customer;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.record.RecordService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;

/** Contacts: shared by the sales team (organisation-level read and write). */
@Stateless
public class ContactService extends RecordService<Contact> {

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;
    @EJB
    private ContactService self;

    public ContactService() {
        super(Contact.class, CustomerSchemas.CONTACT);
    }

    @Override
    protected EntityManager em() {
        return em;
    }

    @Override
    protected ContactService self() {
        return self;
    }

    @Override
    protected Contact newRecord(RecordInput input, String ownerId, Instant now) {
        return new Contact(input, ownerId, now);
    }

    public Page<Contact> list(Caller caller, ListQuery query) {
        return query(query.withDefaultOrder("lastName asc"), List.of());
    }
}
