package io.leadscore.lead;

import io.leadscore.common.AttributeValue;
import io.leadscore.common.CrmRecord;
import io.leadscore.customer.Account;
import io.leadscore.customer.Contact;
import io.leadscore.db.ResultRow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Leads read for scoring many at once, with plain JDBC: the leads by id, their accounts and contacts, and the
 * custom attributes of all three, in one query per table and 512 ids. The records are read-only snapshots (not
 * managed: scores are written by {@link LeadRepository#writeScores}). Read through JPA, the same chunk of a
 * rescore spent more time building entities and attribute maps than the database spent finding the rows.
 */
final class LeadReads {

    /** Ids per query, so that no database meets an endless IN list. */
    private static final int IN_LIST = 512;

    private LeadReads() {
    }

    /** The leads of these ids that exist, in the order of the ids. */
    static List<Lead> leads(Connection c, List<String> ids) throws SQLException {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        Map<String, Lead> byId = records(c, "crm_lead", distinct, Lead::new);
        LinkedHashSet<String> accountIds = new LinkedHashSet<>();
        LinkedHashSet<String> contactIds = new LinkedHashSet<>();
        for (Lead lead : byId.values()) {
            if (lead.accountId() != null) {
                accountIds.add(lead.accountId());
            }
            if (lead.contactId() != null) {
                contactIds.add(lead.contactId());
            }
        }
        Map<String, Account> accounts = records(c, "crm_account", accountIds, Account::new);
        Map<String, Contact> contacts = records(c, "crm_contact", contactIds, Contact::new);
        for (Lead lead : byId.values()) {
            lead.associate(lead.accountId() == null ? null : accounts.get(lead.accountId()),
                    lead.contactId() == null ? null : contacts.get(lead.contactId()));
        }
        attributes(c, "crm_lead_attribute", "lead_id", byId);
        attributes(c, "crm_account_attribute", "account_id", accounts);
        attributes(c, "crm_contact_attribute", "contact_id", contacts);
        List<Lead> out = new ArrayList<>(byId.size());
        for (String id : distinct) {
            Lead lead = byId.get(id);
            if (lead != null) {
                out.add(lead);
            }
        }
        return out;
    }

    private static <T extends CrmRecord> Map<String, T> records(Connection c, String table, Collection<String> ids,
                                                              Function<io.leadscore.common.StoredRow, T> make) throws SQLException {
        Map<String, T> out = new HashMap<>();
        for (List<String> part : parts(new ArrayList<>(ids))) {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE id IN (" + marks(part.size()) + ")")) {
                bind(ps, part);
                try (ResultSet rs = ps.executeQuery()) {
                    ResultRow row = new ResultRow(rs);
                    while (rs.next()) {
                        T r = make.apply(row);
                        out.put(r.id(), r);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Supplies the records' custom attributes, read by the attribute table's primary key (Derby is told to probe
     * it: before it has statistics on a table filled in bulk, it may scan the whole table instead).
     */
    private static void attributes(Connection c, String table, String key, Map<String, ? extends CrmRecord> records)
            throws SQLException {
        Map<String, Map<String, Object>> values = new HashMap<>();
        for (List<String> part : parts(new ArrayList<>(records.keySet()))) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + key + ", name, text_value, number_value, "
                    + "boolean_value FROM " + table + " --DERBY-PROPERTIES constraint=PK_"
                    + table.toUpperCase(java.util.Locale.ROOT) + "\n WHERE " + key + " IN (" + marks(part.size()) + ")")) {
                bind(ps, part);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        values.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                                .put(rs.getString(2), stored(rs.getString(3), rs.getDouble(4), rs.wasNull(), rs));
                    }
                }
            }
        }
        values.forEach((id, v) -> records.get(id).preloadAttributes(v));
    }

    /** An attribute row's value as clients see it: its text, else its flag, else its number. */
    private static Object stored(String text, double number, boolean noNumber, ResultSet rs) throws SQLException {
        if (text != null) {
            return text;
        }
        boolean flag = rs.getBoolean(5);
        if (!rs.wasNull()) {
            return flag;
        }
        return noNumber ? null : AttributeValue.present(number);
    }

    private static List<List<String>> parts(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += IN_LIST) {
            out.add(ids.subList(i, Math.min(ids.size(), i + IN_LIST)));
        }
        return out;
    }

    /**
     * Parameter markers for an IN list of {@code n} ids, rounded up to a power of two (at least 8): a statement
     * text the database has compiled before. With one text per count, nearly every chunk's accounts and contacts
     * (a different count each time) were compiled afresh.
     */
    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(slots(n), "?"));
    }

    private static int slots(int n) {
        return Math.max(8, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
    }

    /** The ids, the last repeated into the markers left over (an IN list's duplicates change nothing). */
    private static void bind(PreparedStatement ps, List<String> ids) throws SQLException {
        int slots = slots(ids.size());
        for (int i = 0; i < slots; i++) {
            ps.setString(i + 1, ids.get(Math.min(i, ids.size() - 1)));
        }
    }
}
