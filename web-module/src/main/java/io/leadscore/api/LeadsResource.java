package io.leadscore.api;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordSchema;
import io.leadscore.common.RecordService;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadSchema;
import io.leadscore.lead.LeadService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Leads: {@code /api/v1/leads} (API.md "Leads"). A Salesperson sees and changes only their own;
 * {@code ?view=my-open-scored} lists the caller's open leads; qualify and disqualify close a lead.
 */
@Path("leads")
@RequestScoped
@Tag(name = "Leads")
public class LeadsResource extends RecordResource<Lead, LeadView> {

    @EJB
    private LeadService leads;

    @Override
    protected RecordService<Lead> service() {
        return leads;
    }

    @Override
    protected RecordSchema schema() {
        return LeadSchema.LEAD;
    }

    @Override
    protected LeadView view(Lead record) {
        return LeadView.of(record);
    }

    @Override
    protected Lead create(Caller caller, RecordInput input) {
        return leads.create(caller, input);
    }

    @Override
    protected Page<Lead> page(Caller caller, ListQuery query) {
        return leads.list(caller, LeadService.View.parse(uri.getQueryParameters().getFirst("view")), query);
    }

    @POST
    @Path("{id}/qualify")
    @Operation(summary = "Qualify an open lead", description = "Sets status QUALIFIED and closedOn; 409 if the lead is closed")
    public Response qualify(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return ok(leads.qualify(caller(), id, Etags.ifMatch(ifMatch)));
    }

    @POST
    @Path("{id}/disqualify")
    @Operation(summary = "Disqualify an open lead", description = "Sets status DISQUALIFIED and closedOn; 409 if the lead is closed")
    public Response disqualify(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return ok(leads.disqualify(caller(), id, Etags.ifMatch(ifMatch)));
    }
}
