package io.leadscore.common;

/** A request body larger than the platform takes (a 413); the message says the limit. */
public class TooLargeException extends RuntimeException {

    public TooLargeException(String message) {
        super(message);
    }
}
