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

/** Accounts: shared by the sales team (organisation-level read and write). */
@Stateless
public class AccountService {

    static final String ENTITY = "account";

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;

    public Account create(Caller caller, RecordInput input) {
        Account account = new Account(input, RecordStore.ownerFor(caller, input), Times.now());
        em.persist(account);
        em.flush();
        return account;
    }

    public Account get(Caller caller, String id) {
        return RecordStore.visible(em, Account.class, ENTITY, caller, id);
    }

    public Account update(Caller caller, String id, long expectedVersion, RecordInput input) {
        Account account = get(caller, id);
        RecordStore.checkVersion(account, ENTITY, expectedVersion);
        RecordStore.checkOwnerChange(caller, account, input);
        return RecordStore.write(em, account, ENTITY, a -> a.update(input, Times.now()));
    }

    /** Deletes the account; its contacts and leads keep existing without it (the database sets their reference to null). */
    public void delete(Caller caller, String id, Long expectedVersion) {
        Account account = get(caller, id);
        RecordStore.checkVersion(account, ENTITY, expectedVersion);
        em.remove(account);
        em.flush();
    }

    public Page<Account> list(Caller caller, ListQuery query) {
        return RecordQueries.list(em, Account.class, CustomerSchemas.ACCOUNT, query.withDefaultOrder("name asc"), List.of());
    }
}
