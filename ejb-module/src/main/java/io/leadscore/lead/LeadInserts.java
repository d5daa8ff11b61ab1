package io.leadscore.lead;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Inserts new leads with their attributes in JDBC batches, at version 1 and unscored: the write of a bulk
 * create (an import's chunk) and of the demo generator. Rows are sent by {@link #execute()}; the caller owns
 * the transaction.
 */
public final class LeadInserts implements AutoCloseable {

    private final PreparedStatement lead;
    private final PreparedStatement attribute;
    private int pending;

    public LeadInserts(Connection connection) throws SQLException {
        this.lead = connection.prepareStatement("INSERT INTO crm_lead (id, version, topic, first_name, last_name, "
                + "email, phone, job_title, company_name, industry, source, country, city, status, business_process, "
                + "owner_id, account_id, contact_id, external_source, external_id, created_on, modified_on, closed_on) "
                + "VALUES (?,1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        this.attribute = connection.prepareStatement("INSERT INTO crm_lead_attribute (lead_id, name, "
                + "text_value, number_value, boolean_value) VALUES (?,?,?,?,?)");
    }

    /** Adds a lead and its attributes to the batches. */
    public void add(LeadRow l) throws SQLException {
        int i = 1;
        lead.setString(i++, l.id());
        lead.setString(i++, l.topic());
        lead.setString(i++, l.firstName());
        lead.setString(i++, l.lastName());
        lead.setString(i++, l.email());
        lead.setString(i++, l.phone());
        lead.setString(i++, l.jobTitle());
        lead.setString(i++, l.companyName());
        lead.setString(i++, l.industry());
        lead.setString(i++, l.source());
        lead.setString(i++, l.country());
        lead.setString(i++, l.city());
        lead.setString(i++, l.status());
        lead.setString(i++, l.businessProcess());
        lead.setString(i++, l.ownerId());
        lead.setString(i++, l.accountId());
        lead.setString(i++, l.contactId());
        lead.setString(i++, l.externalSource());
        lead.setString(i++, l.externalId());
        lead.setTimestamp(i++, timestamp(l.createdOn()));
        lead.setTimestamp(i++, timestamp(l.modifiedOn()));
        lead.setTimestamp(i, timestamp(l.closedOn()));
        lead.addBatch();
        for (Map.Entry<String, Object> e : l.attributes().entrySet()) {
            Object v = e.getValue();
            attribute.setString(1, l.id());
            attribute.setString(2, e.getKey());
            attribute.setString(3, v instanceof String s ? s : null);
            if (v instanceof Number n) {
                attribute.setDouble(4, n.doubleValue());
            } else {
                attribute.setNull(4, Types.DOUBLE);
            }
            if (v instanceof Boolean b) {
                attribute.setBoolean(5, b);
            } else {
                attribute.setNull(5, Types.BOOLEAN);
            }
            attribute.addBatch();
        }
        pending++;
    }

    /** Sends the leads, then their attributes (which refer to them). */
    public void execute() throws SQLException {
        if (pending == 0) {
            return;
        }
        lead.executeBatch();
        attribute.executeBatch();
        pending = 0;
    }

    @Override
    public void close() throws SQLException {
        try {
            lead.close();
        } finally {
            attribute.close();
        }
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
