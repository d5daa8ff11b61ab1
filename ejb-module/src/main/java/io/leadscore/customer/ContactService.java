package io.leadscore.customer;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordStore;
import io.leadscore.filter.RecordQueries;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.leadscore.common.Times;
import java.util.List;

/** Contacts: shared by the sales team (organisation-level read and write). */
@Stateless
public class ContactService {

    static final String ENTITY = "contact";

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;

    public Contact create(Caller caller, RecordInput input) {
        RecordStore.checkReference(em, Account.class, "accountId", input.text("accountId"));
        Contact contact = new Contact(input, RecordStore.ownerFor(caller, input), Times.now());
        em.persist(contact);
        em.flush();
        return contact;
    }

    public Contact get(Caller caller, String id) {
        return RecordStore.visible(em, Contact.class, ENTITY, caller, id);
    }

    public Contact update(Caller caller, String id, long expectedVersion, RecordInput input) {
        Contact contact = get(caller, id);
        RecordStore.checkVersion(contact, ENTITY, expectedVersion);
        RecordStore.checkOwnerChange(caller, contact, input);
        RecordStore.checkReference(em, Account.class, "accountId", input.text("accountId"));
        return RecordStore.write(em, contact, ENTITY, c -> c.update(input, Times.now()));
    }

    public void delete(Caller caller, String id, Long expectedVersion) {
        Contact contact = get(caller, id);
        RecordStore.checkVersion(contact, ENTITY, expectedVersion);
        em.remove(contact);
        em.flush();
    }

    public Page<Contact> list(Caller caller, ListQuery query) {
        return RecordQueries.list(em, Contact.class, CustomerSchemas.CONTACT, query.withDefaultOrder("lastName asc"), List.of());
    }
}
