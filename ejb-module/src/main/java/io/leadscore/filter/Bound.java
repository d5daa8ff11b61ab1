package io.leadscore.filter;

import io.leadscore.common.FieldDef;
import io.leadscore.common.RecordSchema;

import java.util.List;

/**
 * A filter expression checked against a schema: every path resolved, every literal converted to the
 * type of its field (String, Integer, Double, java.math.BigDecimal, Boolean, java.time.Instant, null).
 */
public sealed interface Bound {

    /** What a path designates: a field of the record or of a related record, or a custom attribute. */
    sealed interface Ref {
        /** The relation stepped through, or null for the record itself. */
        RecordSchema.Relation relation();

        String path();
    }

    record FieldRef(RecordSchema.Relation relation, FieldDef field, String path) implements Ref {
    }

    record AttributeRef(RecordSchema.Relation relation, String name, String path) implements Ref {
    }

    record And(Bound left, Bound right) implements Bound {
    }

    record Or(Bound left, Bound right) implements Bound {
    }

    record Not(Bound operand) implements Bound {
    }

    record Compare(Ref ref, Expr.Op op, Object value) implements Bound {
    }

    record In(Ref ref, List<Object> values) implements Bound {
    }

    record Call(Expr.Fn fn, Ref ref, String value) implements Bound {
    }
}
