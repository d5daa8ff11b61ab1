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

/**
 * Accounts: shared by the sales team (organisation-level read and write). Deleting one keeps its
 * contacts and leads, without it (the database sets their reference to null).
 */
@Stateless
public class AccountService extends RecordService<Account> {

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;
    @EJB
    private AccountService self;

    public AccountService() {
        super(Account.class, CustomerSchemas.ACCOUNT);
    }

    @Override
    protected EntityManager em() {
        return em;
    }

    @Override
    protected AccountService self() {
        return self;
    }

    @Override
    protected Account newRecord(RecordInput input, String ownerId, Instant now) {
        return new Account(input, ownerId, now);
    }

    public Page<Account> list(Caller caller, ListQuery query) {
        return query(query.withDefaultOrder("name asc"), List.of());
    }
}
