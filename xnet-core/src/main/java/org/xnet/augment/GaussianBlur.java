package org.xnet.augment;

import java.util.Arrays;
import org.xnet.core.Image2D;

/**
 * Separable Gaussian blur with scipy's {@code gaussian_filter} conventions (as imgaug's
 * {@code GaussianBlur} used them): kernel radius {@code (int) (4 sigma + 0.5)}, weights
 * {@code exp(-k^2 / (2 sigma^2))} normalised to sum 1, and {@link Border#SYMMETRIC} at the border.
 * Sigma 0 (any sigma below 0.125) gives the one-tap kernel {1}: the identity.
 */
public final class GaussianBlur {
    private GaussianBlur() {
    }

    /** The normalised 1-D kernel, {@code 2r+1} taps. */
    public static float[] kernel(double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be finite and >= 0, got " + sigma);
        }
        int r = (int) (4 * sigma + 0.5);
        if (r == 0) {
            return new float[] {1f};
        }
        double[] w = new double[2 * r + 1];
        double sum = 0;
        for (int k = -r; k <= r; k++) {
            w[k + r] = Math.exp(-(double) k * k / (2 * sigma * sigma));
            sum += w[k + r];
        }
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = (float) (w[i] / sum);
        }
        return out;
    }

    /** A blurred copy of {@code image}. */
    public static Image2D apply(Image2D image, double sigma) {
        Image2D out = image.copy();
        float[] kernel = kernel(sigma);
        if (kernel.length > 1) {
            blurInPlace(out.data(), 0, out.width(), out.height(), kernel, new float[out.width() * out.height()],
                    Border.SYMMETRIC);
        }
        return out;
    }

    /**
     * Blurs {@code w*h} pixels of {@code data} starting at {@code offset} in place, using {@code tmp}
     * (at least {@code w*h}) for the horizontal pass. A null {@code border} pads with zeros
     * (scipy's {@code mode='constant', cval=0}).
     */
    static void blurInPlace(float[] data, int offset, int w, int h, float[] kernel, float[] tmp, Border border) {
        blurInPlace(data, offset, w, h, kernel, kernel, tmp, border);
    }

    /** As above with separate horizontal and vertical kernels of the same length. */
    static void blurInPlace(float[] data, int offset, int w, int h, float[] kernelX, float[] kernel, float[] tmp,
                            Border border) {
        int r = kernel.length / 2;
        for (int y = 0; y < h; y++) {
            horizontal(data, offset + y * w, tmp, y * w, w, kernelX, border);
        }
        for (int y = 0; y < h; y++) {
            int out = offset + y * w;
            Arrays.fill(data, out, out + w, 0f);
            for (int k = 0; k < kernel.length; k++) {
                int yy = tap(y - r + k, h, border);
                if (yy < 0) {
                    continue;
                }
                float wk = kernel[k];
                int in = yy * w;
                for (int x = 0; x < w; x++) {
                    data[out + x] += wk * tmp[in + x];
                }
            }
        }
    }

    /** One row: interior taps as whole-row multiply-adds (vectorisable), the r border pixels tap by tap. */
    private static void horizontal(float[] src, int in, float[] dst, int out, int w, float[] kernel, Border border) {
        int r = kernel.length / 2;
        int lo = Math.min(r, w);
        int hi = Math.max(lo, w - r);
        Arrays.fill(dst, out + lo, out + hi, 0f);
        for (int k = 0; k < kernel.length; k++) {
            float wk = kernel[k];
            int shift = in - r + k;
            for (int x = lo; x < hi; x++) {
                dst[out + x] += wk * src[shift + x];
            }
        }
        for (int x = 0; x < w; x++) {
            if (x == lo && hi > lo) {
                x = hi - 1;
                continue;
            }
            float sum = 0;
            for (int k = 0; k < kernel.length; k++) {
                int xx = tap(x - r + k, w, border);
                sum += xx < 0 ? 0 : kernel[k] * src[in + xx];
            }
            dst[out + x] = sum;
        }
    }

    /** The folded index, or -1 for a zero-padded tap. */
    private static int tap(int i, int n, Border border) {
        if (i >= 0 && i < n) {
            return i;
        }
        return border == null ? -1 : border.index(i, n);
    }
}
