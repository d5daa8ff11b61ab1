package io.leadscore.common;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of one record type (lead, account, contact), the related records that filter paths
 * may step into ({@code account/industry}) and whether it carries custom {@code attributes}.
 * One schema drives input validation, filters, ordering and the documented limits, so they
 * cannot disagree.
 */
public final class RecordSchema {

    /** Longest custom attribute name and text value; most attributes a record may carry. */
    public static final int MAX_ATTRIBUTE_NAME = 100;
    public static final int MAX_ATTRIBUTE_TEXT = 1000;
    public static final int MAX_ATTRIBUTES = 200;

    private final String entityName;
    private final Class<?> entityClass;
    private final Map<String, FieldDef> fields = new LinkedHashMap<>();
    private final Map<String, Relation> relations = new LinkedHashMap<>();
    private final java.util.Set<String> computed = new java.util.LinkedHashSet<>();
    private final Map<String, FieldDef> aliases = new LinkedHashMap<>();

    /** A to-one relation: {@code idField} holds the related record's id, {@code joinAttribute} is the JPA association. */
    public record Relation(String name, String idField, String joinAttribute, RecordSchema target) {
    }

    /**
     * Qualifies the record types' schemas as CDI beans (the lead and customer packages produce them), so that the
     * plugin host learns the record types without depending on their packages.
     */
    @jakarta.inject.Qualifier
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target({java.lang.annotation.ElementType.METHOD, java.lang.annotation.ElementType.FIELD,
            java.lang.annotation.ElementType.PARAMETER, java.lang.annotation.ElementType.TYPE})
    public @interface Entity {
    }

    public RecordSchema(String entityName, Class<?> entityClass, FieldDef... defs) {
        this.entityName = entityName;
        this.entityClass = entityClass;
        for (FieldDef def : defs) {
            fields.put(def.name(), def);
        }
    }

    public RecordSchema relate(String name, String idField, String joinAttribute, RecordSchema target) {
        relations.put(name, new Relation(name, idField, joinAttribute, target));
        return this;
    }

    /** Names that responses carry but that are computed by the server (e.g. {@code score}): read-only, not filterable. */
    public RecordSchema computed(String... names) {
        computed.addAll(java.util.List.of(names));
        return this;
    }

    /**
     * A read-only path into a computed member that filters and orderBy may use, such as {@code score/value},
     * backed by the JPA attribute {@code def.name()}.
     */
    public RecordSchema alias(String path, FieldDef def) {
        aliases.put(path, def);
        return this;
    }

    public Optional<FieldDef> alias(String path) {
        return Optional.ofNullable(aliases.get(path));
    }

    public java.util.Set<String> aliasPaths() {
        return java.util.Collections.unmodifiableSet(aliases.keySet());
    }

    public boolean isComputed(String name) {
        return computed.contains(name);
    }

    public String entityName() {
        return entityName;
    }

    public Class<?> entityClass() {
        return entityClass;
    }

    public Optional<FieldDef> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public Collection<FieldDef> fields() {
        return fields.values();
    }

    public Optional<Relation> relation(String name) {
        return Optional.ofNullable(relations.get(name));
    }

    public Collection<Relation> relations() {
        return relations.values();
    }
}
