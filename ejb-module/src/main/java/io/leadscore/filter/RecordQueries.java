package io.leadscore.filter;

import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordSchema;
import io.leadscore.common.ValidationException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import io.leadscore.common.AttributeValue;
import io.leadscore.common.CrmRecord;
import io.leadscore.common.FieldType;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.BiFunction;

/** Runs a {@link ListQuery} over one entity with the filter language, plus restrictions the service adds (e.g. the owner). */
public final class RecordQueries {

    private RecordQueries() {
    }

    /** The longest a page or count query may run (query.timeout.seconds, 30 by default); then it is canceled. */
    public static int timeoutSeconds() {
        try {
            return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getOptionalValue("query.timeout.seconds", Integer.class).orElse(DEFAULT_TIMEOUT_SECONDS);
        } catch (IllegalStateException e) { // outside a server (unit tests, tools): no MicroProfile Config
            return DEFAULT_TIMEOUT_SECONDS;
        }
    }

    private static final int DEFAULT_TIMEOUT_SECONDS = 30;

    private static <T> TypedQuery<T> bounded(TypedQuery<T> q) {
        return q.setHint("jakarta.persistence.query.timeout", timeoutSeconds() * 1000);
    }

    /** A restriction computed for a query root, such as "owned by the caller". */
    public interface Restriction extends BiFunction<CriteriaBuilder, Root<?>, Predicate> {
    }

    /** A list query compiled: its filter (or null) and the ordered, restricted select. */
    private record Compiled<T>(Bound filter, CriteriaQuery<T> select, OrderBy orderBy) {
    }

    /** The filter and order of a query, checked (a 400 naming filter or orderBy), as a select of the records. */
    private static <T> Compiled<T> compile(EntityManager em, Class<T> type, RecordSchema schema, ListQuery q,
                                           List<Restriction> restrictions, Position position) {
        Bound filter;
        try {
            filter = q.filter() == null || q.filter().isBlank() ? null : FilterBinder.compile(q.filter(), schema);
        } catch (FilterException e) {
            throw new ValidationException("filter", e.getMessage());
        }
        OrderBy orderBy;
        try {
            orderBy = OrderBy.parse(q.orderBy(), schema);
        } catch (FilterException e) {
            throw new ValidationException("orderBy", e.getMessage());
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<T> select = cb.createQuery(type);
        Root<T> root = select.from(type);
        CriteriaFilter cf = new CriteriaFilter(cb, select, root);
        List<Predicate> where = new ArrayList<>(List.of(where(cb, cf, root, filter, restrictions)));
        if (position == null && q.after() != null) {
            position = position(em, type, orderBy, q.after());
            if (position == null) {
                throw new ValidationException("skiptoken", "the row this page continued after is gone; start again "
                        + "from the first page");
            }
        }
        if (position != null) {
            where.add(after(orderBy, position, cb, cf, root));
        }
        select.select(root).where(where.toArray(Predicate[]::new)).orderBy(cf.orders(orderBy));
        return new Compiled<>(filter, select, orderBy);
    }

    /**
     * A row's place in an order: the values of its order keys and its id. Kept by value, so that a listing can go on
     * after the row even when the row itself has been deleted or changed since.
     */
    public record Position(List<Object> values) {
    }

    /** Where row {@code id} stands in the order (its order keys read with the same joins), or null if it is gone. */
    private static <T> Position position(EntityManager em, Class<T> type, OrderBy orderBy, Object id) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Tuple> values = cb.createTupleQuery();
        Root<T> row = values.from(type);
        CriteriaFilter rf = new CriteriaFilter(cb, values, row);
        List<jakarta.persistence.criteria.Selection<?>> selections = new ArrayList<>();
        for (OrderBy.Key k : orderBy.keys()) {
            selections.add(rf.field(k.ref()));
        }
        selections.add(row.get("id"));
        List<Tuple> found = em.createQuery(values.multiselect(selections).where(cb.equal(row.get("id"), id)))
                .getResultList();
        if (found.isEmpty()) {
            return null;
        }
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < selections.size(); i++) {
            all.add(found.get(0).get(i));
        }
        return new Position(java.util.Collections.unmodifiableList(all));
    }

    /**
     * Keyset paging: the rows that come after a position in the order (its order keys, then the id in the
     * direction of the last key, as CriteriaFilter.orders sorts). Row by row, "after" is: the first key beyond the
     * position's, or equal and the second beyond, and so on, the id last. Nulls sort as both databases sort them:
     * after every value going up, before every value going down.
     */
    private static <T> Predicate after(OrderBy orderBy, Position position, CriteriaBuilder cb, CriteriaFilter cf,
                                       Root<T> root) {
        List<Object> t = position.values();
        List<jakarta.persistence.criteria.Expression<?>> keys = new ArrayList<>();
        List<Boolean> ascending = new ArrayList<>();
        for (OrderBy.Key k : orderBy.keys()) {
            keys.add(cf.field(k.ref()));
            ascending.add(k.ascending());
        }
        keys.add(root.get("id"));
        ascending.add(orderBy.keys().isEmpty() || orderBy.keys().get(orderBy.keys().size() - 1).ascending());
        List<Predicate> alternatives = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            List<Predicate> all = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                all.add(same(cb, keys.get(j), t.get(j)));
            }
            Predicate beyond = beyond(cb, keys.get(i), t.get(i), ascending.get(i));
            if (beyond == null) {
                continue; // nothing comes after a null going up on this key
            }
            all.add(beyond);
            alternatives.add(cb.and(all.toArray(Predicate[]::new)));
        }
        return alternatives.isEmpty() ? cb.disjunction() : cb.or(alternatives.toArray(Predicate[]::new));
    }

    private static Predicate same(CriteriaBuilder cb, jakarta.persistence.criteria.Expression<?> key, Object value) {
        return value == null ? cb.isNull(key) : cb.equal(key, value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate beyond(CriteriaBuilder cb, jakarta.persistence.criteria.Expression<?> key, Object value,
                                    boolean ascending) {
        jakarta.persistence.criteria.Expression<Comparable> k = (jakarta.persistence.criteria.Expression<Comparable>) key;
        if (ascending) {
            return value == null ? null : cb.or(cb.greaterThan(k, (Comparable) value), cb.isNull(key));
        }
        return value == null ? cb.isNotNull(key) : cb.lessThan(k, (Comparable) value);
    }

    public static <T> Page<T> list(EntityManager em, Class<T> type, RecordSchema schema, ListQuery q, List<Restriction> restrictions) {
        Compiled<T> compiled = compile(em, type, schema, q, restrictions, null);
        Bound filter = compiled.filter();
        CriteriaQuery<T> select = compiled.select();
        CriteriaBuilder cb = em.getCriteriaBuilder();
        List<T> items = new ArrayList<>();
        boolean more = false;
        if (q.top() > 0) {
            TypedQuery<T> tq = bounded(em.createQuery(select)).setFirstResult(q.skip()).setMaxResults(q.top() + 1);
            // a page is for reading: no change tracking at commit
            tq.setHint("eclipselink.read-only", "true");
            items.addAll(tq.getResultList());
            if (items.size() > q.top()) {
                more = true;
                items.remove(items.size() - 1);
            }
            preloadAttributes(em, type, items);
        }
        Long count = null;
        if (q.count()) {
            CriteriaQuery<Long> cq = cb.createQuery(Long.class);
            Root<T> countRoot = cq.from(type);
            CriteriaFilter ccf = new CriteriaFilter(cb, cq, countRoot);
            cq.select(cb.count(countRoot)).where(where(cb, ccf, countRoot, filter, restrictions));
            count = bounded(em.createQuery(cq)).getSingleResult();
        }
        String next = more ? String.valueOf(em.getEntityManagerFactory().getPersistenceUnitUtil()
                .getIdentifier(items.get(items.size() - 1))) : null;
        return new Page<>(items, count, more, next);
    }

    /** One batch of a listing read batch by batch, and the position the next batch continues from (null at the end). */
    public record Batch<T>(List<T> items, Position next) {
    }

    /**
     * The next {@code size} records a query selects (its filter, order and restrictions; not its top, skip or
     * skiptoken) after a position (null: from the start), with their attributes: for exports, which read each batch
     * in a short transaction of its own and continue after it by value (keyset), however long the client takes
     * between batches. A record whose order keys change during the listing may be listed twice or not at all, as in
     * any keyset paging; every record that stays put is listed once.
     */
    public static <T> Batch<T> batch(EntityManager em, Class<T> type, RecordSchema schema, ListQuery q,
                                     List<Restriction> restrictions, Position after, int size) {
        ListQuery whole = new ListQuery(q.filter(), q.orderBy(), 0, 0, false, null);
        Compiled<T> compiled = compile(em, type, schema, whole, restrictions, after);
        TypedQuery<T> tq = bounded(em.createQuery(compiled.select())).setMaxResults(size);
        tq.setHint("eclipselink.read-only", "true");
        List<T> items = new ArrayList<>(tq.getResultList());
        preloadAttributes(em, type, items);
        Position next = null;
        if (items.size() == size) {
            Object lastId = em.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(items.get(size - 1));
            next = position(em, type, compiled.orderBy(), lastId);
        }
        return new Batch<>(items, next);
    }

    /**
     * Reads the custom attributes of a page of records in one query instead of one query per record
     * (in chunks of 1,000, so that no database meets an endless IN list).
     */
    public static <T> void preloadAttributes(EntityManager em, Class<T> type, List<T> items) {
        if (items.isEmpty() || !CrmRecord.class.isAssignableFrom(type)) {
            return;
        }
        if (items.size() > 1000) {
            for (int i = 0; i < items.size(); i += 1000) {
                preloadAttributes(em, type, items.subList(i, Math.min(items.size(), i + 1000)));
            }
            return;
        }
        Map<String, Map<String, Object>> byId = new HashMap<>();
        for (T item : items) {
            byId.put(((CrmRecord) item).id(), new HashMap<>());
        }
        // straight from the attribute table by its key's leading column: joined to the record table instead, Derby
        // scans every attribute row once per page (an export of 6,400 leads: 3.6 s against 0.1 s). Derby is told to
        // probe the primary key (a comment elsewhere): before it has statistics on the table (a database filled in bulk),
        // it scans the whole table testing each row against every id, 400 s for 1,000 ids among 6 M attribute rows
        AttributeTable table = attributeTable(type);
        StringBuilder sql = new StringBuilder("SELECT ").append(table.key())
                .append(", name, text_value, number_value, boolean_value FROM ").append(table.name())
                .append(" --DERBY-PROPERTIES constraint=PK_").append(table.name().toUpperCase(java.util.Locale.ROOT))
                .append("\n WHERE ").append(table.key()).append(" IN (");
        List<String> ids = new ArrayList<>(byId.keySet());
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?").append(i + 1);
        }
        jakarta.persistence.Query q = em.createNativeQuery(sql.append(")").toString());
        for (int i = 0; i < ids.size(); i++) {
            q.setParameter(i + 1, ids.get(i));
        }
        for (Object found : q.getResultList()) {
            Object[] t = (Object[]) found;
            Object value = AttributeValue.stored((String) t[2], t[3] == null ? null : ((Number) t[3]).doubleValue(),
                    t[4] == null ? null : flag(t[4]));
            byId.get((String) t[0]).put((String) t[1], value);
        }
        for (T item : items) {
            CrmRecord r = (CrmRecord) item;
            r.preloadAttributes(byId.get(r.id()));
        }
    }

    /**
     * The custom attributes records of this type carry, by name, with the type their values have: NUMBER, BOOLEAN or
     * TEXT (also when the records disagree, as text can hold any of them); in name order. For the OData service's
     * $metadata, where they are declared properties.
     */
    public static Map<String, FieldType> attributeCatalogue(EntityManager em, Class<?> type) {
        AttributeTable table = attributeTable(type);
        Map<String, FieldType> out = new java.util.TreeMap<>();
        for (Object found : em.createNativeQuery("SELECT name, COUNT(text_value), COUNT(number_value), "
                + "COUNT(boolean_value) FROM " + table.name() + " GROUP BY name").getResultList()) {
            Object[] t = (Object[]) found;
            long text = ((Number) t[1]).longValue();
            long number = ((Number) t[2]).longValue();
            long flag = ((Number) t[3]).longValue();
            FieldType kind = text == 0 && flag == 0 ? FieldType.DECIMAL
                    : text == 0 && number == 0 ? FieldType.BOOLEAN : FieldType.TEXT;
            out.put((String) t[0], kind);
        }
        return out;
    }

    /** The table of a record type's custom attributes and its column naming the record, as the entity maps them. */
    private record AttributeTable(String name, String key) {
    }

    private static final Map<Class<?>, AttributeTable> ATTRIBUTE_TABLES = new java.util.concurrent.ConcurrentHashMap<>();

    private static AttributeTable attributeTable(Class<?> type) {
        return ATTRIBUTE_TABLES.computeIfAbsent(type, t -> {
            try {
                jakarta.persistence.CollectionTable ct = t.getDeclaredField("attributes")
                        .getAnnotation(jakarta.persistence.CollectionTable.class);
                return new AttributeTable(ct.name(), ct.joinColumns()[0].name());
            } catch (NoSuchFieldException | NullPointerException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalStateException(t.getSimpleName() + " maps no attribute collection table", e);
            }
        });
    }

    private static Boolean flag(Object v) {
        return v instanceof Boolean b ? b : ((Number) v).intValue() != 0;
    }

    private static Predicate[] where(CriteriaBuilder cb, CriteriaFilter cf, Root<?> root, Bound filter, List<Restriction> restrictions) {
        List<Predicate> all = new ArrayList<>();
        for (Restriction r : restrictions) {
            all.add(r.apply(cb, root));
        }
        if (filter != null) {
            all.add(cf.predicate(filter));
        }
        return all.toArray(Predicate[]::new);
    }
}
