package io.leadscore.filter;

import io.leadscore.lead.LeadSchema;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterBinderTest {

    @Test
    void unknownPathsAreNamedWithTheirPosition() {
        FilterException e = assertThrows(FilterException.class,
                () -> FilterBinder.compile("industry eq 'x' and revenue gt 5", LeadSchema.LEAD));
        assertEquals("revenue", e.path());
        assertEquals(21, e.position());
        assertTrue(e.getMessage().contains("'revenue'"));
    }

    @Test
    void unknownFieldOfARelationIsNamed() {
        FilterException e = assertThrows(FilterException.class,
                () -> FilterBinder.compile("account/colour eq 'red'", LeadSchema.LEAD));
        assertEquals("account/colour", e.path());
    }

    @Test
    void relationsAndAttributesResolve() {
        Bound.Compare c = (Bound.Compare) FilterBinder.compile("account/numberOfEmployees ge 100", LeadSchema.LEAD);
        Bound.FieldRef ref = assertInstanceOf(Bound.FieldRef.class, c.ref());
        assertEquals("account", ref.relation().name());
        assertEquals(100L, c.value());
        Bound.Compare a = (Bound.Compare) FilterBinder.compile("attributes/TotalVisits gt 2.5", LeadSchema.LEAD);
        assertEquals("TotalVisits", ((Bound.AttributeRef) a.ref()).name());
        assertEquals(2.5, a.value());
    }

    @Test
    void literalsMustMatchTheFieldType() {
        FilterException text = assertThrows(FilterException.class, () -> FilterBinder.compile("industry eq 5", LeadSchema.LEAD));
        assertTrue(text.getMessage().contains("text"), text.getMessage());
        assertThrows(FilterException.class, () -> FilterBinder.compile("createdOn gt 'yesterday'", LeadSchema.LEAD));
        assertThrows(FilterException.class, () -> FilterBinder.compile("account/numberOfEmployees gt 'many'", LeadSchema.LEAD));
        assertThrows(FilterException.class, () -> FilterBinder.compile("contains(version, '1')", LeadSchema.LEAD));
        assertThrows(FilterException.class, () -> FilterBinder.compile("industry gt null", LeadSchema.LEAD));
    }

    @Test
    void statusValuesAreChecked() {
        FilterException e = assertThrows(FilterException.class, () -> FilterBinder.compile("status eq 'WON'", LeadSchema.LEAD));
        assertTrue(e.getMessage().contains("OPEN"), e.getMessage());
    }

    @Test
    void instantsMayBeQuotedOrBare() {
        Bound.Compare quoted = (Bound.Compare) FilterBinder.compile("createdOn gt '2026-01-01T00:00:00Z'", LeadSchema.LEAD);
        Bound.Compare bare = (Bound.Compare) FilterBinder.compile("createdOn gt 2026-01-01T00:00:00Z", LeadSchema.LEAD);
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), quoted.value());
        assertEquals(quoted.value(), bare.value());
    }

    @Test
    void orderByKnowsDirectionsAndRefusesAttributes() {
        OrderBy o = OrderBy.parse("industry desc, account/name, createdOn asc", LeadSchema.LEAD);
        assertEquals(3, o.keys().size());
        assertTrue(!o.keys().get(0).ascending() && o.keys().get(1).ascending());
        FilterException e = assertThrows(FilterException.class, () -> OrderBy.parse("attributes/x", LeadSchema.LEAD));
        assertEquals("attributes/x", e.path());
        assertThrows(FilterException.class, () -> OrderBy.parse("industry sideways", LeadSchema.LEAD));
        FilterException unknown = assertThrows(FilterException.class, () -> OrderBy.parse("createdOn, nope desc", LeadSchema.LEAD));
        assertEquals("nope", unknown.path());
        assertEquals(12, unknown.position());
    }
}
