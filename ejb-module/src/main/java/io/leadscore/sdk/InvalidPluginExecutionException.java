package io.leadscore.sdk;

/** Thrown by a plugin to refuse an operation; its message is what the client reads in the 400. */
public class InvalidPluginExecutionException extends RuntimeException {

    public InvalidPluginExecutionException(String message) {
        super(message);
    }
}
