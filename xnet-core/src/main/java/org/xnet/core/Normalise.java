package org.xnet.core;

/**
 * Per-image normalisation as the original XNet did it: subtract the image's mean, then min-max
 * scale to [0, 1]. (The mean cancels in the min-max step; it is kept so the arithmetic follows
 * the original.) A constant image has no range and becomes all zeros.
 */
public final class Normalise {
    private Normalise() {
    }

    /** A new image: {@code (v - mean - min') / (max' - min')} in double, where ' is after subtracting the mean. */
    public static Image2D meanThenMinMax(Image2D image) {
        float[] in = image.data();
        double mean = 0;
        for (float v : in) {
            mean += v;
        }
        mean /= in.length;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : in) {
            double c = v - mean;
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        float[] out = new float[in.length];
        double range = max - min;
        if (range > 0) {
            for (int i = 0; i < in.length; i++) {
                out[i] = (float) ((in[i] - mean - min) / range);
            }
        }
        return new Image2D(image.width(), image.height(), out);
    }
}
