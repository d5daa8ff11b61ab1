package io.leadscore.customer;

import io.leadscore.common.RecordSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The account's and contact's schemas for whoever binds steps or filters to record types by name (the plugin host). */
@ApplicationScoped
public class CustomerSchemaProducer {

    @Produces
    @RecordSchema.Entity
    RecordSchema account() {
        return CustomerSchemas.ACCOUNT;
    }

    @Produces
    @RecordSchema.Entity
    RecordSchema contact() {
        return CustomerSchemas.CONTACT;
    }
}
