package io.leadscore.api;

import io.leadscore.common.FieldDef;
import io.leadscore.common.RecordSchema;
import io.leadscore.customer.CustomerSchemas;
import io.leadscore.lead.LeadSchema;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/**
 * Writes the record schemas (types, formats, length limits, read-only and required fields) into the
 * OpenAPI document from the same {@link RecordSchema} that validates input, so the documented limits
 * are the enforced ones.
 */
public class SchemaModelReader implements OASModelReader {

    @Override
    public OpenAPI buildModel() {
        return OASFactory.createOpenAPI().components(OASFactory.createComponents()
                .addSchema("Lead", schema(LeadSchema.LEAD)
                        .addProperty("score", OASFactory.createSchema().ref("Score")))
                .addSchema("Score", OASFactory.createSchema().type(Schema.SchemaType.OBJECT).readOnly(true)
                        .description("Null until a published model scores the lead. Filters and orderBy may use "
                                + "score/value, score/grade, score/trend, score/modelId and score/scoredOn.")
                        .addProperty("value", integer("the calibrated chance in percent that the lead qualifies, 0-100"))
                        .addProperty("grade", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                                .enumeration(List.of("A", "B", "C", "D")).description("from the model's grade bounds"))
                        .addProperty("trend", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                                .enumeration(List.of("IMPROVING", "DECLINING", "STEADY", "NOT_ENOUGH_INFO"))
                                .description("against the previous score; STEADY within the model's trend threshold"))
                        .addProperty("modelId", string()).addProperty("modelName", string())
                        .addProperty("modelVersion", integer("the model version that gave the score"))
                        .addProperty("scoredOn", OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date-time")))
                .addSchema("ModelConfiguration", OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                        .description("What administrators deploy (API.md \"Models\"); responses add id, version, status, "
                                + "error, latestVersion, publishedVersion, publishedOn and metrics")
                        .addRequired("name").addRequired("attributes")
                        .addProperty("name", string())
                        .addProperty("businessProcess", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                                .description("null: leads of any business process"))
                        .addProperty("filter", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                                .description("which leads the model scores and learns from, in the filter language; null: all"))
                        .addProperty("priority", integer("the highest wins when several published models match a lead"))
                        .addProperty("attributes", OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                                .description("paths: lead fields, attributes/<name>, account/<field>, contact/<field>; or "
                                        + "{\"path\": ..., \"ignoreEmpty\": true} to learn nothing from empty values")
                                .items(OASFactory.createSchema()))
                        .addProperty("grades", OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                                .description("lower bounds of A, B and C, strictly decreasing; D is below C (default 75, 50, 25)"))
                        .addProperty("trendThreshold", integer("a score change smaller than this is STEADY (default 5)"))
                        .addProperty("autoRetrainDays", integer("retrain every so many days (null: never)"))
                        .addProperty("trainingWindowDays", integer("learn from leads created within this many days (default 730)")))
                .addSchema("Account", schema(CustomerSchemas.ACCOUNT))
                .addSchema("Contact", schema(CustomerSchemas.CONTACT))
                .addSchema("Problem", OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                        .description("RFC 9457 problem details; errors name the fields at fault")
                        .addProperty("type", string()).addProperty("title", string())
                        .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER))
                        .addProperty("detail", string())
                        .addProperty("errors", OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                                .items(OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                                        .addProperty("field", string()).addProperty("message", string())))));
    }

    private static Schema schema(RecordSchema record) {
        Schema s = OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("A " + record.entityName() + "; unknown fields are refused");
        for (FieldDef f : record.fields()) {
            Schema p = OASFactory.createSchema().description(f.label());
            switch (f.type()) {
                case TEXT -> p.type(Schema.SchemaType.STRING).maxLength(f.maxLength());
                case EMAIL -> p.type(Schema.SchemaType.STRING).format("email").maxLength(f.maxLength());
                case ID -> p.type(Schema.SchemaType.STRING).format("uuid");
                case ENUM -> p.type(Schema.SchemaType.STRING).enumeration(new java.util.ArrayList<Object>(f.values()));
                case INTEGER -> p.type(Schema.SchemaType.INTEGER).minimum(BigDecimal.ZERO);
                case DECIMAL -> p.type(Schema.SchemaType.NUMBER).minimum(BigDecimal.ZERO);
                case BOOLEAN -> p.type(Schema.SchemaType.BOOLEAN);
                case INSTANT -> p.type(Schema.SchemaType.STRING).format("date-time");
            }
            if (!f.writable()) {
                p.readOnly(true);
            }
            if (f.required()) {
                s.addRequired(f.name());
            }
            s.addProperty(f.name(), p);
        }
        s.addProperty("attributes", OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("Custom attributes: name (at most " + RecordSchema.MAX_ATTRIBUTE_NAME + " characters) to text (at most "
                        + RecordSchema.MAX_ATTRIBUTE_TEXT + "), number or boolean; at most " + RecordSchema.MAX_ATTRIBUTES));
        return s;
    }

    private static Schema integer(String description) {
        return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).description(description);
    }

    private static Schema string() {
        return OASFactory.createSchema().type(Schema.SchemaType.STRING);
    }
}
