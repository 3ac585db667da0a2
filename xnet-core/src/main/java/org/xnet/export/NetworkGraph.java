package org.xnet.export;

import static org.xnet.export.OnnxGraph.intAttribute;
import static org.xnet.export.OnnxGraph.intsAttribute;
import static org.xnet.export.OnnxGraph.stringAttribute;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;
import org.xnet.model.SegmentationNet;
import org.xnet.model.UnitLayers;

/**
 * Writes a network's layers into an {@link OnnxGraph}, wired as the network's {@code forwardPadded}
 * wires them (XNetBlock, UNetBlock, SegNetBlock; the parity tests hold the two together): units by
 * their child names, each one Conv with its batch norm folded in, then Relu; 2x2 MaxPool; nearest 2x
 * Resize; channel Concat, skip first; the 1x1 head.
 *
 * <p>Folding: in inference mode a batch norm computes {@code (y - mean) / sqrt(var + eps) * gamma + beta}
 * per channel of the convolution's output {@code y = W * x + b}, which is the convolution with
 * kernels {@code W * s} and bias {@code (b - mean) * s + beta}, {@code s = gamma / sqrt(var + eps)}.
 * Computed in double and rounded once to float, so it is exact up to that rounding. A kernel shared
 * by two units (XNet's weight sharing) is folded with each unit's batch norm, so it appears twice.
 */
final class NetworkGraph {
    private static final int UNET_LEVELS = 5;

    private final OnnxGraph graph;
    private final SegmentationNet net;
    private final String upScales;
    private int pools;
    private int ups;
    private int concats;

    private NetworkGraph(OnnxGraph graph, SegmentationNet net) {
        this.graph = graph;
        this.net = net;
        this.upScales = graph.floats("upsample_scales", new long[] {4}, new float[] {1, 1, 2, 2});
    }

    /** Adds the layers of {@code net} applied to tensor {@code x} (padded to the size multiple); returns the logits. */
    static String logits(OnnxGraph graph, SegmentationNet net, String x) {
        NetworkGraph g = new NetworkGraph(graph, net);
        return switch (net.spec().architecture()) {
            case XNET -> g.xnet(x);
            case UNET -> g.unet(x);
            case SEGNET -> g.segnet(x);
        };
    }

    private String xnet(String x) {
        String x1 = unit("c1", x);
        String x2 = unit("c2", pool(x1));
        String x3 = unit("c3", pool(x2));
        String y = unit("c5", unit("c4", pool(x3)));
        y = concat(x3, unit("c6", up(y)));
        y = concat(x2, unit("c7", up(y)));
        String x8 = unit("c8", y);
        String x9 = unit("c9", pool(x8));
        y = unit("c11", unit("c10", pool(x9)));
        y = concat(x9, unit("c12", up(y)));
        y = concat(x8, unit("c13", up(y)));
        y = concat(x1, unit("c14", up(y)));
        return head(y);
    }

    private String unet(String x) {
        String[] skips = new String[UNET_LEVELS - 1];
        String y = x;
        for (int i = 0; i < UNET_LEVELS; i++) {
            String level = "down" + (i + 1);
            y = unit(level + "_b", unit(level + "_a", i == 0 ? y : pool(y)));
            if (i < UNET_LEVELS - 1) {
                skips[i] = y;
            }
        }
        for (int i = UNET_LEVELS - 2; i >= 0; i--) {
            String level = "up" + (i + 1);
            y = concat(skips[i], unit(level + "_conv", up(y)));
            y = unit(level + "_b", unit(level + "_a", y));
        }
        return head(y);
    }

    private String segnet(String x) {
        String y = unit("c1", x);
        y = unit("c2", pool(y));
        y = unit("c3", pool(y));
        y = unit("c5", unit("c4", pool(y)));
        y = unit("c6", up(y));
        y = unit("c7", up(y));
        y = unit("c8", up(y));
        return head(y);
    }

    /** Conv (batch norm folded in) then Relu; the Relu's output is named after the unit. */
    private String unit(String name, String x) {
        UnitLayers layers = UnitLayers.of(child(name));
        Block bn = layers.batchNorm();
        float[] w = array(layers.conv(), "weight").toFloatArray();
        float[] b = array(layers.conv(), "bias").toFloatArray();
        float[] gamma = array(bn, "gamma").toFloatArray();
        float[] beta = array(bn, "beta").toFloatArray();
        float[] mean = array(bn, "runningMean").toFloatArray();
        float[] var = array(bn, "runningVar").toFloatArray();
        int outChannels = b.length;
        int perChannel = w.length / outChannels;
        float[] foldedW = new float[w.length];
        float[] foldedB = new float[outChannels];
        for (int o = 0; o < outChannels; o++) {
            double s = gamma[o] / Math.sqrt((double) var[o] + layers.epsilon());
            for (int i = o * perChannel; i < (o + 1) * perChannel; i++) {
                foldedW[i] = (float) (w[i] * s);
            }
            foldedB[o] = (float) (((double) b[o] - mean[o]) * s + beta[o]);
        }
        long[] shape = array(layers.conv(), "weight").getShape().getShape();
        String conv = conv(name + "/conv", x, shape, foldedW, foldedB);
        return graph.node(name, "Relu", List.of(conv));
    }

    private String head(String x) {
        Block head = child("head");
        NDArray w = array(head, "weight");
        return conv("head", x, w.getShape().getShape(), w.toFloatArray(), array(head, "bias").toFloatArray());
    }

    private String conv(String name, String x, long[] shape, float[] w, float[] b) {
        String weight = graph.floats(name + "/weight", shape, w);
        String bias = graph.floats(name + "/bias", new long[] {b.length}, b);
        long kh = shape[2];
        long kw = shape[3];
        return graph.node(name, "Conv", List.of(x, weight, bias), intsAttribute("kernel_shape", kh, kw),
                intsAttribute("pads", kh / 2, kw / 2, kh / 2, kw / 2));
    }

    private String pool(String x) {
        return graph.node("pool" + ++pools, "MaxPool", List.of(x), intsAttribute("kernel_shape", 2, 2),
                intsAttribute("strides", 2, 2));
    }

    /** Nearest 2x upsampling: output pixel (y, x) is input pixel (floor(y / 2), floor(x / 2)). */
    private String up(String x) {
        return graph.node("up" + ++ups, "Resize", List.of(x, "", upScales), stringAttribute("mode", "nearest"),
                stringAttribute("coordinate_transformation_mode", "asymmetric"),
                stringAttribute("nearest_mode", "floor"));
    }

    private String concat(String first, String second) {
        return graph.node("concat" + ++concats, "Concat", List.of(first, second), intAttribute("axis", 1));
    }

    /** The child named {@code name} by the network's builder (DJL prefixes it with its position, "01c1"). */
    private Block child(String name) {
        for (var child : net.getChildren()) {
            if (child.getKey().replaceFirst("^\\d+", "").equals(name)) {
                return child.getValue();
            }
        }
        throw new IllegalStateException(net.spec().architecture().cliName() + " has no layer " + name);
    }

    private static NDArray array(Block block, String parameter) {
        var p = block.getParameters().get(parameter);
        if (p == null || p.getArray() == null) {
            throw new IllegalStateException("no initialised parameter " + parameter + " in " + block);
        }
        return p.getArray();
    }
}
