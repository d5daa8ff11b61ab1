package io.leadscore.demo;

import io.leadscore.lead.LeadRow;

import java.math.BigDecimal;
import java.time.Instant;

/** The rows the generator produces, in the shape of the database tables. */
final class DemoRows {

    private DemoRows() {
    }

    public record AccountRow(String id, String name, String industry, String country, int numberOfEmployees,
                             BigDecimal annualRevenue, String ownerId, Instant createdOn, String domain) {
    }

    public record ContactRow(String id, String firstName, String lastName, String email, String jobTitle,
                             String accountId, String ownerId, Instant createdOn) {
    }

    /** Receives rows in an order that respects references: accounts, then contacts, then leads. */
    public interface Sink {
        void account(AccountRow row);

        void contact(ContactRow row);

        void lead(LeadRow row);
    }
}
