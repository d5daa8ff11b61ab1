package io.leadscore.sdk;

/** Synchronous steps run inside the operation; asynchronous ones become system jobs after commit. */
public enum Mode {
    Synchronous, Asynchronous
}
