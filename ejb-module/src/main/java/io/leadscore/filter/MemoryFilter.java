package io.leadscore.filter;

import io.leadscore.common.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Evaluates a {@link Bound} expression against one record held in memory, with exactly the semantics
 * of {@link CriteriaFilter} in the database (OData nulls: a missing value makes {@code eq gt ge lt le}
 * false and {@code ne} true). Model selection uses it for a single lead, and {@link #explain} says which
 * clause is false and with which value, for the eligibility API.
 *
 * <p>The resolver returns, for a field reference, the field's value (String, Number, Boolean, Instant,
 * an enum, or null) and, for an attribute reference, the {@link AttributeValue} or null.
 */
public final class MemoryFilter {

    private final Function<Bound.Ref, Object> values;

    public MemoryFilter(Function<Bound.Ref, Object> values) {
        this.values = values;
    }

    public boolean test(Bound b) {
        if (b instanceof Bound.And a) {
            return test(a.left()) && test(a.right());
        }
        if (b instanceof Bound.Or o) {
            return test(o.left()) || test(o.right());
        }
        if (b instanceof Bound.Not n) {
            return !test(n.operand());
        }
        if (b instanceof Bound.Compare c) {
            return compare(c.ref(), c.op(), c.value());
        }
        if (b instanceof Bound.In in) {
            for (Object v : in.values()) {
                if (compare(in.ref(), Expr.Op.EQ, v)) {
                    return true;
                }
            }
            return false;
        }
        if (b instanceof Bound.Call call) {
            String text = text(call.ref());
            if (text == null) {
                return false;
            }
            return switch (call.fn()) {
                case CONTAINS -> text.contains(call.value());
                case STARTSWITH -> text.startsWith(call.value());
                case ENDSWITH -> text.endsWith(call.value());
            };
        }
        throw new IllegalStateException(b.toString());
    }

    /**
     * Why the expression is false for this record: the smallest false clauses, each as
     * {@code "filter <clause> is false: <path> = <value>"}. Empty when the expression is true.
     */
    public List<String> explain(Bound b) {
        List<String> reasons = new ArrayList<>();
        if (!test(b)) {
            collect(b, reasons);
        }
        return reasons;
    }

    private void collect(Bound b, List<String> out) {
        if (b instanceof Bound.And a) {
            if (!test(a.left())) {
                collect(a.left(), out);
            }
            if (!test(a.right())) {
                collect(a.right(), out);
            }
            return;
        }
        out.add("filter " + Printer.print(b) + " is false: " + refs(b).stream()
                .distinct()
                .map(r -> r.path() + " = " + Printer.literal(display(r)))
                .collect(Collectors.joining(", ")));
    }

    private Object display(Bound.Ref ref) {
        Object v = values.apply(ref);
        if (v instanceof AttributeValue a) {
            return a.value();
        }
        return v instanceof Enum<?> e ? e.name() : v;
    }

    /** Every field or attribute an expression reads. */
    public static List<Bound.Ref> refs(Bound b) {
        List<Bound.Ref> out = new ArrayList<>();
        if (b instanceof Bound.And a) {
            out.addAll(refs(a.left()));
            out.addAll(refs(a.right()));
        } else if (b instanceof Bound.Or o) {
            out.addAll(refs(o.left()));
            out.addAll(refs(o.right()));
        } else if (b instanceof Bound.Not n) {
            out.addAll(refs(n.operand()));
        } else if (b instanceof Bound.Compare c) {
            out.add(c.ref());
        } else if (b instanceof Bound.In in) {
            out.add(in.ref());
        } else if (b instanceof Bound.Call call) {
            out.add(call.ref());
        }
        return out;
    }

    private String text(Bound.Ref ref) {
        Object v = values.apply(ref);
        if (v instanceof AttributeValue a) {
            return a.text();
        }
        return v instanceof String s ? s : v instanceof Enum<?> e ? e.name() : null;
    }

    private boolean compare(Bound.Ref ref, Expr.Op op, Object literal) {
        Object raw = values.apply(ref);
        if (ref instanceof Bound.AttributeRef) {
            AttributeValue a = (AttributeValue) raw;
            if (literal == null) {
                return (op == Expr.Op.EQ) == (a == null);
            }
            // an attribute compares only with a literal of its own kind; otherwise it is "no such value"
            Object typed = a == null ? null : literal instanceof String ? a.text()
                    : literal instanceof Boolean ? a.flag() : a.number();
            if (op == Expr.Op.NE) {
                return typed == null || cmp(typed, literal) != 0;
            }
            return typed != null && holds(op, cmp(typed, literal));
        }
        Object value = raw instanceof Enum<?> e ? e.name() : raw;
        if (literal == null) {
            return (op == Expr.Op.EQ) == (value == null);
        }
        if (value == null) {
            return op == Expr.Op.NE;
        }
        return holds(op, cmp(value, literal));
    }

    private static boolean holds(Expr.Op op, int c) {
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            case LT -> c < 0;
            case LE -> c <= 0;
        };
    }

    private static int cmp(Object value, Object literal) {
        if (value instanceof Number a && literal instanceof Number b) {
            return toDecimal(a).compareTo(toDecimal(b));
        }
        if (value instanceof Instant a && literal instanceof Instant b) {
            return a.compareTo(b);
        }
        if (value instanceof Boolean a && literal instanceof Boolean b) {
            return a.compareTo(b);
        }
        return value.toString().compareTo(literal.toString());
    }

    private static BigDecimal toDecimal(Number n) {
        return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    }

    /** Prints a bound expression back in the filter language. */
    public static final class Printer {
        private Printer() {
        }

        public static String print(Bound b) {
            if (b instanceof Bound.And a) {
                return group(a.left(), b) + " and " + group(a.right(), b);
            }
            if (b instanceof Bound.Or o) {
                return group(o.left(), b) + " or " + group(o.right(), b);
            }
            if (b instanceof Bound.Not n) {
                return "not (" + print(n.operand()) + ")";
            }
            if (b instanceof Bound.Compare c) {
                return c.ref().path() + " " + c.op().keyword() + " " + literal(c.value());
            }
            if (b instanceof Bound.In in) {
                return in.ref().path() + " in (" + in.values().stream().map(Printer::literal)
                        .collect(Collectors.joining(", ")) + ")";
            }
            Bound.Call call = (Bound.Call) b;
            return call.fn().keyword() + "(" + call.ref().path() + ", " + literal(call.value()) + ")";
        }

        private static String group(Bound child, Bound parent) {
            boolean needs = (child instanceof Bound.Or && parent instanceof Bound.And)
                    || (child instanceof Bound.And && parent instanceof Bound.Or);
            return needs ? "(" + print(child) + ")" : print(child);
        }

        public static String literal(Object v) {
            if (v == null) {
                return "null";
            }
            if (v instanceof String s) {
                return "'" + s.replace("'", "''") + "'";
            }
            if (v instanceof BigDecimal d) {
                return d.stripTrailingZeros().toPlainString();
            }
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return v.toString();
        }
    }
}
