package org.xnet.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.xnet.core.InvalidSetting;

/**
 * A per-layer description of a network for a square input: each top-level layer's name, output
 * shape and trainable parameter count, and the network's trainable total.
 *
 * @param inputShape the input (1, channels, size, size)
 * @param paddedShape the shape the network actually runs on (input reflect-padded to a multiple of 2^poolings)
 */
public record ModelSummary(ModelSpec spec, Shape inputShape, Shape paddedShape, List<Row> rows, long total) {
    /** One layer: name, output shape, own trainable parameters, and a note (e.g. shared kernels). */
    public record Row(String name, Shape outputShape, long parameters, String note) {
    }

    public ModelSummary {
        rows = List.copyOf(rows);
    }

    /** Builds the network of {@code spec} (untrained) for a {@code size x size} input and describes it. */
    public static ModelSummary of(ModelSpec spec, int size) {
        if (size < 1) {
            throw new InvalidSetting("size", "must be positive, got " + size);
        }
        Shape input = new Shape(1, spec.inputChannels(), size, size);
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.build(spec);
            net.initialize(manager, DataType.FLOAT32, input);
            List<Row> rows = new ArrayList<>();
            Shape padded = null;
            for (Pair<String, Block> child : net.getChildren()) {
                Block block = child.getValue();
                if (padded == null) {
                    padded = block.getInputShapes()[0];
                }
                String note = block instanceof ConvUnit unit && unit.sharesKernel() ? "kernel shared" : "";
                rows.add(new Row(displayName(child.getKey()), block.getOutputShapes(block.getInputShapes())[0],
                        Networks.trainableParameterCount(block), note));
            }
            return new ModelSummary(spec, input, padded, rows, Networks.trainableParameterCount(net));
        }
    }

    /** DJL prefixes child names with their position ("03c3"): show "c3". */
    private static String displayName(String key) {
        return key.replaceFirst("^\\d+", "");
    }
}
