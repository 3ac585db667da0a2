package org.xnet.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collection;

/**
 * The mean and sample standard deviation (divisor n - 1) of a metric over folds. NaN values (a metric
 * undefined in a fold, e.g. the F1 of a class absent there) are left out and {@code n} counts the rest;
 * the mean of no value and the deviation of fewer than two are NaN.
 */
public record Spread(@JsonProperty("mean") double mean, @JsonProperty("sd") double sd, @JsonProperty("n") int n) {
    /** The spread of {@code values}. */
    public static Spread of(Collection<Double> values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new Spread(mean, n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1)), n);
    }
}
