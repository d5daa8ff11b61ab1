package io.leadscore.filter;

import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordSchema;
import io.leadscore.common.ValidationException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Runs a {@link ListQuery} over one entity with the filter language, plus restrictions the service adds (e.g. the owner). */
public final class RecordQueries {

    private RecordQueries() {
    }

    /** A restriction computed for a query root, such as "owned by the caller". */
    public interface Restriction extends BiFunction<CriteriaBuilder, Root<?>, Predicate> {
    }

    public static <T> Page<T> list(EntityManager em, Class<T> type, RecordSchema schema, ListQuery q, List<Restriction> restrictions) {
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
        List<T> items = new ArrayList<>();
        boolean more = false;
        if (q.top() > 0) {
            TypedQuery<T> tq = em.createQuery(select).setFirstResult(q.skip()).setMaxResults(q.top() + 1);
            items.addAll(tq.getResultList());
            if (items.size() > q.top()) {
                more = true;
                items.remove(items.size() - 1);
            }
        }
        Long count = null;
        if (q.count()) {
            CriteriaQuery<Long> cq = cb.createQuery(Long.class);
            Root<T> countRoot = cq.from(type);
            CriteriaFilter ccf = new CriteriaFilter(cb, cq, countRoot);
            cq.select(cb.count(countRoot)).where(where(cb, ccf, countRoot, filter, restrictions));
            count = em.createQuery(cq).getSingleResult();
        }
        return new Page<>(items, count, more);
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
