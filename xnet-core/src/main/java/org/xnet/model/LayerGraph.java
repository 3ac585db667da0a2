package org.xnet.model;

/**
 * The operations a network's inference graph is made of, for code that rewrites a trained network
 * into another form (an ONNX graph, the folded inference program): {@link NetworkWiring} calls them
 * in forward order, each on the value an earlier call returned. {@code T} names a value in the
 * target form (a tensor name, a register).
 */
public interface LayerGraph<T> {
    /** The Conv → BatchNorm → ReLU unit named {@code name} (c1, down1_a, ...) applied to {@code x}. */
    T unit(String name, T x);

    /** 2x2 max pooling, stride 2. */
    T pool(T x);

    /** Nearest-neighbour 2x upsampling. */
    T up(T x);

    /** Channel concatenation, {@code skip} first. */
    T concat(T skip, T x);

    /** The 1x1 convolution to the class logits (no batch norm, no ReLU). */
    T head(T x);
}
