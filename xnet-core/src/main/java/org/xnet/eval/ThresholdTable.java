package org.xnet.eval;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Soft-tissue probability thresholds per body part: {@code byBodyPart} where the body part is listed
 * (compared in lower case), {@code defaultThreshold} otherwise. Every threshold lies in [0, 1) or is
 * {@link PostProcessing#NO_THRESHOLD} (none: the argmax, as {@link ThresholdTuning} may choose).
 */
public record ThresholdTable(double defaultThreshold, Map<String, Double> byBodyPart) {
    public ThresholdTable {
        check("default", defaultThreshold);
        TreeMap<String, Double> copy = new TreeMap<>();
        for (Map.Entry<String, Double> e : Objects.requireNonNull(byBodyPart, "byBodyPart").entrySet()) {
            check(e.getKey(), Objects.requireNonNull(e.getValue(), "threshold of " + e.getKey()));
            copy.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        byBodyPart = Map.copyOf(copy);
    }

    /** One threshold for every body part. */
    public static ThresholdTable uniform(double threshold) {
        return new ThresholdTable(threshold, Map.of());
    }

    /**
     * The table of the original PostProcessing.py ({@code thresholding_bodypart}): 0.6 by default, ankle 0.85,
     * hand, cropped, foils and lumbarspin 0.99, neckoffemur 0.9 (spelt "neckoffemu" there, a truncated
     * HDF5 string).
     */
    public static ThresholdTable original() {
        return new ThresholdTable(0.6, Map.of("ankle", 0.85, "hand", 0.99, "cropped", 0.99, "foils", 0.99,
                "lumbarspin", 0.99, "neckoffemur", 0.9));
    }

    /** The threshold of {@code bodyPart}. */
    public double thresholdFor(String bodyPart) {
        return byBodyPart.getOrDefault(bodyPart.toLowerCase(Locale.ROOT), defaultThreshold);
    }

    private static void check(String what, double t) {
        if (!(t >= 0 && t < 1) && !PostProcessing.isNoThreshold(t)) {
            throw new IllegalArgumentException("soft-tissue threshold of " + what + " must be in [0, 1), got " + t);
        }
    }
}
