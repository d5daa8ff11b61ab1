package io.leadscore.scoring;

import java.util.Locale;

/**
 * A reason as salespeople read it: the attribute, its value, the impact in score points, a sentence
 * that says what it means, and an insight from what training saw for that value.
 */
public record Reason(String attribute, String label, Object value, double impact, String text, String insight) {

    public static Reason of(Contribution c) {
        AttributeSpec a = c.attribute();
        double impact = Math.round(c.impact() * 10) / 10.0;
        return new Reason(a.path(), a.label(), c.value(), impact, text(c), insight(c));
    }

    static String text(Contribution c) {
        AttributeSpec a = c.attribute();
        String label = a.label();
        String noun = a.path().startsWith("attributes/") ? label : label.toLowerCase(Locale.ROOT);
        boolean up = c.impact() >= 0;
        if (c.value() == null) {
            return "No " + noun + " given";
        }
        if (Intelligence.applies(a.path())) {
            return label + ": " + c.displayValue().toLowerCase(Locale.ROOT);
        }
        if (c.value() instanceof Boolean b) {
            return label + ": " + (b ? "yes" : "no");
        }
        if (c.numeric()) {
            double v = ((Number) c.value()).doubleValue();
            double typical = c.typicalValue() == null ? v : c.typicalValue();
            String typicalText = FeatureColumn.Numeric.number(typical);
            if (v > typical) {
                return label + " is " + c.displayValue() + ", above the typical " + typicalText;
            }
            if (v < typical) {
                return label + " is " + c.displayValue() + ", below the typical " + typicalText;
            }
            return label + " is " + c.displayValue() + ", the typical value";
        }
        return c.displayValue() + " is a " + (up ? "strong " : "weak ") + noun;
    }

    static String insight(Contribution c) {
        ValueGroup g = c.group();
        if (g == null) {
            return null;
        }
        String label = c.attribute().label();
        String which = g.key().equals(FeatureColumn.MISSING) ? "without " + label
                : g.key().equals(FeatureColumn.OTHER) ? "with a rarely seen " + label
                : "with " + label + " " + g.description();
        if (g.leads() == 0) {
            return "No closed lead " + which + " was seen in training";
        }
        if (g.qualified() == 0) {
            return "None of the " + g.leads() + " closed leads " + which + " qualified";
        }
        long percent = Math.round(100 * g.qualificationRate());
        String text = percent + "% of " + g.leads() + " closed leads " + which + " qualified";
        if (g.medianDaysToQualify() != null) {
            long days = Math.round(g.medianDaysToQualify());
            text += days <= 0 ? ", half of them on the day they came in"
                    : ", half of them within " + days + (days == 1 ? " day" : " days");
        }
        return text;
    }
}
