package org.xnet.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The post-processing an ensemble should be used with, as {@code xnet crossval} tuned it on the validation
 * folds (the {@code post_processing} of {@code ensemble.json}): one choice for probabilities without
 * test-time augmentation and one for the smoother four-flip mean, each a soft-tissue threshold or none
 * (the argmax), with the bone dilation (0: no clean-up) and the reason; the rule ({@link
 * ThresholdTuning#RULE}), its target and TP tolerance, and the validation folds it was tuned on.
 */
public record TunedPostProcessing(@JsonProperty("rule") String rule,
                                  @JsonProperty("target_fp_rate") double targetFpRate,
                                  @JsonProperty("max_tp_loss") double maxTpLoss,
                                  @JsonProperty("tuned_on") List<String> tunedOn,
                                  @JsonProperty("without_tta") Choice withoutTta,
                                  @JsonProperty("with_tta") Choice withTta) {
    public TunedPostProcessing {
        Objects.requireNonNull(rule, "rule");
        tunedOn = List.copyOf(tunedOn);
        Objects.requireNonNull(withoutTta, "without_tta");
        Objects.requireNonNull(withTta, "with_tta");
    }

    /**
     * One choice: {@code threshold} in (0, 1), or null for none (the argmax); {@code dilate} the bone
     * dilation of the clean-up, 0 for none (crossval does not tune the clean-up, so it records 0).
     */
    public record Choice(@JsonProperty("threshold") Double threshold, @JsonProperty("dilate") int dilate,
                         @JsonProperty("reason") String reason) {
        public Choice {
            if (threshold != null && !(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("threshold must be in (0, 1) or null (none), got " + threshold);
            }
            if (dilate < 0) {
                throw new IllegalArgumentException("dilate must be >= 0, got " + dilate);
            }
        }

        /** The overall choice of {@code tuned}, without bone clean-up. */
        public static Choice of(ThresholdTuning.Tuned tuned) {
            return new Choice(tuned.thresholded() ? tuned.threshold() : null, 0, tuned.reason());
        }

        /** The threshold as eval uses it: {@link PostProcessing#NO_THRESHOLD} for none. */
        public double thresholdOrNone() {
            return threshold == null ? PostProcessing.NO_THRESHOLD : threshold;
        }

        /** One line, e.g. "threshold 0.9, no bone clean-up" or "none (argmax), no bone clean-up". */
        public String describe() {
            return (threshold == null ? "none (argmax)" : "threshold " + threshold)
                    + (dilate == 0 ? ", no bone clean-up" : ", bone clean-up with dilation " + dilate);
        }
    }

    /** The choice for probabilities with ({@code tta}) or without test-time augmentation. */
    public Choice choice(boolean tta) {
        return tta ? withTta : withoutTta;
    }
}
