package org.xnet.augment;

/**
 * A wide Gaussian-like low-pass in time independent of its width: three passes of a box filter along
 * rows, then three along columns (running sums, edge pixels repeated beyond the border). Three boxes of
 * width {@code 2r+1} have the variance {@code ((2r+1)^2 - 1) / 4}, so {@code r} is chosen to match
 * {@code sigma^2}. Used for scatter and unsharp masking, whose sigmas of 5-25 % of the image would
 * cost a Gaussian kernel of hundreds of taps.
 */
final class LowPass {
    private static final int PASSES = 3;

    private LowPass() {
    }

    /** The box radius whose three passes come closest to a Gaussian of {@code sigma}. */
    static int radius(double sigma) {
        return (int) Math.round((Math.sqrt(4 * sigma * sigma + 1) - 1) / 2);
    }

    /**
     * Writes the low-pass of {@code w*h} pixels of {@code src} from {@code offset} into {@code out[0..w*h)};
     * {@code line} needs room for {@code max(w, h) + 2r + 1} values ({@code r <= sigma}).
     */
    static void apply(float[] src, int offset, int w, int h, double sigma, float[] out, double[] line) {
        int r = radius(sigma);
        System.arraycopy(src, offset, out, 0, w * h);
        if (r == 0) {
            return;
        }
        float[] buffer = new float[Math.max(w, h)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                buffer[x] = out[y * w + x];
            }
            for (int pass = 0; pass < PASSES; pass++) {
                box(buffer, w, r, line);
            }
            System.arraycopy(buffer, 0, out, y * w, w);
        }
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                buffer[y] = out[y * w + x];
            }
            for (int pass = 0; pass < PASSES; pass++) {
                box(buffer, h, r, line);
            }
            for (int y = 0; y < h; y++) {
                out[y * w + x] = buffer[y];
            }
        }
    }

    /** One box pass over {@code v[0..n)} in place, mean of the {@code 2r+1} neighbours, edges repeated. */
    private static void box(float[] v, int n, int r, double[] prefix) {
        prefix[0] = 0;
        for (int i = 0; i < n + 2 * r; i++) {
            int j = Math.min(n - 1, Math.max(0, i - r));
            prefix[i + 1] = prefix[i] + v[j];
        }
        double width = 2 * r + 1;
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((prefix[i + 2 * r + 1] - prefix[i]) / width);
        }
    }
}
