package org.xnet.infer;

import java.util.List;
import java.util.Locale;
import org.xnet.core.SegClass;

/**
 * The outcome of a {@code predict} run (or of one part of it): how many images were segmented, how
 * many {@code --continue} skipped because their outputs were complete, how many of the segmented
 * ones carry a quality flag, the one-line messages of those that failed, the wall-clock seconds, and
 * the mean fraction of pixels of each class over the segmented images (each image weighs the same).
 */
public record PredictionSummary(int predicted, int skipped, int flagged, List<String> failures, double seconds,
                                double[] meanClassFractions) {
    public PredictionSummary {
        failures = List.copyOf(failures);
        meanClassFractions = meanClassFractions.clone();
    }

    /** One line: counts, time and class fractions. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d image(s) segmented, %d failed, %d skipped as complete, "
                + "%d flagged for review (see the manifest), %.1f s", predicted, failures.size(), skipped, flagged, seconds));
        if (predicted > 0) {
            sb.append(String.format(Locale.ROOT, " (%.2f s/image); mean class fractions:", seconds / predicted));
            for (SegClass c : SegClass.values()) {
                sb.append(String.format(Locale.ROOT, " %s %.1f %%", c.label(), 100 * meanClassFractions[c.index()]));
            }
        }
        return sb.toString();
    }
}
