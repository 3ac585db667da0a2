package org.xnet.augment;

import java.util.Objects;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;

/**
 * Applies a {@link WarpParams} to an image and its label in one inverse-mapped pass: every output
 * pixel looks up its source point through one composed matrix (flips, affine and crop together), so
 * the image is interpolated once instead of three times. The label is sampled with nearest neighbour
 * (rounding half up), so no class appears that was not there. Out-of-image taps use {@link Border#REFLECT}.
 * An optional displacement field (elastic deformation) moves the image's sampling points only.
 */
public final class Warp {
    private static final Border BORDER = Border.REFLECT;

    private Warp() {
    }

    /** The warped sample; the image is sampled with {@code interpolation}, the label with nearest. */
    public static Sample apply(Sample sample, WarpParams params, Interpolation interpolation) {
        return apply(sample, params, interpolation, null, null);
    }

    /**
     * As {@link #apply(Sample, WarpParams, Interpolation)}, with the image sampled at
     * {@code (u + dx, v + dy)} before the warp (row-major displacement fields, output size).
     */
    public static Sample apply(Sample sample, WarpParams params, Interpolation interpolation, float[] dx, float[] dy) {
        int w = sample.image().width();
        int h = sample.image().height();
        float[] img = new float[w * h];
        byte[] lab = new byte[w * h];
        warpInto(sample.image().data(), sample.label().data(), w, h, params.sourceMatrix(w, h), interpolation,
                dx, dy, img, 0, lab, 0);
        return new Sample(new Image2D(w, h, img), new LabelMap(w, h, lab), sample.bodyPart(), sample.source());
    }

    /**
     * The warp on raw arrays: writes {@code w*h} pixels to {@code outImage[outOffset..]} and
     * {@code outLabel[labelOffset..]}. {@code dx}/{@code dy} may both be null (no displacement).
     */
    static void warpInto(float[] src, byte[] srcLabel, int w, int h, double[] m, Interpolation interpolation,
                         float[] dx, float[] dy, float[] outImage, int outOffset, byte[] outLabel, int labelOffset) {
        if ((dx == null) != (dy == null)) {
            throw new IllegalArgumentException("give both displacement fields or neither");
        }
        if (dx != null && (dx.length != w * h || dy.length != w * h)) {
            throw new IllegalArgumentException("displacement fields have " + dx.length + " and " + dy.length
                    + " values, expected " + w * h);
        }
        Objects.requireNonNull(interpolation, "interpolation");
        double m00 = m[0], m01 = m[1], m02 = m[2], m10 = m[3], m11 = m[4], m12 = m[5];
        int i = 0;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++, i++) {
                double lx = m00 * u + m01 * v + m02;
                double ly = m10 * u + m11 * v + m12;
                outLabel[labelOffset + i] = srcLabel[nearest(ly, h) * w + nearest(lx, w)];
                double sx = lx;
                double sy = ly;
                if (dx != null) {
                    double eu = u + dx[i];
                    double ev = v + dy[i];
                    sx = m00 * eu + m01 * ev + m02;
                    sy = m10 * eu + m11 * ev + m12;
                }
                outImage[outOffset + i] = switch (interpolation) {
                    case NEAREST -> src[nearest(sy, h) * w + nearest(sx, w)];
                    case BILINEAR -> bilinear(src, w, h, sx, sy);
                    case BICUBIC -> bicubic(src, w, h, sx, sy);
                };
            }
        }
    }

    /** The reflected index of the pixel nearest to {@code x} (halves round up). */
    static int nearest(double x, int n) {
        return BORDER.index((int) Math.floor(x + 0.5), n);
    }

    private static float bilinear(float[] src, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        int r0, r1, c0, c1;
        if (x0 >= 0 && x0 + 1 < w && y0 >= 0 && y0 + 1 < h) {
            c0 = x0;
            c1 = x0 + 1;
            r0 = y0 * w;
            r1 = r0 + w;
        } else {
            c0 = BORDER.index(x0, w);
            c1 = BORDER.index(x0 + 1, w);
            r0 = BORDER.index(y0, h) * w;
            r1 = BORDER.index(y0 + 1, h) * w;
        }
        float top = src[r0 + c0] + fx * (src[r0 + c1] - src[r0 + c0]);
        float bottom = src[r1 + c0] + fx * (src[r1 + c1] - src[r1 + c0]);
        return top + fy * (bottom - top);
    }

    private static float bicubic(float[] src, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        float wx0 = cubicOuter(1 + fx), wx1 = cubicInner(fx), wx2 = cubicInner(1 - fx), wx3 = cubicOuter(2 - fx);
        float wy0 = cubicOuter(1 + fy), wy1 = cubicInner(fy), wy2 = cubicInner(1 - fy), wy3 = cubicOuter(2 - fy);
        if (x0 >= 1 && x0 + 2 < w && y0 >= 1 && y0 + 2 < h) {
            int p = (y0 - 1) * w + x0 - 1;
            float r0 = wx0 * src[p] + wx1 * src[p + 1] + wx2 * src[p + 2] + wx3 * src[p + 3];
            p += w;
            float r1 = wx0 * src[p] + wx1 * src[p + 1] + wx2 * src[p + 2] + wx3 * src[p + 3];
            p += w;
            float r2 = wx0 * src[p] + wx1 * src[p + 1] + wx2 * src[p + 2] + wx3 * src[p + 3];
            p += w;
            float r3 = wx0 * src[p] + wx1 * src[p + 1] + wx2 * src[p + 2] + wx3 * src[p + 3];
            return wy0 * r0 + wy1 * r1 + wy2 * r2 + wy3 * r3;
        }
        int c0 = BORDER.index(x0 - 1, w), c1 = BORDER.index(x0, w);
        int c2 = BORDER.index(x0 + 1, w), c3 = BORDER.index(x0 + 2, w);
        float sum = 0;
        for (int j = 0; j < 4; j++) {
            int row = BORDER.index(y0 - 1 + j, h) * w;
            float wy = j == 0 ? wy0 : j == 1 ? wy1 : j == 2 ? wy2 : wy3;
            sum += wy * (wx0 * src[row + c0] + wx1 * src[row + c1] + wx2 * src[row + c2] + wx3 * src[row + c3]);
        }
        return sum;
    }

    /** Keys kernel for |t| <= 1 (a = -0.75). */
    private static float cubicInner(float t) {
        return (1.25f * t - 2.25f) * t * t + 1;
    }

    /** Keys kernel for 1 <= |t| < 2 (a = -0.75). */
    private static float cubicOuter(float t) {
        return ((-0.75f * t + 3.75f) * t - 6f) * t + 3f;
    }
}
