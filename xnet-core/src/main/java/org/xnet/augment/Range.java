package org.xnet.augment;

import java.util.random.RandomGenerator;

/** A closed interval {@code [min, max]} from which a parameter is drawn uniformly. */
public record Range(double min, double max) {
    public Range {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("range must be finite with min <= max, got [" + min + ", " + max + "]");
        }
    }

    /** The one-point range {@code [value, value]}. */
    public static Range of(double value) {
        return new Range(value, value);
    }

    /** {@code min + (max - min) * random.nextDouble()}: exactly one draw, even when min == max. */
    public double draw(RandomGenerator random) {
        return min + (max - min) * random.nextDouble();
    }

    /** True when both ends lie in {@code [lo, hi]}. */
    public boolean within(double lo, double hi) {
        return min >= lo && max <= hi;
    }
}
