package io.leadscore.common;

/** The request is valid but the record's state does not allow it (e.g. qualifying a closed lead). Becomes a 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
