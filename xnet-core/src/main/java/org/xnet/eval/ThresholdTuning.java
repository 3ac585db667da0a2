package org.xnet.eval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xnet.core.InvalidSetting;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Sample;

/**
 * Chooses soft-tissue thresholds from validation images, so that post-processing is tuned on data the
 * model was not tested on. It counts, for every threshold of a grid and every body part, the confusion
 * matrix of the thresholded prediction ({@link PostProcessing#thresholdSoftTissue}); {@link #tune} then
 * picks, overall and per body part, the <b>lowest</b> threshold whose soft-tissue false-positive rate
 * ({@link Metrics#tissueFalsePositiveRate}) is at most the target (lowest, to keep as much true soft
 * tissue as the target allows), or, when no threshold reaches the target, the one with the lowest rate
 * (the lower threshold on a tie). A threshold at which no pixel is called soft tissue is never chosen (its
 * rate is undefined: it would trade every true soft-tissue pixel for having no false positive); when every
 * threshold is such, the lowest is taken.
 *
 * <p>The counts are kept per body part and merge exactly, so folds tuned apart can be pooled.
 */
public final class ThresholdTuning {
    /** The thresholds tried by default: from argmax-like 0.5 up to 0.999. */
    public static final List<Double> DEFAULT_GRID = List.of(0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99,
            0.995, 0.999);

    private final List<Double> grid;
    private final Map<String, List<ConfusionMatrix>> byBodyPart = new TreeMap<>();

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

    /** What the tuning chose, and the counts it chose from. */
    public record Tuned(@JsonProperty("threshold") double threshold,
                        @JsonProperty("body_part_thresholds") ThresholdTable bodyPartThresholds,
                        @JsonProperty("target_fp_rate") double targetFpRate,
                        @JsonProperty("counts") Counts counts) {
    }

    /** The counts as plain data (for JSON): the grid and, per body part, one matrix per threshold. */
    public record Counts(@JsonProperty("grid") List<Double> grid,
                         @JsonProperty("by_body_part") Map<String, List<long[][]>> byBodyPart) {
        @JsonCreator
        public Counts {
            grid = List.copyOf(grid);
            byBodyPart = new TreeMap<>(byBodyPart);
        }
    }

    /** Counts one validation image at every threshold. */
    public void add(Sample sample, ProbabilityMap probabilities) {
        List<ConfusionMatrix> matrices = byBodyPart.computeIfAbsent(sample.bodyPart(), k -> empty());
        for (int i = 0; i < grid.size(); i++) {
            matrices.get(i).add(sample.label(), PostProcessing.thresholdSoftTissue(probabilities, grid.get(i)));
        }
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
        });
    }

    /** The counts so far. */
    public Counts counts() {
        Map<String, List<long[][]>> out = new LinkedHashMap<>();
        byBodyPart.forEach((part, matrices) -> out.put(part, matrices.stream().map(ConfusionMatrix::toArray).toList()));
        return new Counts(grid, out);
    }

    /**
     * The thresholds chosen for a soft-tissue false-positive rate of at most {@code targetFpRate}: one
     * over all images, and one per body part (body parts seen in no validation image take the overall
     * one, through the table's default). No image added is an {@link IllegalStateException}.
     */
    public Tuned tune(double targetFpRate) {
        if (byBodyPart.isEmpty()) {
            throw new IllegalStateException("no validation image to tune the thresholds on");
        }
        if (!(targetFpRate >= 0 && targetFpRate <= 1)) {
            throw new InvalidSetting("targetFpRate", "must be in [0, 1], got " + targetFpRate);
        }
        List<ConfusionMatrix> all = empty();
        Map<String, Double> perPart = new TreeMap<>();
        byBodyPart.forEach((part, matrices) -> {
            for (int i = 0; i < grid.size(); i++) {
                all.get(i).merge(matrices.get(i));
            }
            perPart.put(part, choose(matrices, targetFpRate));
        });
        double overall = choose(all, targetFpRate);
        return new Tuned(overall, new ThresholdTable(overall, perPart), targetFpRate, counts());
    }

    private double choose(List<ConfusionMatrix> matrices, double target) {
        int best = 0;
        double bestRate = Double.POSITIVE_INFINITY;
        for (int i = 0; i < grid.size(); i++) {
            double rate = Metrics.of(matrices.get(i)).tissueFalsePositiveRate();
            if (Double.isNaN(rate)) {
                continue; // no pixel called soft tissue: no false positive, and no soft tissue found either
            }
            if (rate <= target) {
                return grid.get(i);
            }
            if (rate < bestRate) {
                bestRate = rate;
                best = i;
            }
        }
        return grid.get(best);
    }

    private List<ConfusionMatrix> empty() {
        List<ConfusionMatrix> list = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            list.add(new ConfusionMatrix());
        }
        return list;
    }
}
