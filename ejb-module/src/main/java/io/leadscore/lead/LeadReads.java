package io.leadscore.lead;

import io.leadscore.common.AttributeValue;
import io.leadscore.common.CrmRecord;
import io.leadscore.customer.Account;
import io.leadscore.customer.Contact;
import io.leadscore.db.Dialect;
import io.leadscore.db.ResultRow;
import io.leadscore.db.SqlConsumer;

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
        Map<String, Lead> byId = records(c, "SELECT * FROM crm_lead WHERE id", List.of(), distinct, Lead::new);
        attributes(c, "crm_lead_attribute", "lead_id", byId);
        related(c, byId.values());
        return inOrder(distinct, byId);
    }

    /**
     * The leads of these ids that exist, in the order of the ids, with their custom attributes but not their
     * accounts and contacts, {@linkplain CrmRecord#editDirectly editable}: for a bulk update.
     */
    static List<Lead> toChange(Connection c, List<String> ids) throws SQLException {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        return editable(c, inOrder(distinct, records(c, "SELECT * FROM crm_lead WHERE id", List.of(), distinct,
                Lead::new)));
    }

    /** The leads with these alternate keys of one source, by the key's index where the ids' array can probe it. */
    static List<Lead> toChangeByKey(Connection c, String externalSource, List<String> externalIds) throws SQLException {
        return editable(c, new ArrayList<>(records(c, "SELECT * FROM crm_lead WHERE external_source = ? AND external_id",
                List.of(externalSource), new LinkedHashSet<>(externalIds), Lead::new).values()));
    }

    private static List<Lead> editable(Connection c, List<Lead> leads) throws SQLException {
        Map<String, Lead> byId = new HashMap<>();
        leads.forEach(l -> byId.put(l.id(), l));
        attributes(c, "crm_lead_attribute", "lead_id", byId);
        leads.forEach(CrmRecord::editDirectly);
        return leads;
    }

    /**
     * The open leads of these ids, given in ascending key order as a rescore walks them, in that order. Read as
     * one key range (the open leads' index, then the attribute table's primary key) instead of a probe per id: a
     * range is walked once, where each probe of an IN list descends the index from its root. The attributes are
     * read by range only while the range holds at most twice as many leads as asked for (closed leads between
     * them), and by their ids otherwise.
     */
    static List<Lead> openInKeyOrder(Connection c, List<String> ascendingIds) throws SQLException {
        if (ascendingIds.isEmpty()) {
            return List.of();
        }
        String first = ascendingIds.get(0);
        String last = ascendingIds.get(ascendingIds.size() - 1);
        java.util.Set<String> wanted = new java.util.HashSet<>(ascendingIds);
        Map<String, Lead> byId = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM crm_lead --DERBY-PROPERTIES index=IX_LEAD_STATUS_ID\n"
                + " WHERE status = 'OPEN' AND id >= ? AND id <= ?")) {
            ps.setString(1, first);
            ps.setString(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                ResultRow row = new ResultRow(rs);
                while (rs.next()) {
                    if (wanted.contains(rs.getString("id"))) {
                        Lead lead = new Lead(row);
                        byId.put(lead.id(), lead);
                    }
                }
            }
        }
        int inRange;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM crm_lead WHERE id >= ? AND id <= ?")) {
            ps.setString(1, first);
            ps.setString(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                inRange = rs.getInt(1);
            }
        }
        if (inRange <= 2 * byId.size()) {
            Map<String, Map<String, Object>> values = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT lead_id, name, text_value, number_value, boolean_value "
                    + "FROM crm_lead_attribute --DERBY-PROPERTIES constraint=PK_CRM_LEAD_ATTRIBUTE\n"
                    + " WHERE lead_id >= ? AND lead_id <= ?")) {
                ps.setString(1, first);
                ps.setString(2, last);
                collect(ps, byId.keySet(), values);
            }
            values.forEach((id, v) -> byId.get(id).preloadAttributes(v));
        } else {
            attributes(c, "crm_lead_attribute", "lead_id", byId);
        }
        related(c, byId.values());
        // an id the range did not find: a lead closed since its id was read, or one the database orders elsewhere
        List<String> missing = new ArrayList<>();
        for (String id : ascendingIds) {
            if (!byId.containsKey(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            for (Lead lead : leads(c, missing)) {
                if (lead.status() == LeadStatus.OPEN) {
                    byId.put(lead.id(), lead);
                }
            }
        }
        return inOrder(ascendingIds, byId);
    }

    /** The leads found of these ids, in the ids' order, each once. */
    private static List<Lead> inOrder(List<String> ids, Map<String, Lead> byId) {
        List<Lead> out = new ArrayList<>(byId.size());
        for (String id : new LinkedHashSet<>(ids)) {
            Lead lead = byId.get(id);
            if (lead != null) {
                out.add(lead);
            }
        }
        return out;
    }

    /** Reads and associates the leads' accounts and contacts, with their custom attributes. */
    private static void related(Connection c, Collection<Lead> leads) throws SQLException {
        LinkedHashSet<String> accountIds = new LinkedHashSet<>();
        LinkedHashSet<String> contactIds = new LinkedHashSet<>();
        for (Lead lead : leads) {
            if (lead.accountId() != null) {
                accountIds.add(lead.accountId());
            }
            if (lead.contactId() != null) {
                contactIds.add(lead.contactId());
            }
        }
        Map<String, Account> accounts = records(c, "SELECT * FROM crm_account WHERE id", List.of(), accountIds,
                Account::new);
        Map<String, Contact> contacts = records(c, "SELECT * FROM crm_contact WHERE id", List.of(), contactIds,
                Contact::new);
        for (Lead lead : leads) {
            lead.associate(lead.accountId() == null ? null : accounts.get(lead.accountId()),
                    lead.contactId() == null ? null : contacts.get(lead.contactId()));
        }
        attributes(c, "crm_account_attribute", "account_id", accounts);
        attributes(c, "crm_contact_attribute", "contact_id", contacts);
    }

    /**
     * The records a query finds whose key column (the last word of {@code select}) is one of the ids, after the
     * {@code fixed} parameters of {@code select}, by id.
     */
    private static <T extends CrmRecord> Map<String, T> records(Connection c, String select, List<String> fixed,
                                                              Collection<String> ids,
                                                              Function<io.leadscore.common.StoredRow, T> make) throws SQLException {
        Map<String, T> out = new HashMap<>();
        byIds(c, select, fixed, ids, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                ResultRow row = new ResultRow(rs);
                while (rs.next()) {
                    T r = make.apply(row);
                    out.put(r.id(), r);
                }
            }
        });
        return out;
    }

    /**
     * Runs the query of {@code select} for the rows whose last-named column is one of the ids, the {@code fixed}
     * parameters bound first: on PostgreSQL one statement with the ids as an array ({@code = ANY}), elsewhere an
     * IN list per {@value #IN_LIST} ids.
     */
    private static void byIds(Connection c, String select, List<String> fixed, Collection<String> ids,
                              SqlConsumer<PreparedStatement> query)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        if (Dialect.of(c).hasArrays()) {
            try (PreparedStatement ps = c.prepareStatement(select + " = ANY(?)")) {
                bindFixed(ps, fixed);
                ps.setArray(fixed.size() + 1, c.createArrayOf("varchar", ids.toArray()));
                query.accept(ps);
            }
            return;
        }
        for (List<String> part : parts(new ArrayList<>(ids))) {
            try (PreparedStatement ps = c.prepareStatement(select + " IN (" + marks(part.size()) + ")")) {
                bindFixed(ps, fixed);
                bind(ps, fixed.size(), part);
                query.accept(ps);
            }
        }
    }

    private static void bindFixed(PreparedStatement ps, List<String> fixed) throws SQLException {
        for (int i = 0; i < fixed.size(); i++) {
            ps.setString(i + 1, fixed.get(i));
        }
    }

    /**
     * Supplies the records' custom attributes, read by the attribute table's primary key (Derby is told to probe
     * it: before it has statistics on a table filled in bulk, it may scan the whole table instead).
     */
    private static void attributes(Connection c, String table, String key, Map<String, ? extends CrmRecord> records)
            throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        Map<String, Map<String, Object>> values = new HashMap<>();
        byIds(c, "SELECT " + key + ", name, text_value, number_value, boolean_value FROM " + table
                + " --DERBY-PROPERTIES constraint=PK_" + table.toUpperCase(java.util.Locale.ROOT) + "\n WHERE " + key,
                List.of(), records.keySet(), ps -> collect(ps, records.keySet(), values));
        values.forEach((id, v) -> records.get(id).preloadAttributes(v));
    }

    /** The attribute rows a statement finds (key, name, text, number, flag) of these records, by record. */
    private static void collect(PreparedStatement ps, java.util.Set<String> of, Map<String, Map<String, Object>> values)
            throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                if (of.contains(id)) {
                    String text = rs.getString(3);
                    double number = rs.getDouble(4);
                    boolean noNumber = rs.wasNull();
                    boolean flag = rs.getBoolean(5);
                    boolean noFlag = rs.wasNull();
                    values.computeIfAbsent(id, k -> new HashMap<>()).put(rs.getString(2),
                            AttributeValue.stored(text, noNumber ? null : number, noFlag ? null : flag));
                }
            }
        }
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

    /**
     * The ids after {@code before} parameters, the last repeated into the markers left over (an IN list's duplicates
     * change nothing).
     */
    private static void bind(PreparedStatement ps, int before, List<String> ids) throws SQLException {
        int slots = slots(ids.size());
        for (int i = 0; i < slots; i++) {
            ps.setString(before + i + 1, ids.get(Math.min(i, ids.size() - 1)));
        }
    }
}
