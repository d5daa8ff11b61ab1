package io.leadscore.api;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordSchema;
import io.leadscore.record.RecordService;
import io.leadscore.customer.Contact;
import io.leadscore.customer.ContactService;
import io.leadscore.customer.CustomerSchemas;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Contacts: {@code /api/v1/contacts}. The sales team shares them; only managers and administrators delete. */
@Path("contacts")
@RequestScoped
@Tag(name = "Contacts")
public class ContactsResource extends RecordResource<Contact, ContactView> {

    @EJB
    private ContactService contacts;

    @Override
    protected RecordService<Contact> service() {
        return contacts;
    }

    @Override
    protected RecordSchema schema() {
        return CustomerSchemas.CONTACT;
    }

    @Override
    protected ContactView view(Contact record) {
        return ContactView.of(record);
    }

    @Override
    protected Page<Contact> page(Caller caller, ListQuery query) {
        return contacts.list(caller, query);
    }

    @Override
    @RolesAllowed({Caller.SALES_MANAGER, Caller.SYSTEM_ADMINISTRATOR})
    public Response delete(String id, String ifMatch) {
        return super.delete(id, ifMatch);
    }
}
