package io.leadscore.odata;

import io.leadscore.common.FieldType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The custom attributes of one record type as OData properties. An attribute's name may hold what an OData identifier
 * may not ("Lead Origin", "2nd visit"): its property name keeps letters, digits and underscores, writes anything else
 * as an underscore, starts with an underscore where the name starts with a digit, and is made unique with a number.
 * Both directions are kept: properties are read under their OData name and filtered under the attribute's own.
 */
final class AttributeNames {

    private final Map<String, String> toAttribute = new LinkedHashMap<>();
    private final Map<String, String> toProperty = new LinkedHashMap<>();
    private final Map<String, FieldType> types = new LinkedHashMap<>();

    AttributeNames(Map<String, FieldType> catalogue) {
        catalogue.forEach((name, type) -> {
            String base = identifier(name);
            String property = base;
            for (int n = 2; toAttribute.containsKey(property); n++) {
                property = base + "_" + n;
            }
            toAttribute.put(property, name);
            toProperty.put(name, property);
            types.put(property, type);
        });
    }

    static String identifier(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().forEach(c -> sb.appendCodePoint(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_'));
        if (sb.isEmpty() || Character.isDigit(sb.charAt(0))) {
            sb.insert(0, '_');
        }
        return sb.length() > 128 ? sb.substring(0, 128) : sb.toString();
    }

    /** OData property name to its value type, in catalogue order. */
    Map<String, FieldType> properties() {
        return Collections.unmodifiableMap(types);
    }

    /** The attribute an OData property name stands for, or null. */
    String attribute(String property) {
        return toAttribute.get(property);
    }

    /** The OData property name of an attribute, or null when the catalogue has no such attribute. */
    String property(String attribute) {
        return toProperty.get(attribute);
    }
}
