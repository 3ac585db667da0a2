package org.xnet.core;

import java.util.Arrays;

/**
 * Per-pixel class probabilities of one image, channel-major: {@code data[c * height * width + y * width + x]}
 * for class {@code c}. The array is shared, not copied.
 */
public final class ProbabilityMap {
    private final int width;
    private final int height;
    private final int classes;
    private final float[] data;

    public ProbabilityMap(int width, int height, int classes, float[] data) {
        if (width <= 0 || height <= 0 || classes <= 0) {
            throw new IllegalArgumentException("size and class count must be positive, got "
                    + width + "x" + height + "x" + classes);
        }
        if (data.length != (long) width * height * classes) {
            throw new IllegalArgumentException("value count " + data.length + " does not match "
                    + classes + " classes of " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.classes = classes;
        this.data = data;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int classes() {
        return classes;
    }

    /** The backing array, channel-major. */
    public float[] data() {
        return data;
    }

    public float get(int classIndex, int x, int y) {
        return data[(classIndex * height + y) * width + x];
    }

    /** The probabilities of one class as an image (a copy). */
    public Image2D channel(int classIndex) {
        int n = width * height;
        return new Image2D(width, height, Arrays.copyOfRange(data, classIndex * n, (classIndex + 1) * n));
    }

    /** The most likely class at every pixel (the first one on ties). */
    public LabelMap argmax() {
        int n = width * height;
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            float bestP = data[i];
            for (int c = 1; c < classes; c++) {
                float p = data[c * n + i];
                if (p > bestP) {
                    bestP = p;
                    best = c;
                }
            }
            out[i] = (byte) best;
        }
        return new LabelMap(width, height, out);
    }

    /**
     * The confidence at every pixel: the largest class probability, in [1/classes, 1]. Its mean over
     * the image is the image's mean confidence.
     */
    public Image2D confidence() {
        int n = width * height;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            float best = data[i];
            for (int c = 1; c < classes; c++) {
                best = Math.max(best, data[c * n + i]);
            }
            out[i] = best;
        }
        return new Image2D(width, height, out);
    }

    /**
     * The uncertainty at every pixel: the Shannon entropy of its class probabilities, divided by its
     * largest possible value {@code ln(classes)} (ln 3 for the project's classes) so that it lies in
     * [0, 1]: 0 where one class has all the probability, 1 where every class is equally likely. A
     * probability of 0 contributes 0 ({@code p ln p -> 0}).
     */
    public Image2D entropy() {
        int n = width * height;
        float[] out = new float[n];
        double norm = classes > 1 ? Math.log(classes) : 1;
        for (int i = 0; i < n; i++) {
            double h = 0;
            for (int c = 0; c < classes; c++) {
                double p = data[c * n + i];
                if (p > 0) {
                    h -= p * Math.log(p);
                }
            }
            out[i] = (float) Math.min(1, Math.max(0, h / norm));
        }
        return new Image2D(width, height, out);
    }

    public String sizeString() {
        return width + "x" + height;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProbabilityMap other && other.width == width && other.height == height
                && other.classes == classes && Arrays.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + width * 7 + height * 3 + classes;
    }

    @Override
    public String toString() {
        return "ProbabilityMap[" + sizeString() + "x" + classes + "]";
    }
}
