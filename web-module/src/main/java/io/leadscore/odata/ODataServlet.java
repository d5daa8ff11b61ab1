package io.leadscore.odata;

import io.leadscore.api.CsrfFilter;
import io.leadscore.common.Caller;
import io.leadscore.customer.AccountService;
import io.leadscore.customer.ContactService;
import io.leadscore.lead.LeadService;
import io.leadscore.model.ScoringService;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataHttpHandler;
import org.apache.olingo.server.api.ServiceMetadata;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import static io.leadscore.common.Jsons.JSON;

/**
 * The OData v4 service at {@code /odata/v4} (Apache Olingo): Leads, Accounts and Contacts with their scores, for
 * integrators who speak the Dataverse Web API and for Excel and Power BI ("From OData feed"). The same roles as the
 * record endpoints of {@code /api/v1}; changes are refused when a browser says another site sent them (CsrfFilter).
 */
@WebServlet(urlPatterns = "/odata/v4/*")
@ServletSecurity(@HttpConstraint(rolesAllowed = {Caller.SALESPERSON, Caller.SALES_MANAGER, Caller.SYSTEM_ADMINISTRATOR}))
public class ODataServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private LeadService leads;
    @EJB
    private AccountService accounts;
    @EJB
    private ContactService contacts;
    @EJB
    private ScoringService scoring;
    /** A $batch's change set is one transaction (ChangeSets). */
    @jakarta.annotation.Resource
    private jakarta.transaction.UserTransaction transaction;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String refusal = CsrfFilter.refusal(request.getMethod(), request::getHeader,
                request.getCookies() != null && request.getCookies().length > 0);
        if (refusal != null) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json");
            response.getWriter().write(JSON.createObjectBuilder().add("error", jakarta.json.Json
                    .createObjectBuilder().add("code", "Forbidden").add("message", refusal)).build().toString());
            return;
        }
        Caller caller = new Caller(request.getUserPrincipal().getName(), request.isUserInRole(Caller.SALESPERSON),
                request.isUserInRole(Caller.SALES_MANAGER), request.isUserInRole(Caller.SYSTEM_ADMINISTRATOR),
                request.isUserInRole(Caller.OPERATOR));
        OData odata = OData.newInstance();
        // the model declares the custom attributes the records carry (AttributeCatalogues keeps them current)
        ServiceModel model = new ServiceModel(leads.attributeCatalogue(), accounts.attributeCatalogue(),
                contacts.attributeCatalogue());
        ServiceMetadata metadata = odata.createServiceMetadata(model, List.of());
        ODataHttpHandler handler = odata.createHandler(metadata);
        // Leads(externalSource='…',externalId='…'): Olingo is given the lead's own address, the processor the key
        String raw = request.getRequestURL().toString();
        int at = raw.indexOf(request.getServletPath()) + request.getServletPath().length();
        AlternateKey alternate = AlternateKey.in(raw.substring(at)).orElse(null);
        String leadId = null;
        HttpServletRequest olingo = request;
        if (alternate != null) {
            io.leadscore.lead.Lead found = leads.byKey(alternate.externalSource(), alternate.externalId()).orElse(null);
            leadId = found == null ? null : found.id();
            String address = raw.substring(0, at) + "/" + ServiceModel.LEADS + "("
                    + Entities.key(leadId == null ? "-" : leadId) + ")" + alternate.rest();
            olingo = new jakarta.servlet.http.HttpServletRequestWrapper(request) {
                @Override
                public StringBuffer getRequestURL() {
                    return new StringBuffer(address);
                }

                @Override
                public String getRequestURI() {
                    return java.net.URI.create(address).getRawPath();
                }
            };
        }
        handler.register(new RecordsProcessor(caller,
                new RecordsProcessor.Services(leads, accounts, contacts, scoring), model, alternate, leadId));
        handler.register(new ChangeSets(transaction));
        handler.register(new ODataErrors());
        handler.process(olingo, response);
    }
}
