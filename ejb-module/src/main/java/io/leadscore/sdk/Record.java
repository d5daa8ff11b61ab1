package io.leadscore.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record as plugins see it (Dataverse's Entity): its entity name, id and attribute values by their API
 * names. The Target of PreValidation and PreOperation is writable; images and later Targets are not.
 */
public final class Record {

    private final String entityName;
    private final String id;
    private final Map<String, Object> values;
    private final boolean writable;

    public Record(String entityName, String id, Map<String, Object> values, boolean writable) {
        this.entityName = entityName;
        this.id = id;
        this.values = new LinkedHashMap<>(values);
        this.writable = writable;
    }

    public String entityName() {
        return entityName;
    }

    public String id() {
        return id;
    }

    public Object get(String attribute) {
        return values.get(attribute);
    }

    public boolean contains(String attribute) {
        return values.containsKey(attribute);
    }

    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    /** Changes a value of the Target; refused where the stage no longer allows it. */
    public void set(String attribute, Object value) {
        if (!writable) {
            throw new IllegalStateException("The Target can change only in PreValidation and PreOperation of a Create or an Update; '"
                    + attribute + "' was not changed");
        }
        values.put(attribute, value);
    }

    /** A copy that cannot be changed (the host hands images and late Targets to plugins this way). */
    public Record readOnly() {
        return new Record(entityName, id, values, false);
    }

    /** A copy that can be changed (the host's Target of PreValidation and PreOperation). */
    public Record writable() {
        return new Record(entityName, id, values, true);
    }
}
