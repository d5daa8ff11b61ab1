package io.leadscore.scoring;

/**
 * How much one attribute's value moves a lead's score, in score points, compared with a typical lead:
 * the score minus the expected score when that attribute takes the values training leads had (in their
 * proportions), all else unchanged. Positive raises the score, negative lowers it.
 */
public record Contribution(AttributeSpec attribute, Object value, String displayValue, double impact,
                           ValueGroup group, boolean numeric, Double typicalValue) {

    /** An empty value of an attribute whose empty values are ignored says nothing: it is never a reason. */
    public boolean ignored() {
        return value == null && attribute.ignoreEmpty();
    }
}
