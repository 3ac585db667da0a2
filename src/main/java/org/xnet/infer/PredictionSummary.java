package org.xnet.infer;

import java.util.List;
import org.xnet.core.SegClass;

/**
 * The outcome of a {@code predict} run: how many images were segmented, the one-line messages of
 * those that failed, the wall-clock seconds, and the mean fraction of pixels of each class over the
 * segmented images (each image weighs the same).
 */
public record PredictionSummary(int predicted, List<String> failures, double seconds, double[] meanClassFractions) {
    public PredictionSummary {
        failures = List.copyOf(failures);
        meanClassFractions = meanClassFractions.clone();
    }

    /** One line: counts, time and class fractions. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "%d image(s) segmented, %d failed, %.1f s", predicted,
                failures.size(), seconds));
        if (predicted > 0) {
            sb.append(String.format(java.util.Locale.ROOT, " (%.2f s/image); mean class fractions:", seconds / predicted));
            for (SegClass c : SegClass.values()) {
                sb.append(String.format(java.util.Locale.ROOT, " %s %.1f %%", c.label(), 100 * meanClassFractions[c.index()]));
            }
        }
        return sb.toString();
    }
}
