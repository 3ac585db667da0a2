package org.xnet.export;

import static org.xnet.export.OnnxGraph.intAttribute;
import static org.xnet.export.OnnxGraph.intsAttribute;
import static org.xnet.export.OnnxGraph.stringAttribute;

import java.util.List;
import org.xnet.model.FoldedConv;
import org.xnet.model.LayerGraph;
import org.xnet.model.NetworkWiring;
import org.xnet.model.SegmentationNet;

/**
 * Writes a network's layers into an {@link OnnxGraph}, wired as {@link NetworkWiring} wires them:
 * units by their child names, each one Conv with its batch norm folded in ({@link FoldedConv}), then
 * Relu; 2x2 MaxPool; nearest 2x Resize; channel Concat, skip first; the 1x1 head.
 */
final class NetworkGraph implements LayerGraph<String> {
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
        return NetworkWiring.logits(net, new NetworkGraph(graph, net), x);
    }

    /** Conv (batch norm folded in) then Relu; the Relu's output is named after the unit. */
    @Override
    public String unit(String name, String x) {
        String conv = conv(name + "/conv", x, FoldedConv.unit(net, name));
        return graph.node(name, "Relu", List.of(conv));
    }

    @Override
    public String head(String x) {
        return conv("head", x, FoldedConv.head(net));
    }

    private String conv(String name, String x, FoldedConv c) {
        String weight = graph.floats(name + "/weight", c.shape(), c.weight());
        String bias = graph.floats(name + "/bias", new long[] {c.bias().length}, c.bias());
        long kh = c.shape()[2];
        long kw = c.shape()[3];
        return graph.node(name, "Conv", List.of(x, weight, bias), intsAttribute("kernel_shape", kh, kw),
                intsAttribute("pads", kh / 2, kw / 2, kh / 2, kw / 2));
    }

    @Override
    public String pool(String x) {
        return graph.node("pool" + ++pools, "MaxPool", List.of(x), intsAttribute("kernel_shape", 2, 2),
                intsAttribute("strides", 2, 2));
    }

    /** Nearest 2x upsampling: output pixel (y, x) is input pixel (floor(y / 2), floor(x / 2)). */
    @Override
    public String up(String x) {
        return graph.node("up" + ++ups, "Resize", List.of(x, "", upScales), stringAttribute("mode", "nearest"),
                stringAttribute("coordinate_transformation_mode", "asymmetric"),
                stringAttribute("nearest_mode", "floor"));
    }

    @Override
    public String concat(String first, String second) {
        return graph.node("concat" + ++concats, "Concat", List.of(first, second), intAttribute("axis", 1));
    }
}
