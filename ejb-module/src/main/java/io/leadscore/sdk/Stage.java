package io.leadscore.sdk;

/**
 * Where in an operation a step runs. PreValidation: before the transaction, the Target may still change;
 * PreOperation: inside the transaction, before the write, the Target may change; PostOperation: inside
 * the transaction after the write (synchronous steps), or after commit as a system job (asynchronous).
 * The numbers are Dataverse's stage numbers, which order the stages.
 */
public enum Stage {
    PreValidation(10), PreOperation(20), PostOperation(40);

    private final int number;

    Stage(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** Whether a plugin may still change the Target in this stage. */
    public boolean targetWritable() {
        return this != PostOperation;
    }
}
