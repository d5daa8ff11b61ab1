package io.leadscore.common;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.Objects;

/**
 * A custom attribute's value: text, number or boolean — exactly one of the three is set.
 * Numbers are doubles in storage and come back as integers when they are whole.
 */
@Embeddable
public class AttributeValue {

    @Column(name = "text_value", length = RecordSchema.MAX_ATTRIBUTE_TEXT)
    private String text;

    @Column(name = "number_value")
    private Double number;

    @Column(name = "boolean_value")
    private Boolean flag;

    protected AttributeValue() {
    }

    private AttributeValue(String text, Double number, Boolean flag) {
        this.text = text;
        this.number = number;
        this.flag = flag;
    }

    public static AttributeValue of(Object value) {
        if (value instanceof String s) {
            return new AttributeValue(s, null, null);
        }
        if (value instanceof Boolean b) {
            return new AttributeValue(null, null, b);
        }
        if (value instanceof Number n) {
            return new AttributeValue(null, n.doubleValue(), null);
        }
        throw new IllegalArgumentException("An attribute value is text, a number or a boolean, not " + value);
    }

    /** The value as clients see it: String, Long (whole numbers), Double or Boolean. */
    public Object value() {
        return stored(text, number, flag);
    }

    /** A stored value's columns (one of them set) as clients see the value: its text, else its flag, else its number. */
    public static Object stored(String text, Double number, Boolean flag) {
        if (text != null) {
            return text;
        }
        if (flag != null) {
            return flag;
        }
        return present(number);
    }

    /** A stored number as clients see it: whole numbers as Long, others as Double. */
    public static Object present(Double number) {
        if (number == null) {
            return null;
        }
        double d = number;
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (long) d;
        }
        return d;
    }

    public String text() {
        return text;
    }

    public Double number() {
        return number;
    }

    public Boolean flag() {
        return flag;
    }


    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeValue a && Objects.equals(text, a.text) && Objects.equals(number, a.number)
                && Objects.equals(flag, a.flag);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, number, flag);
    }
}
