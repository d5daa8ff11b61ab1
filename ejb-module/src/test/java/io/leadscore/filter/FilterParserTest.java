package io.leadscore.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterParserTest {

    @Test
    void andBindsTighterThanOr() {
        Expr e = FilterParser.parse("industry eq 'Finance' or source eq 'Web' and country eq 'UK'");
        Expr.Or or = assertInstanceOf(Expr.Or.class, e);
        assertInstanceOf(Expr.Compare.class, or.left());
        assertInstanceOf(Expr.And.class, or.right());
    }

    @Test
    void parenthesesAndNotGroup() {
        Expr e = FilterParser.parse("not (industry eq 'Retail' or industry eq 'Education') and status eq 'OPEN'");
        Expr.And and = assertInstanceOf(Expr.And.class, e);
        Expr.Not not = assertInstanceOf(Expr.Not.class, and.left());
        assertInstanceOf(Expr.Or.class, not.operand());
    }

    @Test
    void keywordsAreCaseInsensitive() {
        Expr e = FilterParser.parse("industry EQ 'x' AND NOT source Ne 'y'");
        assertInstanceOf(Expr.And.class, e);
    }

    @Test
    void literalsHaveTheirTypes() {
        assertEquals(new BigDecimal("-12.5"), literal("a eq -12.5"));
        assertEquals(new BigDecimal("3"), literal("a eq 3"));
        assertEquals(Boolean.TRUE, literal("a eq true"));
        assertNull(literal("a eq null"));
        assertEquals("it's", literal("a eq 'it''s'"));
        assertEquals(Instant.parse("2026-01-31T00:00:00Z"), literal("a gt 2026-01-31T00:00:00Z"));
    }

    @Test
    void pathsStepIntoRelationsAndQuotedAttributeNames() {
        Expr.Compare c = (Expr.Compare) FilterParser.parse("attributes/'Lead Origin' eq 'API'");
        assertEquals(List.of("attributes", "Lead Origin"), c.path().segments());
        Expr.Compare a = (Expr.Compare) FilterParser.parse("account/industry eq 'Finance'");
        assertEquals("account/industry", a.path().text());
    }

    @Test
    void inListsAndFunctions() {
        Expr.In in = assertInstanceOf(Expr.In.class, FilterParser.parse("status in ('QUALIFIED', 'DISQUALIFIED')"));
        assertEquals(2, in.literals().size());
        Expr.Call call = assertInstanceOf(Expr.Call.class, FilterParser.parse("contains(companyName, 'Bank')"));
        assertEquals(Expr.Fn.CONTAINS, call.fn());
        assertEquals("Bank", call.literal().value());
    }

    @Test
    void aFieldNamedLikeAFunctionIsStillAPath() {
        Expr.Compare c = (Expr.Compare) FilterParser.parse("contains eq 'x'");
        assertEquals("contains", c.path().text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "industry eq|12|Expected a value",
            "industry xx 'a'|10|Unknown operator 'xx'",
            "industry eq 'open|13|Unterminated text",
            "(industry eq 'x'|17|Expected ')'",
            "industry eq 'x' and|20|Expected an attribute path",
            "industry eq 'x' 'y'|17|Unexpected",
            "eq 'x'|4|Expected an operator",
            "status in ('A' 'B')|16|Expected ')'",
            "a eq 2026-13-01T00:00:00Z|6|ISO-8601",
            "a eq banana|6|Expected a value",
            "a/|3|Expected a name after '/'",
    })
    void syntaxErrorsPointAtThePosition(String text, int position, String message) {
        FilterException e = assertThrows(FilterException.class, () -> FilterParser.parse(text));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains("position " + position), e.getMessage());
    }

    @Test
    void emptyAndOverlongExpressionsAreRefused() {
        assertThrows(FilterException.class, () -> FilterParser.parse("  "));
        assertThrows(FilterException.class, () -> FilterParser.parse("a eq '" + "x".repeat(5000) + "'"));
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "not ".repeat(200) + "a eq 1";
        FilterException e = assertThrows(FilterException.class, () -> FilterParser.parse(deep));
        assertTrue(e.getMessage().contains("nested"));
    }

    @Test
    void tooManyComparisonsOrInValuesAreRefusedNamingTheLimit() {
        String hundred = String.join(" or ", java.util.Collections.nCopies(100, "a eq 1"));
        FilterParser.parse(hundred);
        FilterException terms = assertThrows(FilterException.class, () -> FilterParser.parse(hundred + " or b eq 2"));
        assertTrue(terms.getMessage().contains("more than 100 comparisons"), terms.getMessage());
        assertEquals(hundred.length() + 5, terms.position(), "points at the 101st");
        FilterException calls = assertThrows(FilterException.class,
                () -> FilterParser.parse(hundred + " or contains(b,'x')"));
        assertTrue(calls.getMessage().contains("more than 100 comparisons"), calls.getMessage());

        String values = String.join(",", java.util.Collections.nCopies(500, "1"));
        assertEquals(500, ((Expr.In) FilterParser.parse("a in (" + values + ")")).literals().size());
        FilterException in = assertThrows(FilterException.class, () -> FilterParser.parse("a in (" + values + ",2)"));
        assertTrue(in.getMessage().contains("more than 500 values"), in.getMessage());
    }

    private static Object literal(String text) {
        return ((Expr.Compare) FilterParser.parse(text)).literal().value();
    }
}
