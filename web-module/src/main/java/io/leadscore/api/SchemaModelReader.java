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
                .addSchema("LeadChanges", changes(LeadSchema.LEAD))
                .addSchema("AccountChanges", changes(CustomerSchemas.ACCOUNT))
                .addSchema("ContactChanges", changes(CustomerSchemas.CONTACT))
                .addSchema("LeadPage", page("Lead"))
                .addSchema("AccountPage", page("Account"))
                .addSchema("ContactPage", page("Contact"))
                .addSchema("Reason", OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                        .description("Why the score is what it is: one attribute's effect")
                        .addProperty("attribute", string()).addProperty("label", string())
                        .addProperty("value", OASFactory.createSchema().description("the lead's value: text, number or "
                                + "boolean"))
                        .addProperty("impact", OASFactory.createSchema().type(Schema.SchemaType.NUMBER)
                                .description("in score points: the score minus the lead's average score over the values "
                                        + "this attribute took in training"))
                        .addProperty("text", string()).addProperty("insight", string()))
                .addSchema("ScoreDetails", OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                        .description("A lead's score with the reasons that raise (positive) and lower (negative) it")
                        .addProperty("value", integer("0-100")).addProperty("grade", string())
                        .addProperty("trend", string()).addProperty("modelId", string())
                        .addProperty("modelName", string()).addProperty("modelVersion", integer(null))
                        .addProperty("scoredOn", OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date-time"))
                        .addProperty("positive", OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                                .items(OASFactory.createSchema().ref("Reason")))
                        .addProperty("negative", OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                                .items(OASFactory.createSchema().ref("Reason"))))
                .addSchema("HistoryPoint", OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                        .addProperty("scoredOn", OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date-time"))
                        .addProperty("value", integer(null)).addProperty("grade", string())
                        .addProperty("modelId", string()).addProperty("modelVersion", integer(null)))
                .addSchema("BulkCall", OASFactory.createSchema().type(Schema.SchemaType.OBJECT).addRequired("mode")
                        .addRequired("records")
                        .addProperty("mode", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                                .enumeration(List.of("create", "update", "upsert")))
                        .addProperty("atomic", OASFactory.createSchema().type(Schema.SchemaType.BOOLEAN)
                                .description("true: all or nothing; false (default): one result per record"))
                        .addProperty("records", OASFactory.createSchema().type(Schema.SchemaType.ARRAY).maxItems(1000)
                                .description("create: leads as POST takes them; update: each with its id (and optionally "
                                        + "the version it read) and the fields to change; upsert: each with its "
                                        + "externalSource and externalId")
                                .items(OASFactory.createSchema().ref("LeadChanges"))))
                .addSchema("BulkResult", OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                        .addProperty("results", OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                                .items(OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                                        .addProperty("status", integer("201 created, 200 updated, else the problem's"))
                                        .addProperty("id", string()).addProperty("version", integer(null))
                                        .addProperty("problem", OASFactory.createSchema().ref("Problem"))))
                        .addProperty("created", integer(null)).addProperty("updated", integer(null))
                        .addProperty("failed", integer(null)))
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

    /**
     * The fields a change names (PATCH, an upsert, a bulk record): the record's schema with nothing required, so that
     * a generated client sends only what it sets.
     */
    private static Schema changes(RecordSchema record) {
        Schema s = schema(record).description("The fields of a " + record.entityName() + " to set; those left out keep "
                + "their values (an upsert that creates needs what a create needs)");
        s.setRequired(null);
        return s;
    }

    /** A page of a collection: {value, count, nextLink} (API.md "Collections"). */
    private static Schema page(String item) {
        return OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .addProperty("value", OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref(item)))
                .addProperty("count", integer("all matches, when count=true was asked"))
                .addProperty("nextLink", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                        .description("the next page, continuing after this page's last row; absent on the last page"));
    }

    private static Schema integer(String description) {
        return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).description(description);
    }

    private static Schema string() {
        return OASFactory.createSchema().type(Schema.SchemaType.STRING);
    }
}
