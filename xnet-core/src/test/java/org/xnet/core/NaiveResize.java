package org.xnet.core;

/** Slow, direct per-output-pixel resizing: the reference the fast separable {@link Resize} must match. */
final class NaiveResize {
    private NaiveResize() {
    }

    /** Integrates the source over each output pixel's rectangle, pixel by pixel. */
    static Image2D area(Image2D in, int w, int h) {
        double sx = (double) in.width() / w;
        double sy = (double) in.height() / h;
        Image2D out = new Image2D(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double x0 = x * sx;
                double x1 = (x + 1) * sx;
                double y0 = y * sy;
                double y1 = (y + 1) * sy;
                double sum = 0;
                for (int j = 0; j < in.height(); j++) {
                    for (int i = 0; i < in.width(); i++) {
                        double ox = Math.max(0, Math.min(x1, i + 1) - Math.max(x0, i));
                        double oy = Math.max(0, Math.min(y1, j + 1) - Math.max(y0, j));
                        sum += ox * oy * in.get(i, j);
                    }
                }
                out.set(x, y, (float) (sum / ((x1 - x0) * (y1 - y0))));
            }
        }
        return out;
    }

    static Image2D bilinear(Image2D in, int w, int h) {
        Image2D out = new Image2D(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double px = clamp((x + 0.5) * in.width() / w - 0.5, 0, in.width() - 1);
                double py = clamp((y + 0.5) * in.height() / h - 0.5, 0, in.height() - 1);
                int x0 = (int) px;
                int y0 = (int) py;
                int x1 = Math.min(x0 + 1, in.width() - 1);
                int y1 = Math.min(y0 + 1, in.height() - 1);
                double fx = px - x0;
                double fy = py - y0;
                double top = in.get(x0, y0) * (1 - fx) + in.get(x1, y0) * fx;
                double bottom = in.get(x0, y1) * (1 - fx) + in.get(x1, y1) * fx;
                out.set(x, y, (float) (top * (1 - fy) + bottom * fy));
            }
        }
        return out;
    }

    static Image2D bicubic(Image2D in, int w, int h) {
        Image2D out = new Image2D(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double px = (x + 0.5) * in.width() / w - 0.5;
                double py = (y + 0.5) * in.height() / h - 0.5;
                int ix = (int) Math.floor(px);
                int iy = (int) Math.floor(py);
                double sum = 0;
                for (int j = iy - 1; j <= iy + 2; j++) {
                    for (int i = ix - 1; i <= ix + 2; i++) {
                        double v = in.get((int) clamp(i, 0, in.width() - 1), (int) clamp(j, 0, in.height() - 1));
                        sum += v * kernel(px - i) * kernel(py - j);
                    }
                }
                out.set(x, y, (float) sum);
            }
        }
        return out;
    }

    static LabelMap nearest(LabelMap in, int w, int h) {
        LabelMap out = new LabelMap(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = (int) (((2L * x + 1) * in.width()) / (2L * w));
                int sy = (int) (((2L * y + 1) * in.height()) / (2L * h));
                out.set(x, y, in.get(sx, sy));
            }
        }
        return out;
    }

    /** Keys' kernel, a = -0.75, written out term by term. */
    private static double kernel(double t) {
        double a = -0.75;
        double x = Math.abs(t);
        if (x <= 1) {
            return (a + 2) * x * x * x - (a + 3) * x * x + 1;
        }
        if (x < 2) {
            return a * x * x * x - 5 * a * x * x + 8 * a * x - 4 * a;
        }
        return 0;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
