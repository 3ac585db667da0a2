package org.xnet.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.SegClass;

/**
 * Collects per-pixel class probabilities and truths, then computes the exact one-vs-rest ROC curve and AUC
 * of every class.
 *
 * <p>Exact without sorting floats: a probability in [0, 1] is a non-negative float, whose IEEE bit
 * pattern orders like the value, and equal values have equal bits. Each pixel is stored as one int key
 * {@code bits << 1 | isPositive} (31 bits) and the keys are radix-sorted (linear time, see
 * {@link #radixSort}); groups of equal bits are the tie groups. Memory: 4 bytes per pixel and class, plus as much again
 * while {@link #curves} runs. The plotted curve keeps at most {@code maxPoints} points: a point
 * is kept when FPR + TPR has grown by at least {@code 2 / (maxPoints - 2)} since the last kept one, and the
 * first and last points are always kept, so no plotted segment is longer than that step (in L1).
 */
public final class RocAccumulator {
    private static final int K = SegClass.COUNT;
    private static final int LOW_BITS = 19;
    private static final int TOP_BITS = 12; // keys have 31 bits
    private static final int TOP_RADIX = 1 << TOP_BITS;
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
        addAll(List.of(truth), List.of(probabilities));
    }

    /**
     * Adds every pixel of several images, in parallel; the keys land where adding the images one by one
     * would put them. Nothing is added when a shape or a probability is invalid.
     */
    public void addAll(List<LabelMap> truths, List<ProbabilityMap> probabilities) {
        if (truths.size() != probabilities.size()) {
            throw new IllegalArgumentException(truths.size() + " label maps but " + probabilities.size()
                    + " probability maps");
        }
        int[] offsets = new int[truths.size() + 1];
        long end = size;
        for (int i = 0; i < truths.size(); i++) {
            LabelMap truth = truths.get(i);
            ProbabilityMap p = probabilities.get(i);
            if (truth.width() != p.width() || truth.height() != p.height() || p.classes() != K) {
                throw new IllegalArgumentException("Probability shape does not match label. " + p.sizeString()
                        + "x" + p.classes() + " vs " + truth.sizeString() + "x" + K);
            }
            offsets[i] = (int) Math.min(end, Integer.MAX_VALUE);
            end += (long) truth.width() * truth.height();
        }
        ensureCapacity(end);
        IntStream.range(0, truths.size()).parallel()
                .forEach(i -> write(truths.get(i), probabilities.get(i), offsets[i]));
        size = (int) end;
    }

    /** Writes the keys of one image from index {@code at}. */
    private void write(LabelMap truth, ProbabilityMap probabilities, int at) {
        int n = truth.width() * truth.height();
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
                out[at + i] = bits << 1 | (t[i] == c ? 1 : 0);
            }
        }
    }

    /** Pixels added so far. */
    public int size() {
        return size;
    }

    /**
     * The ROC curve of every class, in class order, with at most {@code maxPoints} plotted points each. The
     * classes are sorted in parallel (one scratch array each); the stored keys are sorted in place (their
     * order is irrelevant), so this may be called again.
     */
    public List<RocCurve> curves(int maxPoints) {
        if (maxPoints < 3) {
            throw new IllegalArgumentException("maxPoints must be at least 3, got " + maxPoints);
        }
        return IntStream.range(0, K).parallel().mapToObj(c -> {
            int[] sorted = radixSort(keys[c], new int[size], size);
            keys[c] = sorted;
            return curve(SegClass.of(c).label(), sorted, size, maxPoints);
        }).toList();
    }

    /**
     * Sorts the first {@code n} non-negative keys ascending. One most-significant-digit pass scatters the keys
     * by their top {@value #TOP_BITS} bits (bits 19-30) from {@code a} into {@code scratch}; then every bucket
     * is sorted on its own by the low 19 bits, in two least-significant-digit passes that go through the same
     * range of {@code a} and back, small enough to stay in cache, the buckets in parallel. Returns the array
     * holding the result, which is {@code scratch}; {@code a} is left permuted.
     */
    static int[] radixSort(int[] a, int[] scratch, int n) {
        int[] start = new int[TOP_RADIX + 1];
        for (int i = 0; i < n; i++) {
            start[(a[i] >>> LOW_BITS) + 1]++;
        }
        for (int b = 0; b < TOP_RADIX; b++) {
            start[b + 1] += start[b];
        }
        int[] next = Arrays.copyOf(start, TOP_RADIX);
        for (int i = 0; i < n; i++) {
            int k = a[i];
            scratch[next[k >>> LOW_BITS]++] = k;
        }
        IntStream.range(0, TOP_RADIX).parallel().forEach(b -> sortLowBits(scratch, a, start[b], start[b + 1]));
        return scratch;
    }

    /** Sorts {@code keys[from, to)} by their low 19 bits (stable LSD passes of 10 and 9 bits through {@code buffer}). */
    private static void sortLowBits(int[] keys, int[] buffer, int from, int to) {
        if (to - from < 64) {
            for (int i = from + 1; i < to; i++) {
                int k = keys[i];
                int j = i - 1;
                while (j >= from && keys[j] > k) {
                    keys[j + 1] = keys[j];
                    j--;
                }
                keys[j + 1] = k;
            }
            return;
        }
        lsdPass(keys, buffer, from, to, 0, 10);
        lsdPass(buffer, keys, from, to, 10, LOW_BITS - 10);
    }

    private static void lsdPass(int[] from, int[] to, int lo, int hi, int shift, int bits) {
        int mask = (1 << bits) - 1;
        int[] next = new int[(1 << bits) + 1];
        for (int i = lo; i < hi; i++) {
            next[(from[i] >>> shift & mask) + 1]++;
        }
        next[0] = lo;
        for (int b = 0; b < 1 << bits; b++) {
            next[b + 1] += next[b];
        }
        for (int i = lo; i < hi; i++) {
            int k = from[i];
            to[next[k >>> shift & mask]++] = k;
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
            int groupEnd = i;
            long pos = 0;
            while (i >= 0 && sorted[i] >>> 1 == bits) {
                pos += sorted[i] & 1;
                i--;
            }
            long neg = groupEnd - i - pos;
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
