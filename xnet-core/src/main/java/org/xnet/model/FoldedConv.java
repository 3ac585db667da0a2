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
