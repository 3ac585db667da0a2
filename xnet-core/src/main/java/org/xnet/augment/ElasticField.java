package org.xnet.augment;

import java.util.SplittableRandom;

/**
 * The displacement field of an elastic deformation, with the semantics of imgaug 0.2's
 * {@code ElasticTransformation(alpha, sigma)} (Simard et al. 2003): per pixel draw
 * {@code U(-1, 1)} for x and for y, smooth each field with a Gaussian of {@code sigma} padded with
 * zeros (scipy {@code gaussian_filter(mode='constant', cval=0)}), multiply by {@code alpha}; the image
 * is then sampled at {@code (u + dx, v + dy)}. The draws come from {@code new SplittableRandom(seed)}:
 * all x values row-major, then all y values, each {@code 2 * nextDouble() - 1}.
 */
public final class ElasticField {
    private ElasticField() {
    }

    /** A new field as {@code {dx, dy}}, row-major, {@code w*h} values each. */
    public static float[][] generate(int w, int h, double alpha, double sigma, long seed) {
        float[] dx = new float[w * h];
        float[] dy = new float[w * h];
        generateInto(w, h, alpha, GaussianBlur.kernel(sigma), seed, dx, dy, new float[w * h]);
        return new float[][] {dx, dy};
    }

    /** Fills {@code dx} and {@code dy} ({@code w*h} each) using {@code tmp} as scratch. */
    static void generateInto(int w, int h, double alpha, float[] kernel, long seed, float[] dx, float[] dy,
                             float[] tmp) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
        }
        int n = w * h;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            dx[i] = (float) (2 * random.nextDouble() - 1);
        }
        for (int i = 0; i < n; i++) {
            dy[i] = (float) (2 * random.nextDouble() - 1);
        }
        float[] scaled = new float[kernel.length];
        for (int k = 0; k < kernel.length; k++) {
            scaled[k] = (float) (kernel[k] * alpha);
        }
        if (kernel.length > 1) {
            // alpha folded into the horizontal kernel: one fewer pass over the fields
            GaussianBlur.blurInPlace(dx, 0, w, h, scaled, kernel, tmp, null);
            GaussianBlur.blurInPlace(dy, 0, w, h, scaled, kernel, tmp, null);
        } else {
            for (int i = 0; i < n; i++) {
                dx[i] *= scaled[0];
                dy[i] *= scaled[0];
            }
        }
    }
}
