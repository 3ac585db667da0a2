package org.xnet.model;

import ai.djl.nn.Block;

/**
 * How each architecture wires its layers, written once for the code that rewrites a trained network
 * ({@link LayerGraph}): the same order and skips as the blocks' {@code forwardPadded} (XNetBlock,
 * UNetBlock, SegNetBlock; the ONNX parity tests and the folded-program tests hold them together).
 */
public final class NetworkWiring {
    private static final int UNET_LEVELS = 5;

    private NetworkWiring() {
    }

    /** The logits of {@code net} on value {@code x} (padded to the size multiple), built in {@code g}. */
    public static <T> T logits(SegmentationNet net, LayerGraph<T> g, T x) {
        return switch (net.spec().architecture()) {
            case XNET -> xnet(g, x);
            case UNET -> unet(g, x);
            case SEGNET -> segnet(g, x);
        };
    }

    private static <T> T xnet(LayerGraph<T> g, T x) {
        T x1 = g.unit("c1", x);
        T x2 = g.unit("c2", g.pool(x1));
        T x3 = g.unit("c3", g.pool(x2));
        T y = g.unit("c5", g.unit("c4", g.pool(x3)));
        y = g.concat(x3, g.unit("c6", g.up(y)));
        y = g.concat(x2, g.unit("c7", g.up(y)));
        T x8 = g.unit("c8", y);
        T x9 = g.unit("c9", g.pool(x8));
        y = g.unit("c11", g.unit("c10", g.pool(x9)));
        y = g.concat(x9, g.unit("c12", g.up(y)));
        y = g.concat(x8, g.unit("c13", g.up(y)));
        y = g.concat(x1, g.unit("c14", g.up(y)));
        return g.head(y);
    }

    private static <T> T unet(LayerGraph<T> g, T x) {
        java.util.List<T> skips = new java.util.ArrayList<>();
        T y = x;
        for (int i = 0; i < UNET_LEVELS; i++) {
            String level = "down" + (i + 1);
            y = g.unit(level + "_b", g.unit(level + "_a", i == 0 ? y : g.pool(y)));
            skips.add(y);
        }
        for (int i = UNET_LEVELS - 2; i >= 0; i--) {
            String level = "up" + (i + 1);
            y = g.concat(skips.get(i), g.unit(level + "_conv", g.up(y)));
            y = g.unit(level + "_b", g.unit(level + "_a", y));
        }
        return g.head(y);
    }

    private static <T> T segnet(LayerGraph<T> g, T x) {
        T y = g.unit("c1", x);
        y = g.unit("c2", g.pool(y));
        y = g.unit("c3", g.pool(y));
        y = g.unit("c5", g.unit("c4", g.pool(y)));
        y = g.unit("c6", g.up(y));
        y = g.unit("c7", g.up(y));
        y = g.unit("c8", g.up(y));
        return g.head(y);
    }

    /** The child named {@code name} by the network's builder (DJL prefixes it with its position, "01c1"). */
    public static Block layer(SegmentationNet net, String name) {
        for (var child : net.getChildren()) {
            if (child.getKey().replaceFirst("^\\d+", "").equals(name)) {
                return child.getValue();
            }
        }
        throw new IllegalStateException(net.spec().architecture().cliName() + " has no layer " + name);
    }
}
