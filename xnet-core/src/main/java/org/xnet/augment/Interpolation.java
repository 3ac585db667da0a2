package org.xnet.augment;

/**
 * How an image is sampled between pixel centres. Labels are always sampled with {@link #NEAREST}.
 * {@link #BICUBIC} is the Keys kernel with a = -0.75, as OpenCV's {@code INTER_CUBIC}.
 */
public enum Interpolation {
    NEAREST,
    BILINEAR,
    BICUBIC;

    /** The Keys cubic convolution parameter used by {@link #BICUBIC} (OpenCV's value). */
    public static final double CUBIC_A = -0.75;

    /** The bicubic kernel weight at distance {@code t} (a = -0.75). */
    public static double cubic(double t) {
        double x = Math.abs(t);
        double a = CUBIC_A;
        if (x <= 1) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        if (x < 2) {
            return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
        }
        return 0;
    }
}
