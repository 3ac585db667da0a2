package org.xnet.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.xnet.core.InvalidSetting;

/**
 * What {@code evaluate} computes besides the plain argmax prediction: soft-tissue thresholds (one
 * post-processed variant each), a per-body-part threshold table, and the bone clean-up (an opening by an
 * {@code openingSize} square, then a dilation by a {@code dilationSize} square) applied, as in the
 * original, to the prediction thresholded at the first threshold. A threshold may be
 * {@link PostProcessing#NO_THRESHOLD} (a tuning's choice of none: that variant is the argmax). {@code rocPoints} bounds the plotted
 * ROC curve (the AUC is exact regardless). The compact constructor is the one place these values are
 * checked; a refused threshold or dilation is an {@link InvalidSetting} whose detail starts with the value.
 */
public record EvaluationConfig(List<Double> thresholds, ThresholdTable bodyPartThresholds, int openingSize,
                               int dilationSize, RemovedBone removedBone, int rocPoints) {
    /** What a bone pixel removed by the clean-up's opening becomes. */
    public enum RemovedBone {
        /** Soft tissue, as the original PostProcessing.py. */
        SOFT_TISSUE,
        /** The more likely of open beam and soft tissue by the model's probabilities. */
        MORE_LIKELY
    }

    /** Name of the plain argmax variant. */
    public static final String PREDICTION = "prediction";
    /** Name of the per-body-part threshold variant. */
    public static final String BODY_PART = "body-part thresholds";

    public EvaluationConfig {
        thresholds = List.copyOf(Objects.requireNonNull(thresholds, "thresholds"));
        Objects.requireNonNull(bodyPartThresholds, "bodyPartThresholds");
        Objects.requireNonNull(removedBone, "removedBone");
        if (thresholds.isEmpty()) {
            throw new InvalidSetting("thresholds", "must name at least one", "at least one soft-tissue threshold is needed");
        }
        for (double t : thresholds) {
            if (!(t >= 0 && t < 1) && !PostProcessing.isNoThreshold(t)) {
                throw new InvalidSetting("thresholds", t + ": a soft-tissue probability threshold must be in [0, 1)",
                        "soft-tissue threshold must be in [0, 1), got " + t);
            }
        }
        String sizes = "opening and dilation sizes must be at least 1, got " + openingSize + " and " + dilationSize;
        if (openingSize < 1) {
            throw new InvalidSetting("openingSize", openingSize + ": the bone opening is a square side, at least 1 pixel",
                    sizes);
        }
        if (dilationSize < 1) {
            throw new InvalidSetting("dilationSize", dilationSize + ": the bone dilation is a square side, at least 1 "
                    + "pixel (1 leaves the bone as the " + openingSize + "x" + openingSize + " opening left it)", sizes);
        }
        if (rocPoints < 3) {
            throw new IllegalArgumentException("rocPoints must be at least 3, got " + rocPoints);
        }
    }

    /**
     * Thresholds 0.9 and 0.99, the original's body-part table, opening 10, dilation 3 (the original took the
     * dilation size as an argument without a default), removed bone becomes soft tissue (as the original),
     * 1000 ROC points.
     */
    public static EvaluationConfig defaults() {
        return new EvaluationConfig(List.of(0.9, 0.99), ThresholdTable.original(), 10, 3, RemovedBone.SOFT_TISSUE,
                1000);
    }

    /** A copy with other thresholds. */
    public EvaluationConfig withThresholds(List<Double> newThresholds) {
        return new EvaluationConfig(newThresholds, bodyPartThresholds, openingSize, dilationSize, removedBone,
                rocPoints);
    }

    /** A copy with another per-body-part threshold table. */
    public EvaluationConfig withBodyPartThresholds(ThresholdTable table) {
        return new EvaluationConfig(thresholds, table, openingSize, dilationSize, removedBone, rocPoints);
    }

    /** A copy with another dilation size. */
    public EvaluationConfig withDilationSize(int size) {
        return new EvaluationConfig(thresholds, bodyPartThresholds, openingSize, size, removedBone, rocPoints);
    }

    /**
     * A copy that evaluates {@code tuned}: its threshold as the only one (a choice of none keeps these
     * thresholds for comparison: the argmax is always evaluated) and its dilation when it has a clean-up.
     */
    public EvaluationConfig withTuned(TunedPostProcessing.Choice tuned) {
        EvaluationConfig c = tuned.threshold() == null ? this : withThresholds(List.of(tuned.threshold()));
        return tuned.dilate() > 0 ? c.withDilationSize(tuned.dilate()) : c;
    }

    /** A copy in which removed bone becomes {@code rule}. */
    public EvaluationConfig withRemovedBone(RemovedBone rule) {
        return new EvaluationConfig(thresholds, bodyPartThresholds, openingSize, dilationSize, rule, rocPoints);
    }

    /**
     * The name of the variant thresholded at {@code t}, e.g. "threshold 90 %"; "no threshold (argmax)" for
     * {@link PostProcessing#NO_THRESHOLD}.
     */
    public static String thresholdName(double t) {
        return PostProcessing.isNoThreshold(t) ? "no threshold (argmax)" : "threshold " + percent(t);
    }

    /** The name of the bone clean-up variant. */
    public String cleanUpName() {
        return thresholdName(thresholds.get(0)) + " + bone clean-up (opening " + openingSize + ", dilation "
                + dilationSize + (removedBone == RemovedBone.MORE_LIKELY ? ", removed bone to the more likely class" : "")
                + ")";
    }

    /** Every variant name, in the order of {@link PostProcessed#all()}. */
    public List<String> variantNames() {
        List<String> names = new ArrayList<>();
        names.add(PREDICTION);
        for (double t : thresholds) {
            names.add(thresholdName(t));
        }
        names.add(BODY_PART);
        names.add(cleanUpName());
        return names;
    }

    private static String percent(double t) {
        String s = String.format(Locale.ROOT, "%.4f", t * 100).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + " %";
    }
}
