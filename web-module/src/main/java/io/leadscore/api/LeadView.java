package io.leadscore.api;

import io.leadscore.lead.Lead;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.Map;

/** A lead as API.md shows it. {@code score} is null until the lead is scored. */
@JsonbNillable
@JsonbPropertyOrder({"id", "version", "topic", "firstName", "lastName", "email", "phone", "jobTitle", "companyName",
        "industry", "source", "country", "city", "status", "businessProcess", "ownerId", "accountId", "contactId",
        "attributes", "createdOn", "modifiedOn", "closedOn", "score"})
public record LeadView(String id, long version, String topic, String firstName, String lastName, String email,
                       String phone, String jobTitle, String companyName, String industry, String source,
                       String country, String city, String status, String businessProcess, String ownerId,
                       String accountId, String contactId, Map<String, Object> attributes, Instant createdOn,
                       Instant modifiedOn, Instant closedOn, Object score) {

    static LeadView of(Lead l) {
        // TODO(#3): the score, once the model manager scores leads
        return new LeadView(l.id(), l.version(), l.topic(), l.firstName(), l.lastName(), l.email(), l.phone(),
                l.jobTitle(), l.companyName(), l.industry(), l.source(), l.country(), l.city(), l.status().name(),
                l.businessProcess(), l.ownerId(), l.accountId(), l.contactId(), l.attributeValues(), l.createdOn(),
                l.modifiedOn(), l.closedOn(), null);
    }
}
