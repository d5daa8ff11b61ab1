package io.leadscore.lead;

import java.time.Instant;
import java.util.Map;

/**
 * A lead in the shape of its table rows ({@code crm_lead} and its {@code crm_lead_attribute} rows): what
 * {@link LeadInserts} writes, for the demo generator and for leads created in bulk.
 */
public record LeadRow(String id, String topic, String firstName, String lastName, String email, String phone,
                      String jobTitle, String companyName, String industry, String source, String country,
                      String city, String status, String businessProcess, String ownerId, String accountId,
                      String contactId, String externalSource, String externalId, Instant createdOn, Instant modifiedOn, Instant closedOn,
                      Map<String, Object> attributes) {

    /** A new lead's rows, as JPA would insert them. */
    public static LeadRow of(Lead l) {
        return new LeadRow(l.id(), l.topic(), l.firstName(), l.lastName(), l.email(), l.phone(), l.jobTitle(),
                l.companyName(), l.industry(), l.source(), l.country(), l.city(), l.status().name(),
                l.businessProcess(), l.ownerId(), l.accountId(), l.contactId(), l.externalSource(), l.externalId(), l.createdOn(), l.modifiedOn(),
                l.closedOn(), l.attributeValues());
    }
}
