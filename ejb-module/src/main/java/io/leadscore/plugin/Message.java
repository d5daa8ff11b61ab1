package io.leadscore.plugin;

/** The operations plugins can be bound to, named as in Dataverse. */
public enum Message {
    Create, Update, Delete, Qualify, Disqualify
}
