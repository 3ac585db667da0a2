package org.xnet.model;

import java.util.Locale;
import org.xnet.core.EnumNames;

/**
 * How a trained network runs for inference: {@link #FOLDED}, one call into the folded inference
 * program ({@link FoldedNetwork}), or {@link #LAYERS}, the training graph layer by layer in inference
 * mode. Both compute the same function (tested against float64); the folded one is faster. A runtime
 * choice like {@link RuntimeOptions}, made for the whole process by the system property
 * {@value #PROPERTY} ({@code folded}, the default, or {@code layers}).
 */
public enum InferenceGraph {
    FOLDED,
    LAYERS;

    /** System property naming the graph prediction uses ({@code -Dxnet.inferenceGraph=layers}). */
    public static final String PROPERTY = "xnet.inferenceGraph";

    /** The graph the system property asks for, {@link #FOLDED} when unset. */
    public static InferenceGraph configured() {
        String value = System.getProperty(PROPERTY, "").strip();
        return value.isEmpty() ? FOLDED : parse(value);
    }

    /** Parses "folded" or "layers" (any case). */
    public static InferenceGraph parse(String name) {
        return EnumNames.parse(values(), InferenceGraph::cliName, name, "inference graph");
    }

    /** "folded" or "layers". */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code net} ready for inference in this graph, computing as {@code options} say; the folded
     * graph refuses options whose FP32 kernels failed the check ({@link FoldedNetwork#unsupported}).
     */
    public ai.djl.nn.Block prepare(SegmentationNet net, RuntimeOptions options) {
        net.setRuntimeOptions(options);
        if (this == LAYERS) {
            return net;
        }
        String unsupported = FoldedNetwork.unsupported(options);
        if (!unsupported.isEmpty()) {
            throw new IllegalStateException("cannot run " + options.describe() + " folded: " + unsupported);
        }
        return FoldedNetwork.of(net, options);
    }
}
