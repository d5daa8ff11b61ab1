package io.leadscore.scoring;

/** Training found too few qualified or disqualified leads to learn from (Dynamics needs 40 of each). */
public class NotEnoughDataException extends RuntimeException {

    private final int qualified;
    private final int disqualified;

    public NotEnoughDataException(int qualified, int disqualified, int minimum) {
        super("Training needs at least " + minimum + " qualified and " + minimum + " disqualified leads; found "
                + qualified + " qualified and " + disqualified + " disqualified");
        this.qualified = qualified;
        this.disqualified = disqualified;
    }

    public int qualified() {
        return qualified;
    }

    public int disqualified() {
        return disqualified;
    }
}
