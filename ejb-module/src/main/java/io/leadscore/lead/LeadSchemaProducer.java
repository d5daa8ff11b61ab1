package io.leadscore.lead;

import io.leadscore.common.RecordSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The lead's schema for whoever binds steps or filters to record types by name (the plugin host). */
@ApplicationScoped
public class LeadSchemaProducer {

    @Produces
    @RecordSchema.Entity
    RecordSchema lead() {
        return LeadSchema.LEAD;
    }
}
