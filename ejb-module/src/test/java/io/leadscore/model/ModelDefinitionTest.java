package io.leadscore.model;

import io.leadscore.common.FieldError;
import io.leadscore.common.ValidationException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelDefinitionTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    @Test
    void aFullConfigurationWithDefaults() {
        ModelDefinition d = ModelDefinition.parse(json("{'name':'Default','filter':'industry ne \\u0027Retail\\u0027',"
                + "'attributes':['source','attributes/TotalVisits','account/numberOfEmployees',"
                + "{'path':'contact/jobTitle','ignoreEmpty':true}]}"), null);
        assertEquals("Default", d.name());
        assertNull(d.businessProcess());
        assertEquals(List.of("source", "attributes/TotalVisits", "account/numberOfEmployees", "contact/jobTitle"), d.paths());
        assertTrue(d.attributes().get(3).ignoreEmpty());
        assertEquals(75, d.gradeA());
        assertEquals(5, d.trendThreshold());
        assertEquals(730, d.trainingWindowDays());
        assertEquals("A", d.grade(75));
        assertEquals("B", d.grade(74));
        assertEquals("C", d.grade(25));
        assertEquals("D", d.grade(24));
        assertEquals("Account number of employees", d.specs().get(2).label());
        assertEquals("TotalVisits", d.specs().get(1).label());
        // stored and read back, the same definition
        assertEquals(d, ModelDefinition.parse(d.toJson(), null));
    }

    @Test
    void autoLeavesOutNamesAndTheExternalIdButAnAdministratorMayListThem() {
        for (String path : List.of("firstName", "lastName", "externalId", "contact/firstName", "contact/lastName")) {
            assertTrue(ModelDefinition.leftOutByAuto(path) != null, path);
        }
        for (String path : List.of("industry", "source", "externalSource", "companyName", "email", "phone",
                "contact/email", "contact/jobTitle", "account/name", "attributes/lastName")) {
            assertNull(ModelDefinition.leftOutByAuto(path), path);
        }
        assertEquals(List.of("lastName", "externalId"),
                ModelDefinition.parse(json("{'name':'M','attributes':['lastName','externalId']}"), null).paths());
    }

    @Test
    void aPatchChangesOnlyWhatItNames() {
        ModelDefinition d = ModelDefinition.parse(json("{'name':'M','attributes':['source'],'priority':3}"), null);
        ModelDefinition p = d.patch(json("{'grades':{'A':80},'filter':null}"));
        assertEquals(80, p.gradeA());
        assertEquals(50, p.gradeB());
        assertEquals(3, p.priority());
        assertEquals(List.of("source"), p.paths());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'attributes':['source']}|name|is required",
            "{'name':'M'}|attributes|is required",
            "{'name':'M','attributes':[]}|attributes|is required",
            "{'name':'M','attributes':['colour']}|attributes/0|Unknown attribute 'colour'",
            "{'name':'M','attributes':['account/colour']}|attributes/0|Unknown attribute 'account/colour'",
            "{'name':'M','attributes':['status']}|attributes/0|cannot be a model attribute",
            "{'name':'M','attributes':['source','source']}|attributes/1|listed twice",
            "{'name':'M','attributes':[5]}|attributes/0|must be a path",
            "{'name':'M','attributes':['source'],'filter':'industry eq'}|filter|position",
            "{'name':'M','attributes':['source'],'filter':'colour eq 1'}|filter|Unknown attribute 'colour'",
            "{'name':'M','attributes':['source'],'grades':{'A':50,'B':50,'C':25}}|grades|strictly decrease, A > B > C",
            "{'name':'M','attributes':['source'],'grades':{'A':75,'B':20,'C':25}}|grades|strictly decrease",
            "{'name':'M','attributes':['source'],'grades':{'A':175}}|grades/A|from 1 to 100",
            "{'name':'M','attributes':['source'],'grades':{'E':5}}|grades/E|unknown grade",
            "{'name':'M','attributes':['source'],'trendThreshold':0}|trendThreshold|from 1 to 100",
            "{'name':'M','attributes':['source'],'trendThreshold':2.5}|trendThreshold|whole number",
            "{'name':'M','attributes':['source'],'autoRetrainDays':-1}|autoRetrainDays|from 1 to 365",
            "{'name':'M','attributes':['source'],'colour':'red'}|colour|unknown field",
    })
    void badConfigurationsNameTheField(String body, String field, String message) {
        ValidationException e = assertThrows(ValidationException.class, () -> ModelDefinition.parse(json(body), null));
        FieldError error = e.errors().stream().filter(f -> f.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no error for " + field + ": " + e.errors()));
        assertTrue(error.message().contains(message), error.message());
    }

    @Test
    void readOnlyFieldsCannotBePatched() {
        ModelDefinition d = ModelDefinition.parse(json("{'name':'M','attributes':['source']}"), null);
        ValidationException e = assertThrows(ValidationException.class, () -> d.patch(json("{'status':'PUBLISHED'}")));
        assertEquals("status", e.errors().get(0).field());
    }

    @Test
    void autoLetsTrainingChooseSteeredByPinnedAndDropped() {
        ModelDefinition d = ModelDefinition.parse(json("{'name':'Auto','attributes':'auto','pinned':['industry'],"
                + "'dropped':['attributes/Tags']}"), null);
        assertTrue(d.auto());
        assertEquals(List.of(), d.attributes());
        assertEquals(List.of("industry"), d.pinned());
        assertEquals(List.of("attributes/Tags"), d.dropped());
        JsonObject back = d.toJson();
        assertEquals("auto", back.getString("attributes"));
        assertEquals(d, ModelDefinition.parse(back, null), "written and read back the same");

        ModelDefinition listed = d.patch(json("{'attributes':['source']}"));
        assertTrue(!listed.auto());
        assertEquals(List.of("source"), listed.paths());
        assertEquals(List.of("industry"), listed.pinned(), "pinned and dropped stay for the next time it is auto");
        assertTrue(d.patch(json("{'dropped':null}")).dropped().isEmpty());

        ValidationException e = assertThrows(ValidationException.class, () -> ModelDefinition.parse(json(
                "{'name':'Bad','attributes':'automatic','pinned':['status','industry','industry'],'dropped':['industry']}"),
                null));
        List<String> fields = e.errors().stream().map(FieldError::field).toList();
        assertTrue(fields.containsAll(List.of("attributes", "pinned/0", "pinned/2", "dropped")), fields.toString());
        assertTrue(e.errors().stream().anyMatch(x -> x.message().contains("or \"auto\" to let training choose")),
                e.errors().toString());
    }
}
