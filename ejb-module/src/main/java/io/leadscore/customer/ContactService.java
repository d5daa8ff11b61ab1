package io.leadscore.customer;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordService;
import io.leadscore.common.RecordStore;
import io.leadscore.common.Times;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/** Contacts: shared by the sales team (organisation-level read and write). */
@Stateless
public class ContactService extends RecordService<Contact> {

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;

    public ContactService() {
        super(Contact.class, CustomerSchemas.CONTACT);
    }

    @Override
    protected EntityManager em() {
        return em;
    }

    public Contact create(Caller caller, RecordInput input) {
        checkReferences(input);
        return persist(new Contact(input, RecordStore.ownerFor(caller, input), Times.now()));
    }

    public Page<Contact> list(Caller caller, ListQuery query) {
        return query(query.withDefaultOrder("lastName asc"), List.of());
    }
}
