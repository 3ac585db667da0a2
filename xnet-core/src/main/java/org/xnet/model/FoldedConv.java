package org.xnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;

/**
 * A convolution with its batch norm folded in, for inference. In inference mode a batch norm
 * computes {@code (y - mean) / sqrt(var + eps) * gamma + beta} per channel of the convolution's
 * output {@code y = W * x + b}, which is the convolution with kernels {@code W * s} and bias
 * {@code (b - mean) * s + beta}, {@code s = gamma / sqrt(var + eps)}. Computed in double and rounded
 * once to float, so it is exact up to that rounding. A kernel shared by two units (XNet's weight
 * sharing) is folded with each unit's batch norm, so it is folded twice.
 *
 * @param shape  kernel shape (out, in, k, k)
 * @param weight kernels, row-major in {@code shape}
 * @param bias   one per output channel
 */
public record FoldedConv(long[] shape, float[] weight, float[] bias) {
    public FoldedConv {
        if (shape.length != 4 || bias.length != shape[0] || weight.length != shape[0] * shape[1] * shape[2] * shape[3]) {
            throw new IllegalArgumentException("kernel shape " + java.util.Arrays.toString(shape) + " does not match "
                    + weight.length + " weights and " + bias.length + " biases");
        }
    }

    /** The unit named {@code name} of {@code net} (c1, down1_a, ...) with its batch norm folded into its convolution. */
    public static FoldedConv unit(SegmentationNet net, String name) {
        UnitLayers layers = UnitLayers.of(NetworkWiring.layer(net, name));
        BatchNorm bn = layers.batchNorm();
        float[] w = array(layers.conv(), "weight").toFloatArray();
        float[] b = array(layers.conv(), "bias").toFloatArray();
        float[] gamma = array(bn, "gamma").toFloatArray();
        float[] beta = array(bn, "beta").toFloatArray();
        float[] mean = array(bn, "runningMean").toFloatArray();
        float[] var = array(bn, "runningVar").toFloatArray();
        int perChannel = w.length / b.length;
        float[] foldedW = new float[w.length];
        float[] foldedB = new float[b.length];
        for (int o = 0; o < b.length; o++) {
            double s = gamma[o] / Math.sqrt((double) var[o] + layers.epsilon());
            for (int i = o * perChannel; i < (o + 1) * perChannel; i++) {
                foldedW[i] = (float) (w[i] * s);
            }
            foldedB[o] = (float) (((double) b[o] - mean[o]) * s + beta[o]);
        }
        return new FoldedConv(array(layers.conv(), "weight").getShape().getShape(), foldedW, foldedB);
    }

    /**
     * This "same"-padded k x k convolution (k odd) applied to a nearest-neighbour 2x upsampled image,
     * rewritten to run on the image itself. Output pixel (2i + a, 2j + b) reads upsampled rows
     * 2i + a + d (d = -k/2 … k/2), which are image rows floor((2i + a + d) / 2) = i + floor((a + d) / 2):
     * each output phase (a, b) is a convolution of the image whose taps are sums of this kernel's taps,
     * with k/2 + 1 taps per side where the original has k (for k = 3, 4 multiply-adds per output pixel
     * instead of 9). The four phase kernels are stacked as output blocks 2a + b, summed in double and
     * rounded once.
     *
     * @return the phase kernels (4·out, in, s, s) with the bias repeated per block, the padding of the
     *         one convolution that computes them all, and for each parity the row (column) where that
     *         phase's values start in its output
     */
    public SubPixel subPixel() {
        int k = (int) shape[2];
        if (shape[3] != k || k % 2 == 0) {
            throw new IllegalArgumentException("sub-pixel rewrite needs an odd square kernel, got "
                    + java.util.Arrays.toString(shape));
        }
        int p = k / 2;
        int[] low = {Math.floorDiv(-p, 2), Math.floorDiv(1 - p, 2)};
        int[] high = {Math.floorDiv(p, 2), Math.floorDiv(1 + p, 2)};
        int size = Math.max(high[0] - low[0], high[1] - low[1]) + 1;
        int out = (int) shape[0];
        int in = (int) shape[1];
        double[] sums = new double[4 * out * in * size * size];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                int block = 2 * a + b;
                for (int ky = 0; ky < k; ky++) {
                    int row = Math.floorDiv(a + ky - p, 2) - low[a];
                    for (int kx = 0; kx < k; kx++) {
                        int col = Math.floorDiv(b + kx - p, 2) - low[b];
                        for (int o = 0; o < out; o++) {
                            for (int i = 0; i < in; i++) {
                                sums[(((block * out + o) * in + i) * size + row) * size + col] +=
                                        weight[((o * in + i) * k + ky) * k + kx];
                            }
                        }
                    }
                }
            }
        }
        float[] w = new float[sums.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) sums[i];
        }
        float[] b = new float[4 * out];
        for (int block = 0; block < 4; block++) {
            System.arraycopy(bias, 0, b, block * out, out);
        }
        int lowest = Math.min(low[0], low[1]);
        return new SubPixel(new FoldedConv(new long[] {4L * out, in, size, size}, w, b),
                Math.max(-lowest, Math.max(high[0], high[1])), low[0] - lowest, low[1] - lowest);
    }

    /**
     * A convolution of an upsampled image as one convolution of the image ({@link #subPixel}).
     *
     * @param phases  the four phase kernels, output blocks 2a + b
     * @param padding zero padding of the image on every side
     * @param shift0  where the even rows' (columns') values start in the convolution's output
     * @param shift1  where the odd rows' (columns') values start
     */
    public record SubPixel(FoldedConv phases, int padding, int shift0, int shift1) {
    }

    /** The network's 1x1 head, which has no batch norm, as it is. */
    public static FoldedConv head(SegmentationNet net) {
        Block head = NetworkWiring.layer(net, "head");
        NDArray w = array(head, "weight");
        return new FoldedConv(w.getShape().getShape(), w.toFloatArray(), array(head, "bias").toFloatArray());
    }

    private static NDArray array(Block block, String parameter) {
        var p = block.getParameters().get(parameter);
        if (p == null || p.getArray() == null) {
            throw new IllegalStateException("no initialised parameter " + parameter + " in " + block);
        }
        return p.getArray();
    }
}
