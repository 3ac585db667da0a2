package org.xnet.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.SegClass;

/**
 * Collects per-pixel class probabilities and truths, then computes the exact one-vs-rest ROC curve and AUC
 * of every class.
 *
 * <p>Exact without sorting floats: a probability in [0, 1] is a non-negative float, whose IEEE bit
 * pattern orders like the value, and equal values have equal bits. Each pixel is stored as one int key
 * {@code bits << 1 | isPositive} (31 bits) and the keys are radix-sorted (two 16-bit passes, linear
 * time); groups of equal bits are the tie groups. Memory: 4 bytes per pixel and class, plus one
 * temporary array of the largest class. The plotted curve keeps at most {@code maxPoints} points: a point
 * is kept when FPR + TPR has grown by at least {@code 2 / (maxPoints - 2)} since the last kept one, and the
 * first and last points are always kept, so no plotted segment is longer than that step (in L1).
 */
public final class RocAccumulator {
    private static final int K = SegClass.COUNT;
    private final int[][] keys = new int[K][];
    private int size;

    /** An accumulator with room for {@code expectedPixels} pixels (it grows when needed). */
    public RocAccumulator(int expectedPixels) {
        for (int c = 0; c < K; c++) {
            keys[c] = new int[Math.max(16, expectedPixels)];
        }
    }

    public RocAccumulator() {
        this(1 << 16);
    }

    /** Adds every pixel of one image; probabilities must lie in [0, 1]. */
    public void add(LabelMap truth, ProbabilityMap probabilities) {
        if (truth.width() != probabilities.width() || truth.height() != probabilities.height()
                || probabilities.classes() != K) {
            throw new IllegalArgumentException("Probability shape does not match label. " + probabilities.sizeString()
                    + "x" + probabilities.classes() + " vs " + truth.sizeString() + "x" + K);
        }
        int n = truth.width() * truth.height();
        ensureCapacity((long) size + n);
        byte[] t = truth.data();
        float[] p = probabilities.data();
        for (int c = 0; c < K; c++) {
            int[] out = keys[c];
            int offset = c * n;
            for (int i = 0; i < n; i++) {
                float v = p[offset + i];
                if (!(v >= 0f && v <= 1f)) {
                    throw new IllegalArgumentException("probability of class " + c + " at pixel " + i
                            + " is " + v + ", expected a value in [0, 1]");
                }
                int bits = Float.floatToRawIntBits(v + 0.0f); // -0.0 becomes +0.0
                out[size + i] = bits << 1 | (t[i] == c ? 1 : 0);
            }
        }
        size += n;
    }

    /** Pixels added so far. */
    public int size() {
        return size;
    }

    /** The ROC curve of every class, in class order, with at most {@code maxPoints} plotted points each. */
    public List<RocCurve> curves(int maxPoints) {
        if (maxPoints < 3) {
            throw new IllegalArgumentException("maxPoints must be at least 3, got " + maxPoints);
        }
        int[] scratch = new int[size];
        int[] sorted = new int[size];
        List<RocCurve> curves = new ArrayList<>();
        for (SegClass c : SegClass.values()) {
            System.arraycopy(keys[c.index()], 0, sorted, 0, size);
            radixSort(sorted, scratch, size);
            curves.add(curve(c.label(), sorted, size, maxPoints));
        }
        return curves;
    }

    /** Sorts the first {@code n} non-negative keys ascending (LSD radix, two 16-bit digits). */
    static void radixSort(int[] a, int[] scratch, int n) {
        countingPass(a, scratch, n, 0);
        countingPass(scratch, a, n, 16);
    }

    private static void countingPass(int[] from, int[] to, int n, int shift) {
        int[] start = new int[(1 << 16) + 1];
        for (int i = 0; i < n; i++) {
            start[((from[i] >>> shift) & 0xFFFF) + 1]++;
        }
        for (int d = 0; d < 1 << 16; d++) {
            start[d + 1] += start[d];
        }
        for (int i = 0; i < n; i++) {
            to[start[(from[i] >>> shift) & 0xFFFF]++] = from[i];
        }
    }

    /** The curve from keys sorted ascending: walk from the highest score down, one step per tie group. */
    static RocCurve curve(String name, int[] sorted, int n, int maxPoints) {
        long positives = 0;
        for (int i = 0; i < n; i++) {
            positives += sorted[i] & 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return new RocCurve(name, positives, negatives, Double.NaN, List.of());
        }
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(0, 0, Double.POSITIVE_INFINITY));
        double step = 2.0 / (maxPoints - 2);
        double lastKept = 0;
        long tp = 0;
        long fp = 0;
        long twiceArea = 0; // sum over tie groups of neg * (2 * tpBefore + pos)
        int i = n - 1;
        while (i >= 0) {
            int bits = sorted[i] >>> 1;
            long pos = 0;
            long neg = 0;
            while (i >= 0 && sorted[i] >>> 1 == bits) {
                if ((sorted[i] & 1) == 1) {
                    pos++;
                } else {
                    neg++;
                }
                i--;
            }
            twiceArea += neg * (2 * tp + pos);
            tp += pos;
            fp += neg;
            double fpr = (double) fp / negatives;
            double tpr = (double) tp / positives;
            if (fpr + tpr - lastKept >= step || i < 0) {
                points.add(new RocPoint(fpr, tpr, Float.intBitsToFloat(bits)));
                lastKept = fpr + tpr;
            }
        }
        double auc = twiceArea / (2.0 * positives * negatives);
        return new RocCurve(name, positives, negatives, auc, points);
    }

    private void ensureCapacity(long needed) {
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many pixels for one ROC accumulator: " + needed);
        }
        if (needed > keys[0].length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * keys[0].length));
            for (int c = 0; c < K; c++) {
                keys[c] = Arrays.copyOf(keys[c], capacity);
            }
        }
    }
}
