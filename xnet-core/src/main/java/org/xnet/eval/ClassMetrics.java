package org.xnet.eval;

/**
 * The metrics of one class, one-vs-rest, from a confusion matrix. {@code f1} and {@code dice} are the
 * same number for pixel sets (2TP / (2TP + FP + FN)); both names are kept because both are reported
 * in the literature. A ratio whose denominator is zero is NaN.
 *
 * @param support pixels whose true class is this class
 */
public record ClassMetrics(String name, long support, long predicted, double precision, double recall,
                           double f1, double iou, double dice) {

    static ClassMetrics of(ConfusionMatrix m, int c, String name) {
        long tp = m.count(c, c);
        long support = m.truthTotal(c);
        long predicted = m.predictedTotal(c);
        long fp = predicted - tp;
        long fn = support - tp;
        double dice = Metrics.ratio(2 * tp, 2 * tp + fp + fn);
        return new ClassMetrics(name, support, predicted, Metrics.ratio(tp, predicted), Metrics.ratio(tp, support),
                dice, Metrics.ratio(tp, tp + fp + fn), dice);
    }
}
