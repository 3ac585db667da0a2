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

    /**
     * Rows {@code y0} (inclusive) to {@code y1} (exclusive) of {@link #bilinear}{@code (source, width,
     * height)}, the same values, without computing the other rows: a large result can be made a band
     * of rows at a time.
     */
    public static Image2D bilinearRows(Image2D source, int width, int height, int y0, int y1) {
        checkSize(width, height);
        if (y0 < 0 || y1 > height || y0 >= y1) {
            throw new IllegalArgumentException("rows " + y0 + " to " + y1 + " are not a band of " + height + " rows");
        }
        return separable(source, ResampleWeights.bilinear(source.width(), width),
                ResampleWeights.bilinear(source.height(), height), y0, y1);
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
        return separable(source, wx, wy, 0, wy.size());
    }

    /**
     * Output rows {@code y0} to {@code y1} of the separable resampling: each source row they need is
     * first resampled horizontally (in double), then the rows are combined vertically.
     */
    private static Image2D separable(Image2D source, ResampleWeights wx, ResampleWeights wy, int y0, int y1) {
        int sw = source.width();
        int dw = wx.size();
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (int k = wy.start[y0]; k < wy.start[y1]; k++) {
            first = Math.min(first, wy.index[k]);
            last = Math.max(last, wy.index[k]);
        }
        float[] in = source.data();
        double[] rows = new double[(last - first + 1) * dw];
        for (int y = first; y <= last; y++) {
            int base = y * sw;
            for (int x = 0; x < dw; x++) {
                double sum = 0;
                for (int k = wx.start[x]; k < wx.start[x + 1]; k++) {
                    sum += wx.weight[k] * in[base + wx.index[k]];
                }
                rows[(y - first) * dw + x] = sum;
            }
        }
        float[] out = new float[dw * (y1 - y0)];
        double[] acc = new double[dw];
        for (int y = y0; y < y1; y++) {
            Arrays.fill(acc, 0);
            for (int k = wy.start[y]; k < wy.start[y + 1]; k++) {
                double w = wy.weight[k];
                int base = (wy.index[k] - first) * dw;
                for (int x = 0; x < dw; x++) {
                    acc[x] += w * rows[base + x];
                }
            }
            for (int x = 0; x < dw; x++) {
                out[(y - y0) * dw + x] = (float) acc[x];
            }
        }
        return new Image2D(dw, y1 - y0, out);
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
    }
}
