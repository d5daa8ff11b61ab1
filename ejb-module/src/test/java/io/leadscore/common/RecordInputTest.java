package io.leadscore.common;

import io.leadscore.customer.CustomerSchemas;
import io.leadscore.lead.LeadSchema;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecordInputTest {

    @Test
    void acceptsAValidLeadWithAttributes() {
        RecordInput in = RecordInput.parse(LeadSchema.LEAD, json(
                "{'lastName':' Lovelace ','email':'ada@example.com','industry':'','attributes':{'TotalVisits':5,'Lead Origin':'API','Webinar':true}}"));
        assertEquals("Lovelace", in.text("lastName"));
        assertNull(in.text("industry"), "blank text is no value");
        assertEquals(Map.of("TotalVisits", 5.0, "Lead Origin", "API", "Webinar", true), in.attributes());
    }

    @Test
    void reportsEveryBadFieldByName() {
        ValidationException e = assertThrows(ValidationException.class, () -> RecordInput.parse(LeadSchema.LEAD, json(
                "{'lastName':7,'email':'not-an-email','topic':'" + "x".repeat(301) + "','accountId':'42',"
                        + "'colour':'red','status':'QUALIFIED','attributes':{'nested':{'a':1}}}")));
        Map<String, String> byField = e.errors().stream().collect(Collectors.toMap(FieldError::field, FieldError::message));
        assertEquals("must be a string", byField.get("lastName"));
        assertEquals("is not a valid email address", byField.get("email"));
        assertEquals("must be at most 300 characters", byField.get("topic"));
        assertEquals("must be a UUID", byField.get("accountId"));
        assertEquals("is not a field of lead", byField.get("colour"));
        assertEquals("is read-only", byField.get("status"));
        assertEquals("must be text, a number or a boolean", byField.get("attributes/nested"));
        assertEquals(7, e.errors().size(), e.errors().toString());
    }

    @Test
    void requiredFieldsMustBePresent() {
        ValidationException e = assertThrows(ValidationException.class, () -> RecordInput.parse(LeadSchema.LEAD, json("{'firstName':'Ada'}")));
        assertEquals(new FieldError("lastName", "is required"), e.errors().get(0));
    }

    @Test
    void numbersAreCheckedForTypeAndRange() {
        RecordInput ok = RecordInput.parse(CustomerSchemas.ACCOUNT, json("{'name':'Contoso','numberOfEmployees':250,'annualRevenue':1234.5}"));
        assertEquals(250, ok.integer("numberOfEmployees"));
        assertEquals(new BigDecimal("1234.5"), ok.decimal("annualRevenue"));
        for (String bad : new String[]{"'numberOfEmployees':'many'", "'numberOfEmployees':2.5", "'numberOfEmployees':-1",
                "'numberOfEmployees':99999999999", "'annualRevenue':'1'", "'annualRevenue':1.234"}) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> RecordInput.parse(CustomerSchemas.ACCOUNT, json("{'name':'Contoso'," + bad + "}")), bad);
            assertEquals(bad.substring(1, bad.indexOf("'", 1)), e.errors().get(0).field());
        }
    }

    @Test
    void aPatchMayNotNameReadOnlyFields() {
        for (String field : new String[]{"id", "score", "createdOn", "version", "modifiedOn", "closedOn", "status"}) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> RecordInput.checkPatch(LeadSchema.LEAD, json("{'" + field + "':null}")));
            assertEquals(new FieldError(field, "is read-only"), e.errors().get(0));
        }
    }

    @Test
    void attributeNamesAndValuesHaveLimits() {
        String longName = "n".repeat(101);
        ValidationException e = assertThrows(ValidationException.class, () -> RecordInput.parse(LeadSchema.LEAD,
                json("{'lastName':'x','attributes':{'" + longName + "':1,'note':'" + "y".repeat(1001) + "'}}")));
        assertEquals(2, e.errors().size());
        assertEquals("attributes/note", e.errors().get(1).field());
    }

    private static JsonObject json(String singleQuoted) {
        return Json.createReader(new StringReader(singleQuoted.replace('\'', '"'))).readObject();
    }
}
