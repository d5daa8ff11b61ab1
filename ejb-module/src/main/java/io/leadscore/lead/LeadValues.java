package io.leadscore.lead;

import io.leadscore.common.FieldDef;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lead as the plugin pipeline sees it: its fields by API name and its custom attributes as
 * {@code attributes/<name>}, so that an Update knows which of them changed.
 */
public final class LeadValues {

    private LeadValues() {
    }

    public static Map<String, Object> of(Lead lead) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDef f : LeadSchema.LEAD.fields()) {
            Object v = lead.field(f.name());
            values.put(f.name(), v instanceof Enum<?> e ? e.name() : v);
        }
        lead.attributeValues().forEach((k, v) -> values.put("attributes/" + k, v));
        return values;
    }
}
