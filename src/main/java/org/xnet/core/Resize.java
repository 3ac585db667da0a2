package org.xnet.core;

import java.util.Arrays;

/**
 * Resizing of images and label maps to any size, with arbitrary (non-integer) ratios. Pixel
 * {@code x} covers {@code [x, x+1)}; its centre is {@code x + 0.5}. Borders replicate the edge
 * pixel. Pure JDK, so that io, augment and infer can all use it.
 *
 * <ul>
 *   <li>{@link #area}: the exact area-weighted mean over each output pixel's footprint in the
 *       source (as PIL's box filter; OpenCV's INTER_AREA when shrinking), for images.
 *   <li>{@link #nearest}: the source pixel under each output pixel's centre, for labels (never
 *       invents a class).
 *   <li>{@link #bilinear} and {@link #bicubic}: centre-aligned interpolation (OpenCV/PyTorch
 *       {@code align_corners=false}); bicubic uses Keys' kernel with a = -0.75 as OpenCV does.
 * </ul>
 */
public final class Resize {
    private static final double CUBIC_A = -0.75;

    private Resize() {
    }

    /** Area averaging to {@code width x height}. */
    public static Image2D area(Image2D source, int width, int height) {
        checkSize(width, height);
        return separable(source, ResampleWeights.area(source.width(), width),
                ResampleWeights.area(source.height(), height));
    }

    /** Bilinear interpolation to {@code width x height}. */
    public static Image2D bilinear(Image2D source, int width, int height) {
        checkSize(width, height);
        return separable(source, ResampleWeights.bilinear(source.width(), width),
                ResampleWeights.bilinear(source.height(), height));
    }

    /** Bicubic interpolation (Keys, a = -0.75) to {@code width x height}; may overshoot the input range. */
    public static Image2D bicubic(Image2D source, int width, int height) {
        checkSize(width, height);
        return separable(source, ResampleWeights.cubic(source.width(), width, CUBIC_A),
                ResampleWeights.cubic(source.height(), height, CUBIC_A));
    }

    /** Nearest neighbour (pixel centres) to {@code width x height}. */
    public static LabelMap nearest(LabelMap source, int width, int height) {
        checkSize(width, height);
        int[] xs = nearestIndices(source.width(), width);
        int[] ys = nearestIndices(source.height(), height);
        byte[] in = source.data();
        byte[] out = new byte[width * height];
        for (int y = 0; y < height; y++) {
            int row = ys[y] * source.width();
            for (int x = 0; x < width; x++) {
                out[y * width + x] = in[row + xs[x]];
            }
        }
        return new LabelMap(width, height, out);
    }

    /** Nearest neighbour (pixel centres) for an image. */
    public static Image2D nearest(Image2D source, int width, int height) {
        checkSize(width, height);
        int[] xs = nearestIndices(source.width(), width);
        int[] ys = nearestIndices(source.height(), height);
        float[] in = source.data();
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            int row = ys[y] * source.width();
            for (int x = 0; x < width; x++) {
                out[y * width + x] = in[row + xs[x]];
            }
        }
        return new Image2D(width, height, out);
    }

    /** The source index under the centre of each of {@code to} output pixels. */
    static int[] nearestIndices(int from, int to) {
        int[] out = new int[to];
        for (int i = 0; i < to; i++) {
            out[i] = (int) Math.min(from - 1, Math.floor((i + 0.5) * from / to));
        }
        return out;
    }

    private static Image2D separable(Image2D source, ResampleWeights wx, ResampleWeights wy) {
        int sw = source.width();
        int dw = wx.size();
        int dh = wy.size();
        float[] in = source.data();
        double[] rows = new double[source.height() * dw];
        for (int y = 0; y < source.height(); y++) {
            int base = y * sw;
            for (int x = 0; x < dw; x++) {
                double sum = 0;
                for (int k = wx.start[x]; k < wx.start[x + 1]; k++) {
                    sum += wx.weight[k] * in[base + wx.index[k]];
                }
                rows[y * dw + x] = sum;
            }
        }
        float[] out = new float[dw * dh];
        double[] acc = new double[dw];
        for (int y = 0; y < dh; y++) {
            Arrays.fill(acc, 0);
            for (int k = wy.start[y]; k < wy.start[y + 1]; k++) {
                double w = wy.weight[k];
                int base = wy.index[k] * dw;
                for (int x = 0; x < dw; x++) {
                    acc[x] += w * rows[base + x];
                }
            }
            for (int x = 0; x < dw; x++) {
                out[y * dw + x] = (float) acc[x];
            }
        }
        return new Image2D(dw, dh, out);
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
    }
}
