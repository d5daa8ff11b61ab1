package io.leadscore.common;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What every CRM record has: a UUID id, an optimistic-lock version, an owner and UTC timestamps.
 * Timestamps are stored as UTC {@link LocalDateTime} (portable TIMESTAMP columns) and exposed as {@link Instant}.
 */
@MappedSuperclass
public abstract class CrmRecord {

    @Id
    @Column(length = 36)
    private String id;

    @Version
    private long version;

    @Column(name = "owner_id", nullable = false, length = 100)
    private String ownerId;

    @Column(name = "created_on", nullable = false)
    private LocalDateTime createdOn;

    @Column(name = "modified_on", nullable = false)
    private LocalDateTime modifiedOn;

    /** Attributes loaded in bulk with a page of records (see RecordQueries), so the lazy collection stays unread. */
    @jakarta.persistence.Transient
    private Map<String, Object> preloadedAttributes;

    /** The custom attributes of a record read and written without JPA, as last read or written ({@link #editDirectly}). */
    @jakarta.persistence.Transient
    private Map<String, Object> attributesAsStored;

    protected CrmRecord() {
    }

    /** A record as stored, read without JPA (a read-only snapshot); its attributes are supplied by {@link #preloadAttributes}. */
    protected CrmRecord(StoredRow row) {
        this.id = row.text("id");
        this.version = row.whole("version");
        this.ownerId = row.text("owner_id");
        this.createdOn = row.time("created_on");
        this.modifiedOn = row.time("modified_on");
        this.preloadedAttributes = Map.of();
    }

    protected CrmRecord(String ownerId, Instant now) {
        this.id = Ids.newId();
        this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
        this.createdOn = utc(now);
        this.modifiedOn = this.createdOn;
    }

    public String id() {
        return id;
    }

    public long version() {
        return version;
    }

    /** A new record inserted without JPA (a bulk create): at the version its row was given, 1. */
    public void insertedDirectly() {
        this.version = 1;
    }

    public String ownerId() {
        return ownerId;
    }

    public Instant createdOn() {
        return instant(createdOn);
    }

    public Instant modifiedOn() {
        return instant(modifiedOn);
    }

    /** Replaces every writable field with the input's values (absent = empty) and records the change time. */
    public void update(RecordInput input, Instant now) {
        apply(input);
        this.modifiedOn = utc(now);
    }

    /** Sets the record's own writable fields from validated input; subclasses end with {@link #applyShared}. */
    protected abstract void apply(RecordInput input);

    /** The owner (when the input names one) and the custom attributes, which every record type has. */
    protected void applyShared(RecordInput input) {
        if (input.text("ownerId") != null) {
            this.ownerId = input.text("ownerId");
        }
        replaceAttributes(input.attributes());
    }

    protected void touch(Instant now) {
        this.modifiedOn = utc(now);
    }

    /** The custom attributes as clients see them, sorted by name. */
    public Map<String, Object> attributeValues() {
        if (preloadedAttributes != null) {
            return preloadedAttributes;
        }
        Map<String, Object> out = new TreeMap<>();
        attributeStore().forEach((k, v) -> out.put(k, v.value()));
        return out;
    }

    /** Supplies the attributes read in bulk for a page of read-only records. */
    public void preloadAttributes(Map<String, Object> values) {
        this.preloadedAttributes = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * Makes a record read without JPA changeable, to be written without JPA (a bulk update): its attributes become
     * its own to change, and are remembered as stored so that the write can tell which changed.
     */
    public void editDirectly() {
        if (preloadedAttributes == null) {
            throw new IllegalStateException("Only a record read without JPA is edited directly");
        }
        Map<String, Object> stored = preloadedAttributes;
        Map<String, AttributeValue> store = attributeStore();
        store.clear();
        stored.forEach((k, v) -> store.put(k, AttributeValue.of(v)));
        preloadedAttributes = null;
        attributesAsStored = stored;
    }

    /** The custom attributes of a record edited directly as they are stored now (null for any other record). */
    public Map<String, Object> attributesAsStored() {
        return attributesAsStored;
    }

    /** A record edited directly has been written: one version on, its attributes stored as they are. */
    public void updatedDirectly() {
        this.version++;
        this.attributesAsStored = attributeValues();
    }

    /** Replaces the custom attributes with the given name to String, Number or Boolean map. */
    protected void replaceAttributes(Map<String, Object> values) {
        Map<String, AttributeValue> store = attributeStore();
        store.keySet().retainAll(values.keySet());
        values.forEach((k, v) -> {
            AttributeValue nv = AttributeValue.of(v);
            if (!nv.equals(store.get(k))) {
                store.put(k, nv);
            }
        });
    }

    protected abstract Map<String, AttributeValue> attributeStore();

    /**
     * The value of a field by its API name (String, Number, Boolean, Instant or an enum), or null; for
     * filters evaluated in memory and for model inputs.
     */
    public Object field(String name) {
        return switch (name) {
            case "id" -> id;
            case "version" -> version;
            case "ownerId" -> ownerId;
            case "createdOn" -> createdOn();
            case "modifiedOn" -> modifiedOn();
            default -> ownField(name);
        };
    }

    protected abstract Object ownField(String name);

    /** A custom attribute's value as stored, or null. */
    public AttributeValue attribute(String name) {
        if (preloadedAttributes != null) {
            Object v = preloadedAttributes.get(name);
            return v == null ? null : AttributeValue.of(v);
        }
        return attributeStore().get(name);
    }

    protected static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    protected static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
