package io.leadscore.common;

/** The value type of a record field, as clients and filters see it. */
public enum FieldType {
    TEXT, EMAIL, ID, INTEGER, DECIMAL, BOOLEAN, INSTANT, ENUM;

    public boolean isText() {
        return this == TEXT || this == EMAIL || this == ID || this == ENUM;
    }
}
