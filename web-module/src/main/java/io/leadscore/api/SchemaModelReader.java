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
                        .addProperty("score", OASFactory.createSchema().type(Schema.SchemaType.OBJECT).readOnly(true)
                                .description("null until scored: value 0-100, grade A-D, trend, model")))
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

    private static Schema string() {
        return OASFactory.createSchema().type(Schema.SchemaType.STRING);
    }
}
