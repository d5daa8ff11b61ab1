package io.leadscore.scoring;

import java.util.List;

/**
 * How much an attribute drives the model's scores overall: the mean absolute impact of its value, in
 * score points, over leads the model did not train on, its share of all attributes' influence, and the
 * values that raise and lower scores most.
 */
public record Factor(String attribute, String label, double influence, double share, List<ValueEffect> values) {

    /** The mean impact of one value of the attribute. */
    public record ValueEffect(String value, double impact, int leads) {
    }
}
