package org.xnet.eval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.xnet.core.InvalidSetting;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Sample;

/**
 * Chooses the soft-tissue post-processing from validation images, so that it is tuned on data the model
 * was not tested on: a threshold ({@link PostProcessing#thresholdSoftTissue}) or <b>none</b>, the plain
 * argmax. It counts, for the argmax and for every threshold of a grid, per body part, the confusion
 * matrix of the validation images; {@link #tune} then applies one rule, overall and per body part:
 * <ol>
 *   <li>A threshold is <i>eligible</i> when it calls some pixel soft tissue, its soft-tissue
 *       false-positive rate ({@link Metrics#tissueFalsePositiveRate}) is strictly below the argmax's,
 *       and its soft-tissue TP rate is at least the argmax's minus {@code maxTpLoss} (a threshold
 *       must remove wrong soft-tissue calls, not the right ones).</li>
 *   <li>Of the eligible thresholds, the <b>lowest</b> whose FP rate is at most the target (lowest,
 *       to keep as much true soft tissue as the target allows); when none reaches the target, the one
 *       with the lowest FP rate (the lower threshold on a tie).</li>
 *   <li>No eligible threshold: <b>none</b> ({@link PostProcessing#NO_THRESHOLD}), the argmax.</li>
 * </ol>
 *
 * <p>The counts are kept per body part and merge exactly, so folds tuned apart can be pooled.
 */
public final class ThresholdTuning {
    /** The thresholds tried by default: from argmax-like 0.5 up to 0.999. */
    public static final List<Double> DEFAULT_GRID = List.of(0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99,
            0.995, 0.999);
    /** The soft-tissue TP rate a threshold may lose against the argmax by default: 5 points. */
    public static final double DEFAULT_MAX_TP_LOSS = 0.05;
    /** The rule of {@link #tune}, in one sentence (what reports and {@code ensemble.json} quote). */
    public static final String RULE = "on the validation images, the lowest threshold whose soft-tissue FP rate is "
            + "at most the target, among the thresholds that lower the argmax's FP rate while losing at most "
            + "max_tp_loss of its soft-tissue TP rate; else the eligible threshold with the lowest FP rate; none "
            + "(argmax) when no threshold is eligible";

    private final List<Double> grid;
    private final Map<String, List<ConfusionMatrix>> byBodyPart = new TreeMap<>();
    private final Map<String, ConfusionMatrix> argmaxByBodyPart = new TreeMap<>();

    /** An empty tuning over {@code grid} (increasing thresholds in [0, 1)). */
    public ThresholdTuning(List<Double> grid) {
        this.grid = List.copyOf(grid);
        if (grid.isEmpty()) {
            throw new InvalidSetting("grid", "must name at least one threshold");
        }
        for (int i = 0; i < grid.size(); i++) {
            double t = grid.get(i);
            if (!(t >= 0 && t < 1) || i > 0 && !(t > grid.get(i - 1))) {
                throw new InvalidSetting("grid", "must be increasing thresholds in [0, 1), got " + grid);
            }
        }
    }

    /**
     * What the tuning chose, and the counts it chose from: the overall threshold ({@link
     * PostProcessing#NO_THRESHOLD} for none), one per body part, the rule's target and TP tolerance, and
     * why the overall choice was made (validation rates of the argmax and of the choice).
     */
    public record Tuned(@JsonProperty("threshold") double threshold,
                        @JsonProperty("body_part_thresholds") ThresholdTable bodyPartThresholds,
                        @JsonProperty("target_fp_rate") double targetFpRate,
                        @JsonProperty("max_tp_loss") double maxTpLoss,
                        @JsonProperty("reason") String reason,
                        @JsonProperty("counts") Counts counts) {
        /** Whether a threshold was chosen (not the plain argmax). */
        public boolean thresholded() {
            return !PostProcessing.isNoThreshold(threshold);
        }
    }

    /**
     * The counts as plain data (for JSON): the grid and, per body part, one matrix per threshold and the
     * matrix of the argmax.
     */
    public record Counts(@JsonProperty("grid") List<Double> grid,
                         @JsonProperty("by_body_part") Map<String, List<long[][]>> byBodyPart,
                         @JsonProperty("argmax_by_body_part") Map<String, long[][]> argmaxByBodyPart) {
        @JsonCreator
        public Counts {
            grid = List.copyOf(grid);
            byBodyPart = new TreeMap<>(byBodyPart);
            argmaxByBodyPart = new TreeMap<>(Objects.requireNonNull(argmaxByBodyPart, "argmax_by_body_part"));
            if (!argmaxByBodyPart.keySet().equals(byBodyPart.keySet())) {
                throw new IllegalArgumentException("argmax counts for " + argmaxByBodyPart.keySet()
                        + " but threshold counts for " + byBodyPart.keySet());
            }
        }
    }

    /** Counts one validation image under the argmax and at every threshold. */
    public void add(Sample sample, ProbabilityMap probabilities) {
        List<ConfusionMatrix> matrices = byBodyPart.computeIfAbsent(sample.bodyPart(), k -> empty());
        for (int i = 0; i < grid.size(); i++) {
            matrices.get(i).add(sample.label(), PostProcessing.thresholdSoftTissue(probabilities, grid.get(i)));
        }
        argmaxByBodyPart.computeIfAbsent(sample.bodyPart(), k -> new ConfusionMatrix())
                .add(sample.label(), probabilities.argmax());
    }

    /** Adds the counts of {@code counts} (same grid), as if their images had been added here. */
    public void merge(Counts counts) {
        if (!counts.grid().equals(grid)) {
            throw new IllegalArgumentException("cannot merge counts over " + counts.grid() + " into " + grid);
        }
        counts.byBodyPart().forEach((part, list) -> {
            List<ConfusionMatrix> matrices = byBodyPart.computeIfAbsent(part, k -> empty());
            for (int i = 0; i < grid.size(); i++) {
                matrices.get(i).merge(ConfusionMatrix.of(list.get(i)));
            }
            argmaxByBodyPart.computeIfAbsent(part, k -> new ConfusionMatrix())
                    .merge(ConfusionMatrix.of(counts.argmaxByBodyPart().get(part)));
        });
    }

    /** The counts so far. */
    public Counts counts() {
        Map<String, List<long[][]>> out = new LinkedHashMap<>();
        byBodyPart.forEach((part, matrices) -> out.put(part, matrices.stream().map(ConfusionMatrix::toArray).toList()));
        Map<String, long[][]> argmax = new LinkedHashMap<>();
        argmaxByBodyPart.forEach((part, m) -> argmax.put(part, m.toArray()));
        return new Counts(grid, out, argmax);
    }

    /** {@link #tune(double, double)} with the default TP tolerance, {@value #DEFAULT_MAX_TP_LOSS}. */
    public Tuned tune(double targetFpRate) {
        return tune(targetFpRate, DEFAULT_MAX_TP_LOSS);
    }

    /**
     * The post-processing chosen by the rule above for a soft-tissue false-positive rate of at most
     * {@code targetFpRate}, a threshold losing at most {@code maxTpLoss} of the argmax's soft-tissue TP
     * rate: one choice over all images, and one per body part (body parts seen in no validation image take
     * the overall one, through the table's default). No image added is an {@link IllegalStateException}.
     */
    public Tuned tune(double targetFpRate, double maxTpLoss) {
        if (byBodyPart.isEmpty()) {
            throw new IllegalStateException("no validation image to tune the thresholds on");
        }
        if (!(targetFpRate >= 0 && targetFpRate <= 1)) {
            throw new InvalidSetting("targetFpRate", "must be in [0, 1], got " + targetFpRate);
        }
        if (!(maxTpLoss >= 0 && maxTpLoss <= 1)) {
            throw new InvalidSetting("maxTpLoss", "must be in [0, 1], got " + maxTpLoss);
        }
        List<ConfusionMatrix> all = empty();
        ConfusionMatrix allArgmax = new ConfusionMatrix();
        Map<String, Double> perPart = new TreeMap<>();
        byBodyPart.forEach((part, matrices) -> {
            for (int i = 0; i < grid.size(); i++) {
                all.get(i).merge(matrices.get(i));
            }
            ConfusionMatrix argmax = argmaxByBodyPart.get(part);
            allArgmax.merge(argmax);
            perPart.put(part, thresholdAt(choose(matrices, argmax, targetFpRate, maxTpLoss)));
        });
        int overall = choose(all, allArgmax, targetFpRate, maxTpLoss);
        double threshold = thresholdAt(overall);
        return new Tuned(threshold, new ThresholdTable(threshold, perPart), targetFpRate, maxTpLoss,
                reason(overall < 0 ? null : all.get(overall), allArgmax, threshold, targetFpRate, maxTpLoss),
                counts());
    }

    /** The index in the grid of the chosen threshold, -1 for none. */
    private int choose(List<ConfusionMatrix> matrices, ConfusionMatrix argmax, double target, double maxTpLoss) {
        Metrics plain = Metrics.of(argmax);
        double minTp = plain.tissueTruePositiveRate() - maxTpLoss; // NaN (no true soft tissue): no TP limit
        int best = -1;
        double bestRate = Double.POSITIVE_INFINITY;
        for (int i = 0; i < grid.size(); i++) {
            Metrics m = Metrics.of(matrices.get(i));
            double rate = m.tissueFalsePositiveRate();
            // NaN rate: no pixel called soft tissue; NaN argmax rate: the argmax calls none, nothing to lower
            if (!(rate < plain.tissueFalsePositiveRate()) || m.tissueTruePositiveRate() < minTp) {
                continue;
            }
            if (rate <= target) {
                return i;
            }
            if (rate < bestRate) {
                bestRate = rate;
                best = i;
            }
        }
        return best;
    }

    /** Why the overall choice was made, with the validation rates it was made from. */
    private static String reason(ConfusionMatrix chosen, ConfusionMatrix argmax, double threshold, double target,
                                 double maxTpLoss) {
        Metrics plain = Metrics.of(argmax);
        String before = "argmax: FP " + percent(plain.tissueFalsePositiveRate()) + ", TP "
                + percent(plain.tissueTruePositiveRate());
        if (chosen == null) {
            return "none (argmax): no threshold lowered the validation soft-tissue FP rate without losing more than "
                    + String.format(java.util.Locale.ROOT, "%.1f", 100 * maxTpLoss) + " points of TP rate (" + before + ")";
        }
        Metrics m = Metrics.of(chosen);
        String met = m.tissueFalsePositiveRate() <= target ? "the lowest eligible threshold reaching the "
                + percent(target) + " target" : "no eligible threshold reached the " + percent(target)
                + " target, this one has the lowest FP rate";
        return "threshold " + threshold + ": " + met + " (" + before + "; threshold: FP "
                + percent(m.tissueFalsePositiveRate()) + ", TP " + percent(m.tissueTruePositiveRate()) + ")";
    }

    private static String percent(double rate) {
        return Double.isNaN(rate) ? "undefined" : String.format(java.util.Locale.ROOT, "%.1f %%", 100 * rate);
    }

    private double thresholdAt(int index) {
        return index < 0 ? PostProcessing.NO_THRESHOLD : grid.get(index);
    }

    private List<ConfusionMatrix> empty() {
        List<ConfusionMatrix> list = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            list.add(new ConfusionMatrix());
        }
        return list;
    }
}
