package org.xnet.core;

import java.util.ArrayList;
import java.util.List;

/**
 * One axis of a separable resampling: for each output pixel {@code i}, the source indices
 * {@code index[start[i] .. start[i+1])} and their weights (summing to 1). Indices outside the
 * source are clamped to the edge.
 */
final class ResampleWeights {
    final int[] start;
    final int[] index;
    final double[] weight;

    private ResampleWeights(int[] start, int[] index, double[] weight) {
        this.start = start;
        this.index = index;
        this.weight = weight;
    }

    int size() {
        return start.length - 1;
    }

    /** Box weights: the overlap of output pixel i's footprint with each source pixel, normalised. */
    static ResampleWeights area(int from, int to) {
        Builder b = new Builder(to);
        double scale = (double) from / to;
        for (int i = 0; i < to; i++) {
            double lo = i * scale;
            double hi = Math.min(from, (i + 1) * scale);
            int first = (int) Math.floor(lo);
            int last = Math.min(from - 1, (int) Math.ceil(hi) - 1);
            for (int j = first; j <= last; j++) {
                double overlap = Math.min(hi, j + 1) - Math.max(lo, j);
                if (overlap > 0) {
                    b.add(j, overlap / (hi - lo));
                }
            }
            b.next();
        }
        return b.build();
    }

    /** Linear weights at the output pixel centres. */
    static ResampleWeights bilinear(int from, int to) {
        Builder b = new Builder(to);
        double scale = (double) from / to;
        for (int i = 0; i < to; i++) {
            double s = Math.max(0, Math.min(from - 1, (i + 0.5) * scale - 0.5));
            int j = (int) Math.floor(s);
            double f = s - j;
            b.add(j, 1 - f);
            if (f > 0) {
                b.add(Math.min(from - 1, j + 1), f);
            }
            b.next();
        }
        return b.build();
    }

    /** Keys cubic convolution weights at the output pixel centres, edge indices clamped. */
    static ResampleWeights cubic(int from, int to, double a) {
        Builder b = new Builder(to);
        double scale = (double) from / to;
        for (int i = 0; i < to; i++) {
            double s = (i + 0.5) * scale - 0.5;
            int j = (int) Math.floor(s);
            double f = s - j;
            for (int k = -1; k <= 2; k++) {
                b.add(Math.max(0, Math.min(from - 1, j + k)), keys(k - f, a));
            }
            b.next();
        }
        return b.build();
    }

    /** Keys' cubic convolution kernel. */
    static double keys(double t, double a) {
        double x = Math.abs(t);
        if (x <= 1) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        if (x < 2) {
            return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
        }
        return 0;
    }

    private static final class Builder {
        private final int[] start;
        private final List<Integer> indices = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();
        private int next = 1;

        Builder(int size) {
            start = new int[size + 1];
        }

        void add(int index, double weight) {
            indices.add(index);
            weights.add(weight);
        }

        void next() {
            start[next++] = indices.size();
        }

        ResampleWeights build() {
            return new ResampleWeights(start, indices.stream().mapToInt(Integer::intValue).toArray(),
                    weights.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
