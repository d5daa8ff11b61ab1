package io.leadscore.filter;

import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordSchema;
import io.leadscore.common.ValidationException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import io.leadscore.common.AttributeValue;
import io.leadscore.common.CrmRecord;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.MapJoin;
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
    private record Compiled<T>(Bound filter, CriteriaQuery<T> select) {
    }

    /** The filter and order of a query, checked (a 400 naming filter or orderBy), as a select of the records. */
    private static <T> Compiled<T> compile(EntityManager em, Class<T> type, RecordSchema schema, ListQuery q,
                                           List<Restriction> restrictions) {
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
        select.select(root).where(where(cb, cf, root, filter, restrictions)).orderBy(cf.orders(orderBy));
        return new Compiled<>(filter, select);
    }

    public static <T> Page<T> list(EntityManager em, Class<T> type, RecordSchema schema, ListQuery q, List<Restriction> restrictions) {
        Compiled<T> compiled = compile(em, type, schema, q, restrictions);
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
        return new Page<>(items, count, more);
    }

    /**
     * Every record a query selects (its filter, order and restrictions; no top or skip), handed over in
     * batches with their attributes, read through a database cursor: memory stays the same however many
     * records there are. For exports.
     */
    public static <T> long forEach(EntityManager em, Class<T> type, RecordSchema schema, ListQuery q,
                                   List<Restriction> restrictions, int batchSize, java.util.function.Consumer<List<T>> batch) {
        CriteriaQuery<T> select = compile(em, type, schema, q, restrictions).select();
        TypedQuery<T> tq = em.createQuery(select);
        tq.setHint("eclipselink.read-only", "true");
        tq.setHint("eclipselink.cursor.scrollable", "true");
        tq.setHint("eclipselink.jdbc.fetch-size", String.valueOf(batchSize));
        Object cursor = tq.getSingleResult();
        long n = 0;
        try {
            @SuppressWarnings("unchecked")
            java.util.Iterator<T> rows = (java.util.Iterator<T>) cursor;
            List<T> page = new ArrayList<>(batchSize);
            while (rows.hasNext()) {
                page.add(rows.next());
                if (page.size() == batchSize) {
                    preloadAttributes(em, type, page);
                    batch.accept(page);
                    n += page.size();
                    page = new ArrayList<>(batchSize);
                    em.clear();
                }
            }
            if (!page.isEmpty()) {
                preloadAttributes(em, type, page);
                batch.accept(page);
                n += page.size();
            }
        } finally {
            try {
                cursor.getClass().getMethod("close").invoke(cursor);
            } catch (ReflectiveOperationException e) {
                // a cursor without close(): nothing to release
            }
        }
        return n;
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
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Tuple> cq = cb.createTupleQuery();
        Root<T> root = cq.from(type);
        MapJoin<T, String, ?> a = root.joinMap("attributes");
        cq.multiselect(root.get("id"), a.key(), a.get("text"), a.get("number"), a.get("flag"))
                .where(root.get("id").in(byId.keySet()));
        for (Tuple t : em.createQuery(cq).getResultList()) {
            Object value = t.get(2) != null ? t.get(2) : t.get(4) != null ? t.get(4) : AttributeValue.present((Double) t.get(3));
            byId.get((String) t.get(0)).put((String) t.get(1), value);
        }
        for (T item : items) {
            CrmRecord r = (CrmRecord) item;
            r.preloadAttributes(byId.get(r.id()));
        }
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
