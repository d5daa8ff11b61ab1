package io.leadscore.customer;

import io.leadscore.common.FieldDef;
import io.leadscore.common.FieldType;
import io.leadscore.common.RecordSchema;

/** The fields of accounts and contacts as API.md names them, with their limits. */
public final class CustomerSchemas {

    public static final RecordSchema ACCOUNT = new RecordSchema("account", Account.class,
            FieldDef.readOnly("id", "Id", FieldType.ID),
            FieldDef.readOnly("version", "Version", FieldType.INTEGER),
            FieldDef.requiredText("name", "Name", 160),
            FieldDef.text("industry", "Industry", 100),
            FieldDef.text("country", "Country", 100),
            FieldDef.of("numberOfEmployees", "Number of employees", FieldType.INTEGER),
            FieldDef.of("annualRevenue", "Annual revenue", FieldType.DECIMAL),
            FieldDef.text("ownerId", "Owner", 100),
            FieldDef.readOnly("createdOn", "Created on", FieldType.INSTANT),
            FieldDef.readOnly("modifiedOn", "Modified on", FieldType.INSTANT));

    public static final RecordSchema CONTACT = new RecordSchema("contact", Contact.class,
            FieldDef.readOnly("id", "Id", FieldType.ID),
            FieldDef.readOnly("version", "Version", FieldType.INTEGER),
            FieldDef.text("firstName", "First name", 100),
            FieldDef.requiredText("lastName", "Last name", 100),
            FieldDef.email("email", "Email"),
            FieldDef.text("jobTitle", "Job title", 100),
            FieldDef.reference("accountId", "Account"),
            FieldDef.text("ownerId", "Owner", 100),
            FieldDef.readOnly("createdOn", "Created on", FieldType.INSTANT),
            FieldDef.readOnly("modifiedOn", "Modified on", FieldType.INSTANT))
            .relate("account", "accountId", "account", ACCOUNT);

    private CustomerSchemas() {
    }
}
