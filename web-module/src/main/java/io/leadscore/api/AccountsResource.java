package io.leadscore.api;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordSchema;
import io.leadscore.record.RecordService;
import io.leadscore.customer.Account;
import io.leadscore.customer.AccountService;
import io.leadscore.customer.CustomerSchemas;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Accounts: {@code /api/v1/accounts}. The sales team shares them; only managers and administrators delete. */
@Path("accounts")
@RequestScoped
@Tag(name = "Accounts")
public class AccountsResource extends RecordResource<Account, AccountView> {

    @EJB
    private AccountService accounts;

    @Override
    protected RecordService<Account> service() {
        return accounts;
    }

    @Override
    protected RecordSchema schema() {
        return CustomerSchemas.ACCOUNT;
    }

    @Override
    protected AccountView view(Account record) {
        return AccountView.of(record);
    }

    @Override
    protected Page<Account> page(Caller caller, ListQuery query) {
        return accounts.list(caller, query);
    }

    @Override
    @RolesAllowed({Caller.SALES_MANAGER, Caller.SYSTEM_ADMINISTRATOR})
    public Response delete(String id, String ifMatch) {
        return super.delete(id, ifMatch);
    }
}
