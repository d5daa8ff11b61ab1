package io.leadscore.filter;

import io.leadscore.common.FieldDef;
import io.leadscore.common.FieldType;
import io.leadscore.common.RecordSchema;
import io.leadscore.filter.Expr.Literal;
import io.leadscore.filter.Expr.Path;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Resolves the paths of a parsed expression against a schema and types its literals. */
public final class FilterBinder {

    private FilterBinder() {
    }

    /** Parses and binds in one step. */
    public static Bound compile(String filter, RecordSchema schema) {
        return bind(FilterParser.parse(filter), schema);
    }

    public static Bound bind(Expr expr, RecordSchema schema) {
        if (expr instanceof Expr.And a) {
            return new Bound.And(bind(a.left(), schema), bind(a.right(), schema));
        }
        if (expr instanceof Expr.Or o) {
            return new Bound.Or(bind(o.left(), schema), bind(o.right(), schema));
        }
        if (expr instanceof Expr.Not n) {
            return new Bound.Not(bind(n.operand(), schema));
        }
        if (expr instanceof Expr.Compare c) {
            Bound.Ref ref = resolve(c.path(), schema);
            if (c.literal().value() == null && c.op() != Expr.Op.EQ && c.op() != Expr.Op.NE) {
                throw new FilterException("Only eq and ne compare with null (position " + c.literal().position() + ")",
                        c.literal().position(), ref.path());
            }
            if (ref instanceof Bound.FieldRef f && f.field().type() == FieldType.BOOLEAN
                    && c.op() != Expr.Op.EQ && c.op() != Expr.Op.NE) {
                throw new FilterException("'" + ref.path() + "' is true or false; compare it with eq or ne",
                        c.path().position(), ref.path());
            }
            return new Bound.Compare(ref, c.op(), convert(ref, c.literal()));
        }
        if (expr instanceof Expr.In in) {
            Bound.Ref ref = resolve(in.path(), schema);
            List<Object> values = new ArrayList<>();
            for (Literal l : in.literals()) {
                values.add(convert(ref, l));
            }
            return new Bound.In(ref, values);
        }
        if (expr instanceof Expr.Call call) {
            Bound.Ref ref = resolve(call.path(), schema);
            if (ref instanceof Bound.FieldRef f && !f.field().type().isText()) {
                throw new FilterException(call.fn().keyword() + "() needs a text attribute; '" + ref.path() + "' is "
                        + f.field().type().name().toLowerCase(), call.path().position(), ref.path());
            }
            if (!(call.literal().value() instanceof String s)) {
                throw new FilterException(call.fn().keyword() + "() needs a 'text' value (position "
                        + call.literal().position() + ")", call.literal().position(), ref.path());
            }
            return new Bound.Call(call.fn(), ref, s);
        }
        throw new IllegalStateException(expr.toString());
    }

    /** Resolves a path against the schema, or fails naming it. */
    public static Bound.Ref resolve(Path path, RecordSchema schema) {
        List<String> seg = path.segments();
        FieldDef alias = schema.alias(path.text()).orElse(null);
        if (alias != null) {
            return new Bound.FieldRef(null, alias, path.text());
        }
        RecordSchema.Relation relation = null;
        RecordSchema target = schema;
        int i = 0;
        if (seg.size() > 1) {
            relation = schema.relation(seg.get(0)).orElse(null);
            if (relation != null) {
                target = relation.target();
                i = 1;
            }
        }
        String name = seg.get(i);
        if (name.equals("attributes") && seg.size() == i + 2) {
            return new Bound.AttributeRef(relation, seg.get(i + 1), path.text());
        }
        if (seg.size() == i + 1) {
            FieldDef def = target.field(name).orElse(null);
            if (def != null) {
                return new Bound.FieldRef(relation, def, path.text());
            }
        }
        throw new FilterException("Unknown attribute '" + path.text() + "' of " + schema.entityName()
                + " (position " + path.position() + ")", path.position(), path.text());
    }

    private static Object convert(Bound.Ref ref, Literal lit) {
        Object v = lit.value();
        if (v == null) {
            return null;
        }
        if (ref instanceof Bound.AttributeRef) {
            if (v instanceof BigDecimal d) {
                return d.doubleValue();
            }
            if (v instanceof Instant i) {
                return i.toString();
            }
            return v;
        }
        FieldDef def = ((Bound.FieldRef) ref).field();
        switch (def.type()) {
            case TEXT, EMAIL, ID -> {
                if (v instanceof String) {
                    return v;
                }
            }
            case ENUM -> {
                if (v instanceof String s) {
                    if (!def.values().contains(s)) {
                        throw new FilterException("'" + s + "' is not a value of " + ref.path() + "; expected one of "
                                + def.values() + " (position " + lit.position() + ")", lit.position(), ref.path());
                    }
                    return s;
                }
            }
            case INTEGER -> {
                if (v instanceof BigDecimal d) {
                    return d.stripTrailingZeros().scale() <= 0 ? (Object) d.longValue() : (Object) d.doubleValue();
                }
            }
            case DECIMAL -> {
                if (v instanceof BigDecimal d) {
                    return d;
                }
            }
            case BOOLEAN -> {
                if (v instanceof Boolean) {
                    return v;
                }
            }
            case INSTANT -> {
                if (v instanceof Instant) {
                    return v;
                }
                if (v instanceof String s) {
                    try {
                        return Instant.parse(s);
                    } catch (DateTimeParseException e) {
                        // falls through to the type error
                    }
                }
            }
            default -> throw new IllegalStateException(def.type().name());
        }
        throw new FilterException("'" + ref.path() + "' is " + describe(def.type()) + "; the value at position "
                + lit.position() + " is not", lit.position(), ref.path());
    }

    private static String describe(FieldType type) {
        return switch (type) {
            case TEXT, EMAIL, ID, ENUM -> "text: write the value in quotes";
            case INTEGER, DECIMAL -> "a number";
            case BOOLEAN -> "true or false";
            case INSTANT -> "an instant such as 2026-01-31T00:00:00Z";
        };
    }
}
