package io.leadscore.filter;

import io.leadscore.common.RecordSchema;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.MapJoin;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Bound} expression into a JPA Criteria predicate for one query root. Every value is
 * passed to the builder as an object, which the provider binds as a parameter.
 *
 * <p>Null semantics follow OData, not SQL: {@code industry ne 'Retail'} is true for a lead without an
 * industry, and {@code not (industry eq 'Retail')} means the same. Custom attributes are matched through
 * an {@code EXISTS} subquery on the record's attribute collection (JPA attribute {@code attributes}, a
 * map of name to {@link io.leadscore.common.AttributeValue}).
 */
public final class CriteriaFilter {

    private final CriteriaBuilder cb;
    private final AbstractQuery<?> query;
    private final Root<?> root;
    private final Map<String, From<?, ?>> joins = new HashMap<>();

    public CriteriaFilter(CriteriaBuilder cb, AbstractQuery<?> query, Root<?> root) {
        this.cb = cb;
        this.query = query;
        this.root = root;
    }

    public Predicate predicate(Bound b) {
        return predicate(b, false);
    }

    /**
     * Negation is pushed down to the comparisons, so that no SQL NOT ever applies to an unknown (null)
     * result and every comparison stays a plain, index-friendly predicate: {@code industry eq 'x'} is
     * {@code industry = ?}, and its negation is {@code industry IS NULL OR industry <> ?}.
     */
    private Predicate predicate(Bound b, boolean negated) {
        if (b instanceof Bound.And a) {
            Predicate l = predicate(a.left(), negated);
            Predicate r = predicate(a.right(), negated);
            return negated ? cb.or(l, r) : cb.and(l, r);
        }
        if (b instanceof Bound.Or o) {
            Predicate l = predicate(o.left(), negated);
            Predicate r = predicate(o.right(), negated);
            return negated ? cb.and(l, r) : cb.or(l, r);
        }
        if (b instanceof Bound.Not n) {
            return predicate(n.operand(), !negated);
        }
        if (b instanceof Bound.Compare c) {
            if (c.ref() instanceof Bound.AttributeRef a) {
                Predicate p = attribute(a, c.op(), c.value());
                return negated ? cb.not(p) : p;
            }
            return compare(field((Bound.FieldRef) c.ref()), c.op(), c.value(), negated);
        }
        if (b instanceof Bound.In in) {
            List<Predicate> each = new ArrayList<>();
            for (Object v : in.values()) {
                if (in.ref() instanceof Bound.AttributeRef a) {
                    Predicate p = attribute(a, Expr.Op.EQ, v);
                    each.add(negated ? cb.not(p) : p);
                } else {
                    each.add(compare(field((Bound.FieldRef) in.ref()), Expr.Op.EQ, v, negated));
                }
            }
            Predicate[] all = each.toArray(Predicate[]::new);
            return negated ? cb.and(all) : cb.or(all);
        }
        if (b instanceof Bound.Call call) {
            String pattern = switch (call.fn()) {
                case CONTAINS -> "%" + escape(call.value()) + "%";
                case STARTSWITH -> escape(call.value()) + "%";
                case ENDSWITH -> "%" + escape(call.value());
            };
            if (call.ref() instanceof Bound.AttributeRef a) {
                Predicate p = exists(a, v -> cb.like(v.get("text"), pattern, '\\'));
                return negated ? cb.not(p) : p;
            }
            Expression<String> path = field((Bound.FieldRef) call.ref()).as(String.class);
            return negated ? cb.or(cb.isNull(path), cb.notLike(path, pattern, '\\')) : cb.like(path, pattern, '\\');
        }
        throw new IllegalStateException(b.toString());
    }

    /**
     * The sort orders of an orderBy, followed by the id so that paging is stable. The id runs in the
     * direction of the last key, so that an index on (..., key, id) in that direction serves the order.
     */
    public List<Order> orders(OrderBy orderBy) {
        List<Order> orders = new ArrayList<>();
        boolean ascending = true;
        for (OrderBy.Key key : orderBy.keys()) {
            Path<?> p = field(key.ref());
            orders.add(key.ascending() ? cb.asc(p) : cb.desc(p));
            ascending = key.ascending();
        }
        orders.add(ascending ? cb.asc(root.get("id")) : cb.desc(root.get("id")));
        return orders;
    }

    public Path<?> field(Bound.FieldRef ref) {
        From<?, ?> from = ref.relation() == null ? root : join(ref.relation());
        return from.get(ref.field().name());
    }

    private From<?, ?> join(RecordSchema.Relation relation) {
        return joins.computeIfAbsent(relation.name(), n -> root.join(relation.joinAttribute(), JoinType.LEFT));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Predicate compare(Path<?> path, Expr.Op op, Object value, boolean negated) {
        Expr.Op effective = negated ? negate(op) : op;
        if (value == null) {
            return effective == Expr.Op.EQ ? cb.isNull(path) : cb.isNotNull(path);
        }
        Object v = value instanceof Instant i ? LocalDateTime.ofInstant(i, ZoneOffset.UTC) : value;
        if (v instanceof String s && path.getJavaType().isEnum()) {
            v = Enum.valueOf((Class<Enum>) path.getJavaType(), s);
        }
        Expression<Comparable> p = (Expression<Comparable>) path;
        Comparable c = (Comparable) v;
        Predicate plain = comparison(effective, p, c);
        // OData: a missing value makes eq, gt, ge, lt, le false and ne true; a negation flips that
        boolean nullMatches = (op == Expr.Op.NE) != negated;
        return nullMatches ? cb.or(cb.isNull(p), plain) : plain;
    }

    private static Expr.Op negate(Expr.Op op) {
        return switch (op) {
            case EQ -> Expr.Op.NE;
            case NE -> Expr.Op.EQ;
            case GT -> Expr.Op.LE;
            case GE -> Expr.Op.LT;
            case LT -> Expr.Op.GE;
            case LE -> Expr.Op.GT;
        };
    }

    private Predicate attribute(Bound.AttributeRef ref, Expr.Op op, Object value) {
        if (value == null) {
            Predicate present = exists(ref, v -> cb.conjunction());
            return op == Expr.Op.EQ ? cb.not(present) : present;
        }
        if (op == Expr.Op.NE) {
            return cb.not(exists(ref, v -> valueCompare(v, Expr.Op.EQ, value)));
        }
        return exists(ref, v -> valueCompare(v, op, value));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Predicate valueCompare(Path<?> attributeValue, Expr.Op op, Object value) {
        String column = value instanceof String ? "text" : value instanceof Boolean ? "flag" : "number";
        Expression<Comparable> p = attributeValue.get(column);
        Comparable c = value instanceof Number n ? (Comparable) Double.valueOf(n.doubleValue()) : (Comparable) value;
        return comparison(op, p, c);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Predicate comparison(Expr.Op op, Expression<Comparable> p, Comparable c) {
        return switch (op) {
            case EQ -> cb.equal(p, c);
            case NE -> cb.notEqual(p, c);
            case GT -> cb.greaterThan(p, c);
            case GE -> cb.greaterThanOrEqualTo(p, c);
            case LT -> cb.lessThan(p, c);
            case LE -> cb.lessThanOrEqualTo(p, c);
        };
    }

    private interface ValuePredicate {
        Predicate on(Path<?> attributeValue);
    }

    /** EXISTS (SELECT ... FROM Entity e JOIN e.attributes a WHERE e.id = outer id AND KEY(a) = :name AND ...). */
    private Predicate exists(Bound.AttributeRef ref, ValuePredicate valuePredicate) {
        Class<?> entity = ref.relation() == null ? root.getJavaType() : ref.relation().target().entityClass();
        Expression<?> outerId = ref.relation() == null ? root.get("id") : root.get(ref.relation().idField());
        Subquery<String> sq = query.subquery(String.class);
        Root<?> inner = sq.from(entity);
        MapJoin<?, String, ?> attrs = inner.joinMap("attributes");
        sq.select(inner.get("id")).where(
                cb.equal(inner.get("id"), outerId),
                cb.equal(attrs.key(), ref.name()),
                valuePredicate.on(attrs));
        return cb.exists(sq);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

}
