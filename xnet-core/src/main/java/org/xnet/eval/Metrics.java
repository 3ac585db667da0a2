package org.xnet.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.xnet.core.SegClass;

/**
 * Every pixel metric of one segmentation, computed in this one place from one {@link ConfusionMatrix}.
 *
 * <p>Definitions (TP/FP/FN per class, one-vs-rest; any ratio with a zero denominator is NaN):
 * <ul>
 *   <li>{@code accuracy}: correct pixels / all pixels.</li>
 *   <li>per class: precision TP/(TP+FP) (what the original PostProcessing.py printed as "accuracy on the
 *       different classes"), recall TP/(TP+FN), F1 = Dice = 2TP/(2TP+FP+FN), IoU TP/(TP+FP+FN).</li>
 *   <li>macro averages: the mean over the classes whose value is defined (not NaN); NaN if none is.</li>
 *   <li>{@code tissueTruePositiveRate}, as the original's {@code tpfp()}: soft tissue predicted as soft tissue
 *       over all true soft-tissue pixels (the soft-tissue recall).</li>
 *   <li>{@code tissueFalsePositiveRate}, as the original's {@code tpfp()}: open beam and bone predicted as soft
 *       tissue over all soft-tissue predictions (1 - soft-tissue precision, a false discovery rate). The two
 *       rates have different denominators, so they need not sum to 1.</li>
 * </ul>
 *
 * @param confusion the counts, {@code [truth][predicted]}
 */
public record Metrics(long pixels, double accuracy, List<ClassMetrics> perClass, double macroPrecision,
                      double macroRecall, double macroF1, double macroIou, double macroDice,
                      double tissueTruePositiveRate, double tissueFalsePositiveRate, long[][] confusion) {

    public Metrics {
        perClass = List.copyOf(perClass);
        confusion = Arrays.stream(confusion).map(long[]::clone).toArray(long[][]::new);
    }

    /** The metrics of {@code m}. */
    public static Metrics of(ConfusionMatrix m) {
        List<ClassMetrics> perClass = new ArrayList<>();
        for (SegClass c : SegClass.values()) {
            perClass.add(ClassMetrics.of(m, c.index(), c.label()));
        }
        int tissue = SegClass.SOFT_TISSUE.index();
        long tissueHits = m.count(tissue, tissue);
        return new Metrics(m.total(), ratio(m.correct(), m.total()), perClass,
                macro(perClass, ClassMetrics::precision), macro(perClass, ClassMetrics::recall),
                macro(perClass, ClassMetrics::f1), macro(perClass, ClassMetrics::iou),
                macro(perClass, ClassMetrics::dice),
                ratio(tissueHits, m.truthTotal(tissue)),
                ratio(m.predictedTotal(tissue) - tissueHits, m.predictedTotal(tissue)), m.toArray());
    }

    /** The metrics of class {@code c}. */
    public ClassMetrics of(SegClass c) {
        return perClass.get(c.index());
    }

    /** {@code num / den}, NaN when {@code den} is zero. */
    static double ratio(long num, long den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }

    private static double macro(List<ClassMetrics> perClass, ToDoubleFunction<ClassMetrics> f) {
        double sum = 0;
        int n = 0;
        for (ClassMetrics c : perClass) {
            double v = f.applyAsDouble(c);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metrics other && Arrays.deepEquals(other.confusion, confusion);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(confusion);
    }
}
