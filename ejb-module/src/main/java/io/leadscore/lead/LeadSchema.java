package io.leadscore.lead;

import io.leadscore.common.FieldDef;
import io.leadscore.common.FieldType;
import io.leadscore.common.RecordSchema;
import io.leadscore.customer.CustomerSchemas;

import java.util.Arrays;
import java.util.List;

/** The fields of a lead as API.md names them, with their limits. */
public final class LeadSchema {

    public static final RecordSchema LEAD = new RecordSchema("lead", Lead.class,
            FieldDef.readOnly("id", "Id", FieldType.ID),
            FieldDef.readOnly("version", "Version", FieldType.INTEGER),
            FieldDef.text("topic", "Topic", 300),
            FieldDef.text("firstName", "First name", 100),
            FieldDef.requiredText("lastName", "Last name", 100),
            FieldDef.email("email", "Email"),
            FieldDef.text("phone", "Phone", 50),
            FieldDef.text("jobTitle", "Job title", 100),
            FieldDef.text("companyName", "Company name", 160),
            FieldDef.text("industry", "Industry", 100),
            FieldDef.text("source", "Source", 100),
            FieldDef.text("country", "Country", 100),
            FieldDef.text("city", "City", 100),
            FieldDef.readOnlyEnum("status", "Status", names()),
            FieldDef.text("businessProcess", "Business process", 100),
            FieldDef.text("ownerId", "Owner", 100),
            FieldDef.reference("accountId", "Account"),
            FieldDef.reference("contactId", "Contact"),
            FieldDef.text("externalSource", "External source", 100),
            FieldDef.text("externalId", "External id", 200),
            FieldDef.readOnly("createdOn", "Created on", FieldType.INSTANT),
            FieldDef.readOnly("modifiedOn", "Modified on", FieldType.INSTANT),
            FieldDef.readOnly("closedOn", "Closed on", FieldType.INSTANT))
            .relate("account", "accountId", "account", CustomerSchemas.ACCOUNT)
            .relate("contact", "contactId", "contact", CustomerSchemas.CONTACT)
            .computed("score")
            // the score is a nested object in JSON; lists filter and order by its parts
            .alias("score/value", FieldDef.readOnly("scoreValue", "Score", FieldType.INTEGER))
            .alias("score/grade", FieldDef.readOnly("scoreGrade", "Grade", FieldType.TEXT))
            .alias("score/trend", FieldDef.readOnly("scoreTrend", "Trend", FieldType.TEXT))
            .alias("score/modelId", FieldDef.readOnly("scoreModelId", "Scoring model", FieldType.ID))
            .alias("score/scoredOn", FieldDef.readOnly("scoredOn", "Scored on", FieldType.INSTANT));

    private LeadSchema() {
    }

    private static List<String> names() {
        return Arrays.stream(LeadStatus.values()).map(Enum::name).toList();
    }
}
