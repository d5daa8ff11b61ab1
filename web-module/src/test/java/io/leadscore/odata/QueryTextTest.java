package io.leadscore.odata;

import io.leadscore.common.FieldType;
import io.leadscore.filter.FilterBinder;
import io.leadscore.filter.FilterParser;
import io.leadscore.lead.LeadSchema;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.uri.UriInfo;
import org.apache.olingo.server.core.uri.parser.Parser;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** OData's $filter and $orderby, as Olingo parses them against the service model, in the product's filter language. */
class QueryTextTest {

    private static final Map<String, FieldType> ATTRIBUTES = new LinkedHashMap<>();

    static {
        ATTRIBUTES.put("Lead Origin", FieldType.TEXT);
        ATTRIBUTES.put("Lead-Origin", FieldType.TEXT);
        ATTRIBUTES.put("TotalVisits", FieldType.DECIMAL);
        ATTRIBUTES.put("2nd call", FieldType.BOOLEAN);
    }

    private final ServiceModel model = new ServiceModel(ATTRIBUTES, Map.of(), Map.of());
    private final OData odata = OData.newInstance();
    private final ServiceMetadata metadata = odata.createServiceMetadata(model, List.of());

    private UriInfo parse(String query) throws Exception {
        return new Parser(metadata.getEdm(), odata).parseUri("Leads", query, null, "http://localhost/odata/v4");
    }

    private String filter(String filter) throws Exception {
        String text = QueryText.filter(parse("$filter=" + filter).getFilterOption().getExpression(),
                model.kind(ServiceModel.LEADS), model);
        FilterBinder.bind(FilterParser.parse(text), LeadSchema.LEAD); // the product's own parser and binder take it
        return text;
    }

    @Test
    void attributesKeepTheirOwnNamesUnderODataSafeOnes() {
        AttributeNames names = new AttributeNames(ATTRIBUTES);
        assertEquals(List.of("Lead_Origin", "Lead_Origin_2", "TotalVisits", "_2nd_call"),
                List.copyOf(names.properties().keySet()));
        assertEquals("Lead-Origin", names.attribute("Lead_Origin_2"));
        assertEquals("_2nd_call", names.property("2nd call"));
    }

    @Test
    void comparisonsFunctionsAndPathsBecomeTheFilterLanguage() throws Exception {
        assertEquals("(attributes/'Lead Origin' eq 'API') and (score/value gt 50)",
                filter("attributes/Lead_Origin eq 'API' and score/value gt 50"));
        assertEquals("attributes/'Lead-Origin' ne null", filter("attributes/Lead_Origin_2 ne null"));
        assertEquals("score/value ge 5", filter("5 le score/value"));
        assertEquals("not (contains(lastName, 'O''Brien'))", filter("not contains(lastName,'O''Brien')"));
        assertEquals("status in ('OPEN', 'QUALIFIED')", filter("status in ('OPEN','QUALIFIED')"));
        assertEquals("(account/industry eq 'Retail') or (createdOn lt 2026-01-31T00:00:00Z)",
                filter("account/industry eq 'Retail' or createdOn lt 2026-01-31T00:00:00Z"));
        assertEquals("attributes/'TotalVisits' gt -2.5", filter("attributes/TotalVisits gt -2.5"));
    }

    @Test
    void whatTheLanguageCannotSayIsNamedNotGuessed() {
        for (String f : List.of("history/any(h:h/value gt 5)", "length(lastName) gt 3", "score/value add 1 gt 5")) {
            ODataApplicationException e = assertThrows(ODataApplicationException.class, () -> filter(f), f);
            assertEquals(501, e.getStatusCode(), f);
        }
    }

    @Test
    void orderByKeepsItsDirections() throws Exception {
        assertEquals("score/value desc, lastName", QueryText.orderBy(parse("$orderby=score/value desc,lastName")
                .getOrderByOption(), model.kind(ServiceModel.LEADS), model));
    }
}
