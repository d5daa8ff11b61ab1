package io.leadscore.api;

import io.leadscore.customer.Account;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** An account as API.md shows it. */
@JsonbNillable
@JsonbPropertyOrder({"id", "version", "name", "industry", "country", "numberOfEmployees", "annualRevenue", "ownerId",
        "attributes", "createdOn", "modifiedOn"})
public record AccountView(String id, long version, String name, String industry, String country,
                          Integer numberOfEmployees, BigDecimal annualRevenue, String ownerId,
                          Map<String, Object> attributes, Instant createdOn, Instant modifiedOn) {

    static AccountView of(Account a) {
        return new AccountView(a.id(), a.version(), a.name(), a.industry(), a.country(), a.numberOfEmployees(),
                a.annualRevenue(), a.ownerId(), a.attributeValues(), a.createdOn(), a.modifiedOn());
    }
}
