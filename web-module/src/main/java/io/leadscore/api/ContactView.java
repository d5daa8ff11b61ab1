package io.leadscore.api;

import io.leadscore.customer.Contact;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.Map;

/** A contact as API.md shows it. */
@JsonbNillable
@JsonbPropertyOrder({"id", "version", "firstName", "lastName", "email", "jobTitle", "accountId", "ownerId",
        "attributes", "createdOn", "modifiedOn"})
public record ContactView(String id, long version, String firstName, String lastName, String email, String jobTitle,
                          String accountId, String ownerId, Map<String, Object> attributes, Instant createdOn,
                          Instant modifiedOn) {

    static ContactView of(Contact c) {
        return new ContactView(c.id(), c.version(), c.firstName(), c.lastName(), c.email(), c.jobTitle(),
                c.accountId(), c.ownerId(), c.attributeValues(), c.createdOn(), c.modifiedOn());
    }
}
