package org.xnet.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.xnet.core.SegClass;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.Metrics;
import org.xnet.eval.RocCurve;
import org.xnet.eval.Spread;

/**
 * The figures a cross-validation table shows for one model on one image set under one post-processing
 * variant, taken from an {@link EvaluationResult} (which computes them): pixel accuracy, the F1 of each
 * class, the soft-tissue true- and false-positive rates, and the mean over the classes of the per-class
 * ROC AUC (from the probabilities, so the same for every variant).
 */
public record CrossvalScores(@JsonProperty("accuracy") double accuracy,
                             @JsonProperty("f1_open_beam") double f1OpenBeam,
                             @JsonProperty("f1_soft_tissue") double f1SoftTissue,
                             @JsonProperty("f1_bone") double f1Bone,
                             @JsonProperty("tissue_tp_rate") double tissueTpRate,
                             @JsonProperty("tissue_fp_rate") double tissueFpRate,
                             @JsonProperty("auc") double auc) {
    /** The metric names, in component order (the keys of {@link #asMap()}). */
    public static final List<String> NAMES = List.of("accuracy", "f1_open_beam", "f1_soft_tissue", "f1_bone",
            "tissue_tp_rate", "tissue_fp_rate", "auc");

    /** The scores of {@code variant} in {@code result}. */
    public static CrossvalScores of(EvaluationResult result, String variant) {
        Metrics m = result.variant(variant).overall();
        List<Double> aucs = result.roc().stream().map(RocCurve::auc).toList();
        return new CrossvalScores(m.accuracy(), m.of(SegClass.OPEN_BEAM).f1(), m.of(SegClass.SOFT_TISSUE).f1(),
                m.of(SegClass.BONE).f1(), m.tissueTruePositiveRate(), m.tissueFalsePositiveRate(),
                Spread.of(aucs).mean());
    }

    /** The scores by name, in {@link #NAMES} order. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        double[] v = {accuracy, f1OpenBeam, f1SoftTissue, f1Bone, tissueTpRate, tissueFpRate, auc};
        for (int i = 0; i < v.length; i++) {
            m.put(NAMES.get(i), v[i]);
        }
        return m;
    }

    /** The mean ± sd of every score over {@code scores} (one per fold), by name. */
    public static Map<String, Spread> spread(List<CrossvalScores> scores) {
        Map<String, Spread> out = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            int index = i;
            ToDoubleFunction<CrossvalScores> f = s -> s.asMap().get(NAMES.get(index));
            List<Double> values = new ArrayList<>();
            scores.forEach(s -> values.add(f.applyAsDouble(s)));
            out.put(NAMES.get(i), Spread.of(values));
        }
        return out;
    }
}
