package org.xnet.model;

/**
 * A 2-D convolution padded by kernel / 2 on every side ("same" for odd kernels, one pixel larger for
 * even ones) with bias and its gradients, loop by loop in double precision:
 * the kernel check's reference, independent of libtorch (and of its float64 path, which logs a
 * warning on every call).
 */
final class NaiveConv {
    private NaiveConv() {
    }

    /**
     * y = conv(x, w) + b, and for the upstream gradient g: dL/dx (null unless the case asks for it),
     * dL/dw and dL/db of L = Σ g·y. Arrays in NCHW order; the batch is {@link KernelCheck#BATCH}.
     */
    static KernelCheck.ConvResult run(KernelCheck.ConvCase c, KernelCheck.ConvInputs in) {
        int n = KernelCheck.BATCH;
        int ci = c.in();
        int co = c.out();
        int k = c.kernel();
        int h = c.height();
        int w = c.width();
        int pad = k / 2;
        int ho = c.outHeight();
        int wo = c.outWidth();
        float[] x = in.x();
        float[] g = in.g();
        double[] y = new double[n * co * ho * wo];
        double[] dx = new double[n * ci * h * w];
        double[] dw = new double[co * ci * k * k];
        double[] db = new double[co];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < co; o++) {
                int out = (b * co + o) * ho * wo;
                for (int p = 0; p < ho * wo; p++) {
                    y[out + p] += in.b()[o];
                    db[o] += g[out + p];
                }
                for (int i = 0; i < ci; i++) {
                    int src = (b * ci + i) * h * w;
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int wi = ((o * ci + i) * k + ky) * k + kx;
                            double wv = in.w()[wi];
                            double dwSum = 0;
                            int dy = ky - pad;
                            int dxShift = kx - pad;
                            for (int row = Math.max(0, -dy); row < Math.min(ho, h - dy); row++) {
                                int yRow = out + row * wo;
                                int xRow = src + (row + dy) * w + dxShift;
                                for (int col = Math.max(0, -dxShift); col < Math.min(wo, w - dxShift); col++) {
                                    double xv = x[xRow + col];
                                    double gv = g[yRow + col];
                                    y[yRow + col] += xv * wv;
                                    dx[xRow + col] += wv * gv;
                                    dwSum += xv * gv;
                                }
                            }
                            dw[wi] += dwSum;
                        }
                    }
                }
            }
        }
        return new KernelCheck.ConvResult(y, c.inputGradient() ? dx : null, dw, db);
    }
}
