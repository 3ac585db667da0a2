package org.xnet.eval;

import java.util.List;

/**
 * The one-vs-rest ROC curve of one class and its exact area. {@code auc} is computed from every distinct
 * score (ties count one half, i.e. the trapezoid over each group of tied scores, equal to the Mann-Whitney
 * statistic); {@code points} may be a subset of the full curve for plotting (see {@link RocAccumulator}).
 * AUC is NaN when the class has no positive or no negative pixel, and {@code points} is then empty.
 */
public record RocCurve(String className, long positives, long negatives, double auc, List<RocPoint> points) {
    public RocCurve {
        points = List.copyOf(points);
    }
}
