package io.leadscore.common;

/** The record does not exist, or the caller may not see it. Becomes a 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String entity, String id) {
        super("No " + entity + " with id " + id);
    }
}
