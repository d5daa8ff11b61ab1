package io.leadscore.filter;

import java.util.List;

/** The abstract syntax of a filter expression. Positions are 1-based offsets into the source text. */
public sealed interface Expr {

    enum Op {
        EQ, NE, GT, GE, LT, LE;

        public String keyword() {
            return name().toLowerCase();
        }
    }

    enum Fn {
        CONTAINS, STARTSWITH, ENDSWITH;

        public String keyword() {
            return name().toLowerCase();
        }
    }

    /** A path of segments separated by {@code /}: {@code industry}, {@code account/industry}, {@code attributes/TotalVisits}. */
    record Path(List<String> segments, int position) {
        public String text() {
            return String.join("/", segments);
        }
    }

    /** A literal: String, java.math.BigDecimal, Boolean, java.time.Instant, or null. */
    record Literal(Object value, int position) {
    }

    record And(Expr left, Expr right) implements Expr {
    }

    record Or(Expr left, Expr right) implements Expr {
    }

    record Not(Expr operand) implements Expr {
    }

    record Compare(Path path, Op op, Literal literal) implements Expr {
    }

    record In(Path path, List<Literal> literals) implements Expr {
    }

    record Call(Fn fn, Path path, Literal literal) implements Expr {
    }
}
