package io.leadscore.demo;

import io.leadscore.demo.DemoRows.AccountRow;
import io.leadscore.demo.DemoRows.ContactRow;
import io.leadscore.lead.LeadInserts;
import io.leadscore.lead.LeadRow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes generated rows with JDBC batches, committing every {@code batchSize} leads: the fast path for
 * the demo organisation at start-up and for a million leads in {@code bench/}. The connection must be in
 * manual-commit mode; {@link #close()} flushes and commits the rest.
 */
final class JdbcDemoWriter implements DemoRows.Sink, AutoCloseable {

    private final Connection connection;
    private final int batchSize;
    private final PreparedStatement accountInsert;
    private final PreparedStatement contactInsert;
    private final LeadInserts leadInserts;
    private int pending;
    private long leads;

    public JdbcDemoWriter(Connection connection, int batchSize) throws SQLException {
        this.connection = connection;
        this.batchSize = batchSize;
        this.accountInsert = connection.prepareStatement("INSERT INTO crm_account (id, version, name, industry, country, "
                + "number_of_employees, annual_revenue, owner_id, created_on, modified_on) VALUES (?,1,?,?,?,?,?,?,?,?)");
        this.contactInsert = connection.prepareStatement("INSERT INTO crm_contact (id, version, first_name, last_name, "
                + "email, job_title, account_id, owner_id, created_on, modified_on) VALUES (?,1,?,?,?,?,?,?,?,?)");
        this.leadInserts = new LeadInserts(connection);
    }

    @Override
    public void account(AccountRow a) {
        try {
            accountInsert.setString(1, a.id());
            accountInsert.setString(2, a.name());
            accountInsert.setString(3, a.industry());
            accountInsert.setString(4, a.country());
            accountInsert.setInt(5, a.numberOfEmployees());
            accountInsert.setBigDecimal(6, a.annualRevenue());
            accountInsert.setString(7, a.ownerId());
            accountInsert.setTimestamp(8, ts(a.createdOn()));
            accountInsert.setTimestamp(9, ts(a.createdOn()));
            accountInsert.addBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write demo account: " + e.getMessage(), e);
        }
    }

    @Override
    public void contact(ContactRow c) {
        try {
            contactInsert.setString(1, c.id());
            contactInsert.setString(2, c.firstName());
            contactInsert.setString(3, c.lastName());
            contactInsert.setString(4, c.email());
            contactInsert.setString(5, c.jobTitle());
            contactInsert.setString(6, c.accountId());
            contactInsert.setString(7, c.ownerId());
            contactInsert.setTimestamp(8, ts(c.createdOn()));
            contactInsert.setTimestamp(9, ts(c.createdOn()));
            contactInsert.addBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write demo contact: " + e.getMessage(), e);
        }
    }

    @Override
    public void lead(LeadRow l) {
        try {
            leadInserts.add(l);
            leads++;
            if (++pending >= batchSize) {
                flush();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write demo lead: " + e.getMessage(), e);
        }
    }

    public long leads() {
        return leads;
    }

    /** Writes the batches in reference order: accounts, contacts, leads, their attributes. */
    private void flush() throws SQLException {
        accountInsert.executeBatch();
        contactInsert.executeBatch();
        leadInserts.execute();
        connection.commit();
        pending = 0;
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            accountInsert.close();
            contactInsert.close();
            leadInserts.close();
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
