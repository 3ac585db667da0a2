package org.xnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.util.PairList;

/**
 * A segmentation network as a DJL block: NCHW images of any height and width in, per-pixel class
 * <b>logits</b> (N, classes, H, W) out. Inputs are reflect-padded to a multiple of
 * {@code 2^poolings} and the output is cropped back, so callers never see the padding.
 *
 * <p>Logits, not probabilities, by design: the losses need them (a numerically stable log-softmax).
 * Per-pixel class probabilities, summing to 1 over the classes, come from
 * {@link Networks#probabilities(Block, NDArray)} or a block wrapped with {@link Networks#withSoftmax(Block)}.
 */
public abstract class SegmentationNet extends AbstractBlock {
    private static final byte VERSION = 1;

    private final ModelSpec spec;
    private volatile RuntimeOptions options = RuntimeOptions.FP32_NCHW;

    protected SegmentationNet(ModelSpec spec) {
        super(VERSION);
        this.spec = spec;
    }

    /** The spec this network was built from. */
    public ModelSpec spec() {
        return spec;
    }

    /** The arithmetic of this network (see {@link #setRuntimeOptions(RuntimeOptions)}); FP32 NCHW until set. */
    public RuntimeOptions runtimeOptions() {
        return options;
    }

    /**
     * Runs every convolution in the options' precision (batch norms, ReLU, pooling, the parameters
     * and the logits stay FP32, so training keeps FP32 master weights and optimizer state) and stores
     * activations in their layout from the input on. Values, shapes and gradients do not depend on
     * the layout (tested); use {@link Kernels#resolve} to get options that are correct on this machine.
     */
    public void setRuntimeOptions(RuntimeOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    @Override
    protected final NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                           PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != spec.inputChannels()) {
            throw new IllegalArgumentException("expected images shaped (N, " + spec.inputChannels()
                    + ", H, W), got " + s);
        }
        Kernels.ensureRepaired();
        NDArray padded = Ops.reflectPad(x, spec.architecture().sizeMultiple());
        if (options.layout() == MemoryLayout.CHANNELS_LAST) {
            padded = Ops.channelsLast(padded);
        }
        NDArray logits = forwardPadded(store, padded, training);
        return new NDList(Ops.crop(logits, s.get(2), s.get(3)));
    }

    /** The network on an input whose height and width are multiples of {@code 2^poolings}. */
    protected abstract NDArray forwardPadded(ParameterStore store, NDArray x, boolean training);

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), spec.classes(), s.get(2), s.get(3))};
    }

    @Override
    protected final void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        int m = spec.architecture().sizeMultiple();
        initializeLayers(new Init(manager, dataType),
                new Shape(s.get(0), s.get(1), Ops.roundUp(s.get(2), m), Ops.roundUp(s.get(3), m)));
    }

    /** Initialises every child in forward order, propagating shapes as {@link #forwardPadded} does. */
    protected abstract void initializeLayers(Init init, Shape padded);

    /** Runs a child on one array, its convolutions (units and bare ones such as the head) in this network's precision. */
    protected NDArray apply(Block block, ParameterStore store, NDArray x, boolean training) {
        if (block instanceof ConvUnit unit) {
            return unit.forward(store, x, training, options.precision());
        }
        if (block instanceof Conv2d conv) {
            return ConvUnit.convolve(conv, options.precision(), store, x, training);
        }
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    /** Initialises children one by one and returns each one's output shape. */
    protected record Init(NDManager manager, DataType dataType) {
        /** Initialises {@code block} for input shape {@code in} and returns its output shape. */
        public Shape apply(Block block, Shape in) {
            block.initialize(manager, dataType, in);
            return block.getOutputShapes(new Shape[] {in})[0];
        }
    }
}
