package io.leadscore.common;

/** A problem with one field of the input; {@code field} is the JSON name (or a path such as {@code attributes/x}). */
public record FieldError(String field, String message) {
}
