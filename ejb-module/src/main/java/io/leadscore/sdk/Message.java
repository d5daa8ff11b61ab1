package io.leadscore.sdk;

/** The operations plugins can be bound to, named as in Dataverse. */
public enum Message {
    Create, Update, Delete, Qualify, Disqualify;

    /** Whether the operation writes the Target's values, so that plugins before the write may change them. */
    public boolean writesTarget() {
        return this == Create || this == Update;
    }

    /** Whether the message exists for an entity: qualifying and disqualifying are for leads. */
    public boolean appliesTo(String entity) {
        return this != Qualify && this != Disqualify || "lead".equals(entity);
    }
}
