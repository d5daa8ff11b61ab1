package io.leadscore.lead;

import io.leadscore.db.ColumnInsert;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.leadscore.db.SqlColumn.bool;
import static io.leadscore.db.SqlColumn.decimal;
import static io.leadscore.db.SqlColumn.integer;
import static io.leadscore.db.SqlColumn.text;
import static io.leadscore.db.SqlColumn.timestamp;

/**
 * Inserts new leads with their attributes together ({@link ColumnInsert}: one statement per table on PostgreSQL,
 * JDBC batches elsewhere), at version 1 and unscored: the write of a bulk create (an import's chunk) and of the demo
 * generator. Rows are sent by {@link #execute()}; the caller owns the transaction.
 */
public final class LeadInserts implements AutoCloseable {

    private final ColumnInsert lead;
    private final ColumnInsert attribute;

    public LeadInserts(Connection connection) throws SQLException {
        this.lead = new ColumnInsert(connection, "crm_lead", List.of(text("id"), integer("version"), text("topic"),
                text("first_name"), text("last_name"), text("email"), text("phone"), text("job_title"),
                text("company_name"), text("industry"), text("source"), text("country"), text("city"), text("status"),
                text("business_process"), text("owner_id"), text("account_id"), text("contact_id"),
                text("external_source"), text("external_id"), timestamp("created_on"), timestamp("modified_on"),
                timestamp("closed_on")));
        ColumnInsert attributes;
        try {
            attributes = new ColumnInsert(connection, "crm_lead_attribute", List.of(text("lead_id"), text("name"),
                    text("text_value"), decimal("number_value"), bool("boolean_value")));
        } catch (SQLException | RuntimeException e) {
            lead.close();
            throw e;
        }
        this.attribute = attributes;
    }

    /** Adds a lead and its attributes. */
    public void add(LeadRow l) {
        lead.add(l.id(), 1, l.topic(), l.firstName(), l.lastName(), l.email(), l.phone(), l.jobTitle(),
                l.companyName(), l.industry(), l.source(), l.country(), l.city(), l.status(), l.businessProcess(),
                l.ownerId(), l.accountId(), l.contactId(), l.externalSource(), l.externalId(), l.createdOn(),
                l.modifiedOn(), l.closedOn());
        for (Map.Entry<String, Object> e : l.attributes().entrySet()) {
            Object v = e.getValue();
            attribute.add(l.id(), e.getKey(), v instanceof String s ? s : null, v instanceof Number n ? n : null,
                    v instanceof Boolean b ? b : null);
        }
    }

    /** Sends the leads, then their attributes (which refer to them). */
    public void execute() throws SQLException {
        lead.execute();
        attribute.execute();
    }

    @Override
    public void close() throws SQLException {
        try {
            lead.close();
        } finally {
            attribute.close();
        }
    }
}
