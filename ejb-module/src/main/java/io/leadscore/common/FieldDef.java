package io.leadscore.common;

import java.util.List;

/**
 * One field of a record type. {@code name} is the JSON name and the JPA attribute name alike.
 *
 * @param maxLength for text fields, the longest accepted value (0 = not text)
 * @param required  must be present and non-blank on create and after a patch
 * @param writable  clients may set it; otherwise it is read-only and sending it is a 400
 * @param values    for {@link FieldType#ENUM}, the accepted values
 */
public record FieldDef(String name, String label, FieldType type, int maxLength, boolean required,
                       boolean writable, List<String> values) {

    public static FieldDef text(String name, String label, int maxLength) {
        return new FieldDef(name, label, FieldType.TEXT, maxLength, false, true, List.of());
    }

    public static FieldDef requiredText(String name, String label, int maxLength) {
        return new FieldDef(name, label, FieldType.TEXT, maxLength, true, true, List.of());
    }

    public static FieldDef email(String name, String label) {
        return new FieldDef(name, label, FieldType.EMAIL, 254, false, true, List.of());
    }

    public static FieldDef reference(String name, String label) {
        return new FieldDef(name, label, FieldType.ID, 36, false, true, List.of());
    }

    public static FieldDef of(String name, String label, FieldType type) {
        return new FieldDef(name, label, type, 0, false, true, List.of());
    }

    public static FieldDef readOnly(String name, String label, FieldType type) {
        return new FieldDef(name, label, type, type.isText() ? 100 : 0, false, false, List.of());
    }

    public static FieldDef readOnlyEnum(String name, String label, List<String> values) {
        return new FieldDef(name, label, FieldType.ENUM, 20, false, false, values);
    }
}
