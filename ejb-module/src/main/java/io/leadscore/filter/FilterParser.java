package io.leadscore.filter;

import io.leadscore.filter.Expr.Literal;
import io.leadscore.filter.Expr.Path;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser for the filter language:
 * <pre>
 * expr    := and ('or' and)*
 * and     := unary ('and' unary)*
 * unary   := 'not' unary | primary
 * primary := '(' expr ')' | fn '(' path ',' literal ')' | path op literal | path 'in' '(' literal (',' literal)* ')'
 * path    := segment ('/' segment)*      segment := identifier | 'quoted text'
 * literal := 'text' | number | true | false | null | 2026-01-31T00:00:00Z
 * </pre>
 */
public final class FilterParser {

    public static final int MAX_LENGTH = 4000;
    private static final int MAX_DEPTH = 50;
    /** Comparisons and function calls in one expression: each may be a subquery (a custom attribute's, say). */
    public static final int MAX_TERMS = 100;
    /** Values in one {@code in} list. */
    public static final int MAX_IN_VALUES = 500;

    private final String src;
    private int pos;
    private int depth;
    private int terms;

    private FilterParser(String src) {
        this.src = src;
    }

    public static Expr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new FilterException("The expression is empty", 1, null);
        }
        if (text.length() > MAX_LENGTH) {
            throw new FilterException("The expression is longer than " + MAX_LENGTH + " characters", MAX_LENGTH, null);
        }
        FilterParser p = new FilterParser(text);
        Expr e = p.orExpr();
        p.skipSpace();
        if (p.pos < p.src.length()) {
            throw p.error("Unexpected '" + p.peekWord() + "'; expected 'and', 'or' or the end of the expression");
        }
        return e;
    }

    private Expr orExpr() {
        Expr left = andExpr();
        while (keyword("or")) {
            left = new Expr.Or(left, andExpr());
        }
        return left;
    }

    private Expr andExpr() {
        Expr left = unary();
        while (keyword("and")) {
            left = new Expr.And(left, unary());
        }
        return left;
    }

    private Expr unary() {
        if (++depth > MAX_DEPTH) {
            throw error("The expression is nested more than " + MAX_DEPTH + " levels deep");
        }
        try {
            if (keyword("not")) {
                return new Expr.Not(unary());
            }
            return primary();
        } finally {
            depth--;
        }
    }

    private Expr primary() {
        skipSpace();
        if (peek('(')) {
            pos++;
            Expr inner = orExpr();
            expect(')');
            return inner;
        }
        for (Expr.Fn fn : Expr.Fn.values()) {
            int save = pos;
            if (keyword(fn.keyword())) {
                skipSpace();
                if (peek('(')) {
                    pos++;
                    Path path = term(path());
                    expect(',');
                    Literal lit = literal();
                    expect(')');
                    return new Expr.Call(fn, path, lit);
                }
                pos = save;
            }
        }
        Path path = term(path());
        skipSpace();
        int opPos = pos;
        String word = identifier();
        if (word == null) {
            throw error("Expected an operator (eq, ne, gt, ge, lt, le, in) after '" + path.text() + "'");
        }
        String op = word.toLowerCase(Locale.ROOT);
        if (op.equals("in")) {
            expect('(');
            List<Literal> literals = new ArrayList<>();
            do {
                if (literals.size() == MAX_IN_VALUES) {
                    throw error("An 'in' list has more than " + MAX_IN_VALUES + " values");
                }
                literals.add(literal());
            } while (accept(','));
            expect(')');
            return new Expr.In(path, literals);
        }
        for (Expr.Op o : Expr.Op.values()) {
            if (o.keyword().equals(op)) {
                return new Expr.Compare(path, o, literal());
            }
        }
        pos = opPos;
        throw error("Unknown operator '" + word + "'; expected eq, ne, gt, ge, lt, le or in");
    }

    /** Counts a comparison or function call, whose path is {@code path}, against {@link #MAX_TERMS}. */
    private Path term(Path path) {
        if (++terms > MAX_TERMS) {
            throw new FilterException("The expression has more than " + MAX_TERMS + " comparisons", path.position(), null);
        }
        return path;
    }

    private Path path() {
        skipSpace();
        int start = pos;
        List<String> segments = new ArrayList<>();
        do {
            skipSpace();
            if (peek('\'')) {
                segments.add(quoted());
            } else {
                String id = identifier();
                if (id == null) {
                    throw error(segments.isEmpty() ? "Expected an attribute path" : "Expected a name after '/'");
                }
                segments.add(id);
            }
        } while (accept('/'));
        return new Path(List.copyOf(segments), start + 1);
    }

    private Literal literal() {
        skipSpace();
        int start = pos;
        if (pos >= src.length()) {
            throw error("Expected a value but the expression ended");
        }
        char c = src.charAt(pos);
        if (c == '\'') {
            return new Literal(quoted(), start + 1);
        }
        if (c == '-' || Character.isDigit(c)) {
            int end = pos + 1;
            while (end < src.length() && (Character.isLetterOrDigit(src.charAt(end)) || ".:+-".indexOf(src.charAt(end)) >= 0)) {
                end++;
            }
            String token = src.substring(pos, end);
            if (token.indexOf('T') > 0 && token.indexOf(':') > 0) {
                try {
                    Instant instant = Instant.parse(token);
                    pos = end;
                    return new Literal(instant, start + 1);
                } catch (DateTimeParseException e) {
                    throw error("'" + token + "' is not an ISO-8601 instant such as 2026-01-31T00:00:00Z");
                }
            }
            try {
                BigDecimal number = new BigDecimal(token);
                pos = end;
                return new Literal(number, start + 1);
            } catch (NumberFormatException e) {
                throw error("'" + token + "' is not a number");
            }
        }
        String word = identifier();
        if (word != null) {
            switch (word) {
                case "true":
                    return new Literal(Boolean.TRUE, start + 1);
                case "false":
                    return new Literal(Boolean.FALSE, start + 1);
                case "null":
                    return new Literal(null, start + 1);
                default:
                    pos = start;
                    throw error("Expected a value ('text', a number, true, false or null) but found '" + word + "'");
            }
        }
        throw error("Expected a value ('text', a number, true, false or null)");
    }

    private String quoted() {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '\'') {
                if (pos < src.length() && src.charAt(pos) == '\'') {
                    sb.append('\'');
                    pos++;
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(c);
            }
        }
        pos = start;
        throw error("Unterminated text literal (a quote inside text is written '')");
    }

    private String identifier() {
        skipSpace();
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        if (pos == start || Character.isDigit(src.charAt(start))) {
            pos = start;
            return null;
        }
        return src.substring(start, pos);
    }

    private boolean keyword(String kw) {
        skipSpace();
        int save = pos;
        String id = identifier();
        if (id != null && id.equalsIgnoreCase(kw)) {
            return true;
        }
        pos = save;
        return false;
    }

    private boolean accept(char c) {
        skipSpace();
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error(pos >= src.length()
                    ? "Expected '" + c + "' but the expression ended"
                    : "Expected '" + c + "' but found '" + peekWord() + "'");
        }
    }

    private boolean peek(char c) {
        return pos < src.length() && src.charAt(pos) == c;
    }

    private String peekWord() {
        int end = pos;
        while (end < src.length() && !Character.isWhitespace(src.charAt(end)) && end - pos < 20) {
            end++;
        }
        return end == pos ? String.valueOf(src.charAt(pos)) : src.substring(pos, end);
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private FilterException error(String message) {
        return new FilterException(message + " at position " + (pos + 1), pos + 1, null);
    }
}
