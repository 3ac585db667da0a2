package org.xnet.augment;

import java.util.SplittableRandom;

/**
 * Straightforward per-pixel implementations of the augmentation maths, the reference twins of the
 * fast code: each warp step is applied on its own, kernels are evaluated tap by tap in double.
 */
final class NaiveAugment {
    private NaiveAugment() {
    }

    /** The source point of output pixel (u, v): undo the crop, then the affine, then the flips. */
    static double[] sourcePoint(WarpParams p, int w, int h, double u, double v) {
        double qx = p.cropOffsetX() * p.cropX() * w - 0.5 + (u + 0.5) * (1 - p.cropX());
        double qy = p.cropOffsetY() * p.cropY() * h - 0.5 + (v + 0.5) * (1 - p.cropY());
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double x = qx - cx - p.translateX() * w;
        double y = qy - cy - p.translateY() * h;
        double a = Math.toRadians(p.rotateDegrees());
        double xr = Math.cos(a) * x + Math.sin(a) * y;
        double yr = -Math.sin(a) * x + Math.cos(a) * y;
        double xs = xr - Math.tan(Math.toRadians(p.shearDegrees())) * yr;
        double rx = xs + cx;
        double ry = yr + cy;
        if (p.flipHorizontal()) {
            rx = (w - 1) - rx;
        }
        if (p.flipVertical()) {
            ry = (h - 1) - ry;
        }
        return new double[] {rx, ry};
    }

    /** The warped image; {@code dx}/{@code dy} may be null. */
    static float[] warpImage(float[] src, int w, int h, WarpParams p, Interpolation interp, float[] dx, float[] dy) {
        float[] out = new float[w * h];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int i = v * w + u;
                double eu = dx == null ? u : u + dx[i];
                double ev = dy == null ? v : v + dy[i];
                double[] s = sourcePoint(p, w, h, eu, ev);
                out[i] = (float) sample(src, w, h, s[0], s[1], interp);
            }
        }
        return out;
    }

    /** The warped label (nearest neighbour, halves round up). */
    static byte[] warpLabel(byte[] src, int w, int h, WarpParams p) {
        byte[] out = new byte[w * h];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                double[] s = sourcePoint(p, w, h, u, v);
                int x = Border.REFLECT.index((int) Math.floor(s[0] + 0.5), w);
                int y = Border.REFLECT.index((int) Math.floor(s[1] + 0.5), h);
                out[v * w + u] = src[y * w + x];
            }
        }
        return out;
    }

    static double sample(float[] src, int w, int h, double x, double y, Interpolation interp) {
        if (interp == Interpolation.NEAREST) {
            int xi = Border.REFLECT.index((int) Math.floor(x + 0.5), w);
            int yi = Border.REFLECT.index((int) Math.floor(y + 0.5), h);
            return src[yi * w + xi];
        }
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int lo = interp == Interpolation.BILINEAR ? 0 : -1;
        int hi = interp == Interpolation.BILINEAR ? 1 : 2;
        double sum = 0;
        for (int j = lo; j <= hi; j++) {
            for (int i = lo; i <= hi; i++) {
                double wx = weight(x - (x0 + i), interp);
                double wy = weight(y - (y0 + j), interp);
                int xi = Border.REFLECT.index(x0 + i, w);
                int yi = Border.REFLECT.index(y0 + j, h);
                sum += wx * wy * src[yi * w + xi];
            }
        }
        return sum;
    }

    private static double weight(double t, Interpolation interp) {
        return interp == Interpolation.BILINEAR ? Math.max(0, 1 - Math.abs(t)) : Interpolation.cubic(t);
    }

    /** The Gaussian weights of scipy's gaussian_filter (radius (int)(4 sigma + 0.5)), normalised. */
    static double[] gaussian(double sigma) {
        int r = (int) (4 * sigma + 0.5);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = r == 0 ? 1 : Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** 2-D Gaussian filter summed tap by tap; a null border pads with zeros. */
    static float[] blur(float[] src, int w, int h, double sigma, Border border) {
        double[] k = gaussian(sigma);
        int r = k.length / 2;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                for (int j = -r; j <= r; j++) {
                    for (int i = -r; i <= r; i++) {
                        int xx = x + i;
                        int yy = y + j;
                        boolean inside = xx >= 0 && xx < w && yy >= 0 && yy < h;
                        if (!inside && border == null) {
                            continue;
                        }
                        xx = inside ? xx : border.index(xx, w);
                        yy = inside ? yy : border.index(yy, h);
                        sum += k[i + r] * k[j + r] * src[yy * w + xx];
                    }
                }
                out[y * w + x] = (float) sum;
            }
        }
        return out;
    }

    /** The elastic displacement field {dx, dy}: uniform draws, zero-padded Gaussian, times alpha. */
    static float[][] elasticField(int w, int h, double alpha, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] raw = new float[2][w * h];
        for (float[] field : raw) {
            for (int i = 0; i < field.length; i++) {
                field[i] = (float) (2 * random.nextDouble() - 1);
            }
        }
        float[][] out = new float[2][];
        for (int f = 0; f < 2; f++) {
            float[] smooth = blur(raw[f], w, h, sigma, null);
            for (int i = 0; i < smooth.length; i++) {
                smooth[i] = (float) (smooth[i] * alpha);
            }
            out[f] = smooth;
        }
        return out;
    }
}
