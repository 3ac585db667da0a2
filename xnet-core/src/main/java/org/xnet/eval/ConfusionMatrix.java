package org.xnet.eval;

import java.util.Arrays;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;

/**
 * Pixel counts of a segmentation against its ground truth: {@code count(truth, predicted)}, rows are
 * the true class, columns the predicted class. Mutable accumulator; every metric comes from it through
 * {@link Metrics#of(ConfusionMatrix)}.
 */
public final class ConfusionMatrix {
    private static final int K = SegClass.COUNT;
    private final long[] counts = new long[K * K];

    /** An empty matrix. */
    public ConfusionMatrix() {
    }

    /** A matrix with the given counts, {@code rows[truth][predicted]}. */
    public static ConfusionMatrix of(long[][] rows) {
        if (rows.length != K) {
            throw new IllegalArgumentException("expected " + K + " rows, got " + rows.length);
        }
        ConfusionMatrix m = new ConfusionMatrix();
        for (int t = 0; t < K; t++) {
            if (rows[t].length != K) {
                throw new IllegalArgumentException("row " + t + ": expected " + K + " columns, got " + rows[t].length);
            }
            for (int p = 0; p < K; p++) {
                if (rows[t][p] < 0) {
                    throw new IllegalArgumentException("count [" + t + "][" + p + "] is negative: " + rows[t][p]);
                }
                m.counts[t * K + p] = rows[t][p];
            }
        }
        return m;
    }

    /** The matrix of one image. */
    public static ConfusionMatrix of(LabelMap truth, LabelMap predicted) {
        ConfusionMatrix m = new ConfusionMatrix();
        m.add(truth, predicted);
        return m;
    }

    /** Adds every pixel of {@code predicted} against {@code truth}; the maps must have the same size. */
    public ConfusionMatrix add(LabelMap truth, LabelMap predicted) {
        if (truth.width() != predicted.width() || truth.height() != predicted.height()) {
            throw new IllegalArgumentException("Label shapes do not match. " + truth.sizeString() + " vs "
                    + predicted.sizeString());
        }
        byte[] t = truth.data();
        byte[] p = predicted.data();
        for (int i = 0; i < t.length; i++) {
            counts[t[i] * K + p[i]]++;
        }
        return this;
    }

    /** Adds the counts of {@code other} to this matrix. */
    public ConfusionMatrix merge(ConfusionMatrix other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        return this;
    }

    /** Pixels of true class {@code truth} predicted as {@code predicted}. */
    public long count(int truth, int predicted) {
        return counts[truth * K + predicted];
    }

    /** Pixels whose true class is {@code c} (a row sum). */
    public long truthTotal(int c) {
        long s = 0;
        for (int p = 0; p < K; p++) {
            s += count(c, p);
        }
        return s;
    }

    /** Pixels predicted as class {@code c} (a column sum). */
    public long predictedTotal(int c) {
        long s = 0;
        for (int t = 0; t < K; t++) {
            s += count(t, c);
        }
        return s;
    }

    /** All pixels counted. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    /** Correctly classified pixels (the trace). */
    public long correct() {
        long s = 0;
        for (int c = 0; c < K; c++) {
            s += count(c, c);
        }
        return s;
    }

    /** The counts as {@code [truth][predicted]} (a copy). */
    public long[][] toArray() {
        long[][] rows = new long[K][K];
        for (int t = 0; t < K; t++) {
            rows[t] = Arrays.copyOfRange(counts, t * K, (t + 1) * K);
        }
        return rows;
    }

    /** Each row divided by its sum (the fraction of each true class given each prediction); NaN rows for absent classes. */
    public double[][] normalisedByTruth() {
        double[][] rows = new double[K][K];
        for (int t = 0; t < K; t++) {
            long sum = truthTotal(t);
            for (int p = 0; p < K; p++) {
                rows[t][p] = Metrics.ratio(count(t, p), sum);
            }
        }
        return rows;
    }

    public ConfusionMatrix copy() {
        return new ConfusionMatrix().merge(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix other && Arrays.equals(other.counts, counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + Arrays.deepToString(toArray());
    }
}
