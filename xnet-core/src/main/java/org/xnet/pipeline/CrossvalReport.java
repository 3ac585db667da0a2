package org.xnet.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xnet.eval.EvaluationConfig;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.PostProcessing;
import org.xnet.eval.Spread;
import org.xnet.eval.ThresholdTable;
import org.xnet.eval.ThresholdTuning;

/**
 * What {@code xnet crossval} found ({@code crossval.json}, and {@link #markdown()} for
 * {@code crossval.md}): every fold's scores on its held-out groups, without and with test-time
 * augmentation, before and after the post-processing tuned on its validation fold; their mean ± sd over
 * the folds; and, when the dataset has a test split kept out of every fold, each fold model, the ensemble
 * and the ensemble with TTA on it.
 *
 * <p>The ensemble is scored on the test split only: on a fold's held-out groups every other fold model
 * has trained, so an ensemble score there would not be a held-out score.
 */
public record CrossvalReport(@JsonProperty("plan") FoldPlan plan,
                             @JsonProperty("dataset_sha256") String datasetSha256,
                             @JsonProperty("target_fp_rate") double targetFpRate,
                             @JsonProperty("folds") List<Fold> folds,
                             @JsonProperty("mean_sd") Map<String, Map<String, Spread>> meanSd,
                             @JsonProperty("pooled") Tuning pooled,
                             @JsonProperty("pooled_tta") Tuning pooledTta,
                             @JsonProperty("test") Test test) {
    /** Row names: the model, then the post-processing. */
    public static final String PLAIN = "argmax";
    public static final String TUNED = "tuned threshold";
    public static final String BODY_PART = "tuned body-part thresholds";
    public static final String CLEAN_UP = "tuned threshold + bone clean-up";
    public static final String WITH_TTA = " + TTA";

    /**
     * What a tuning chose ({@link ThresholdTuning.Tuned} without its counts): the threshold ({@link
     * PostProcessing#NO_THRESHOLD}, written "NaN", for none), the body-part table and the reason.
     */
    public record Tuning(@JsonProperty("threshold") double threshold,
                         @JsonProperty("body_part_thresholds") ThresholdTable bodyPartThresholds,
                         @JsonProperty("reason") String reason) {
        static Tuning of(ThresholdTuning.Tuned tuned) {
            return new Tuning(tuned.threshold(), tuned.bodyPartThresholds(), tuned.reason());
        }

        /** "0.7" or "none". */
        String label() {
            return PostProcessing.isNoThreshold(threshold) ? "none" : Double.toString(threshold);
        }
    }

    /**
     * One fold: what it held out and validated on, the post-processing tuned there from plain and from
     * TTA probabilities, and its scores by row name.
     */
    public record Fold(@JsonProperty("fold") int fold, @JsonProperty("held_out") List<String> heldOut,
                       @JsonProperty("validation") List<String> validation,
                       @JsonProperty("images") List<Integer> images,
                       @JsonProperty("tuned") Tuning tuned,
                       @JsonProperty("tuned_tta") Tuning tunedTta,
                       @JsonProperty("scores") Map<String, CrossvalScores> scores) {
    }

    /** The test split kept out of every fold: its groups, whether a fold also holds one, scores by row name. */
    public record Test(@JsonProperty("groups") List<String> groups,
                       @JsonProperty("shares_groups_with_folds") boolean sharesGroupsWithFolds,
                       @JsonProperty("scores") Map<String, CrossvalScores> scores) {
    }

    /**
     * The four rows of one evaluation made with {@code threshold} (or none) as its only threshold: argmax,
     * the tuned threshold (the argmax again when none was chosen), the tuned body-part table and the bone
     * clean-up; {@code suffix} is appended to each name.
     */
    static Map<String, CrossvalScores> rows(EvaluationResult result, double threshold, String prefix, String suffix) {
        Map<String, CrossvalScores> rows = new LinkedHashMap<>();
        EvaluationConfig config = result.config();
        rows.put(prefix + PLAIN + suffix, CrossvalScores.of(result, EvaluationConfig.PREDICTION));
        rows.put(prefix + TUNED + suffix, CrossvalScores.of(result, EvaluationConfig.thresholdName(threshold)));
        rows.put(prefix + BODY_PART + suffix, CrossvalScores.of(result, EvaluationConfig.BODY_PART));
        rows.put(prefix + CLEAN_UP + suffix, CrossvalScores.of(result, config.cleanUpName()));
        return rows;
    }

    /** The mean ± sd over {@code folds} of every row they all have. */
    static Map<String, Map<String, Spread>> meanSd(List<Fold> folds) {
        Map<String, Map<String, Spread>> out = new LinkedHashMap<>();
        if (folds.isEmpty()) {
            return out;
        }
        for (String row : folds.get(0).scores().keySet()) {
            List<CrossvalScores> each = new ArrayList<>();
            for (Fold f : folds) {
                each.add(f.scores().get(row));
            }
            out.put(row, CrossvalScores.spread(each));
        }
        return out;
    }

    /** The tables as Markdown: per held-out fold, mean ± sd, and the test split. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Cross-validation by %s, %d folds (seed %d); soft-tissue threshold (or "
                        + "none) tuned on each fold's validation fold, without and with TTA, for a soft-tissue FP rate "
                        + "<= %s: %s.%n%n", plan.groupBy().cliName(), plan.size(), plan.seed(), percent(targetFpRate),
                ThresholdTuning.RULE));
        md.append(header("held out"));
        for (Fold f : folds) {
            String name = String.join(", ", f.heldOut());
            for (String row : List.of(PLAIN, TUNED, PLAIN + WITH_TTA, TUNED + WITH_TTA)) {
                Tuning t = row.endsWith(WITH_TTA) ? f.tunedTta() : f.tuned();
                md.append(line(name, row.replace(TUNED, TUNED + " " + t.label()), f.scores().get(row)));
            }
        }
        md.append("\n| fold | tuned without TTA | tuned with TTA |\n|---|---|---|\n");
        for (Fold f : folds) {
            md.append("| ").append(f.fold()).append(" | ").append(f.tuned().reason()).append(" | ")
                    .append(f.tunedTta().reason()).append(" |\n");
        }
        md.append("\n").append(header("mean ± sd over folds"));
        for (Map.Entry<String, Map<String, Spread>> e : meanSd.entrySet()) {
            md.append("| all folds | ").append(e.getKey());
            for (String metric : CrossvalScores.NAMES) {
                Spread s = e.getValue().get(metric);
                md.append(" | ").append(number(s.mean(), metric)).append(" ± ").append(number(s.sd(), metric));
            }
            md.append(" |\n");
        }
        if (test != null) {
            md.append(String.format(Locale.ROOT, "%nTest split (%s), kept out of every fold%s; tuning pooled over the "
                            + "validation folds: threshold %s (%s), with TTA %s (%s).%n%n",
                    String.join(", ", test.groups()), test.sharesGroupsWithFolds()
                            ? " but sharing groups with them (not a held-out score)" : "", pooled.label(), pooled.reason(),
                    pooledTta.label(), pooledTta.reason()));
            md.append(header("model"));
            for (Map.Entry<String, CrossvalScores> e : test.scores().entrySet()) {
                int cut = e.getKey().indexOf(": ");
                md.append(line(e.getKey().substring(0, cut), e.getKey().substring(cut + 2), e.getValue()));
            }
        }
        return md.toString();
    }

    private static String header(String first) {
        return "| " + first + " | post-processing | accuracy % | F1 open beam | F1 soft tissue | F1 bone "
                + "| soft-tissue TP % | soft-tissue FP % | AUC |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
    }

    private static String line(String name, String row, CrossvalScores s) {
        StringBuilder b = new StringBuilder("| ").append(name).append(" | ").append(row);
        for (Map.Entry<String, Double> e : s.asMap().entrySet()) {
            b.append(" | ").append(number(e.getValue(), e.getKey()));
        }
        return b.append(" |\n").toString();
    }

    /** Rates and accuracy as percentages with one decimal, F1 and AUC with three decimals. */
    private static String number(double v, String metric) {
        if (Double.isNaN(v)) {
            return "–";
        }
        boolean percent = metric.equals("accuracy") || metric.endsWith("_rate");
        return percent ? String.format(Locale.ROOT, "%.1f", 100 * v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
