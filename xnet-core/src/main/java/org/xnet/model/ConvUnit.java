package org.xnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Conv2d ("same" padding, with bias) → BatchNorm → ReLU, the unit every network is built from.
 *
 * <p>BatchNorm uses Keras' momentum 0.99 and epsilon 1e-3. DJL's momentum is the weight of the old
 * running average; the PyTorch engine passes {@code 1 - momentum} to libtorch (whose momentum is the
 * weight of the new batch), so the running mean and variance follow Keras:
 * {@code running = 0.99 * running + 0.01 * batch}.
 *
 * <p>A unit made by {@link #sharingKernelOf(ConvUnit)} calls another unit's convolution (one set of
 * kernels and biases, used twice) and has only its own batch norm as a child, so shared parameters
 * are listed, counted, saved and updated once.
 */
final class ConvUnit extends AbstractBlock {
    static final float BN_MOMENTUM = 0.99f;
    static final float BN_EPSILON = 1e-3f;

    private final Conv2d conv;
    private final BatchNorm bn;
    private final boolean ownsConv;

    ConvUnit(int filters, int kernelSize) {
        this.conv = addChildBlock("conv", convolution(filters, kernelSize));
        this.bn = addChildBlock("bn", BatchNorm.builder().optMomentum(BN_MOMENTUM).optEpsilon(BN_EPSILON).build());
        this.ownsConv = true;
    }

    private ConvUnit(Conv2d shared) {
        this.conv = shared;
        this.bn = addChildBlock("bn", BatchNorm.builder().optMomentum(BN_MOMENTUM).optEpsilon(BN_EPSILON).build());
        this.ownsConv = false;
    }

    /** A unit that reuses {@code first}'s convolution kernels and biases with a batch norm of its own. */
    static ConvUnit sharingKernelOf(ConvUnit first) {
        return new ConvUnit(first.conv);
    }

    /** A square convolution with "same" padding (odd kernel sizes) and a bias. */
    static Conv2d convolution(int filters, int kernelSize) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernelSize, kernelSize))
                .optPadding(new Shape(kernelSize / 2, kernelSize / 2))
                .optBias(true)
                .build();
    }

    /** The convolution this unit applies (shared or its own). */
    Conv2d conv() {
        return conv;
    }

    /** {@code conv} on one array in the given precision. */
    static NDArray convolve(Conv2d conv, Precision precision, ParameterStore store, NDArray x, boolean training) {
        return precision == Precision.BF16 ? Bf16Conv.convolve(conv, store, x, training)
                : conv.forward(store, new NDList(x), training).singletonOrThrow();
    }

    /** This unit's batch norm. */
    BatchNorm batchNorm() {
        return bn;
    }

    /** Whether the convolution belongs to another unit. */
    boolean sharesKernel() {
        return !ownsConv;
    }

    /**
     * The unit on one array with its convolution in {@code precision} (batch norm and ReLU stay
     * FP32); the network passes its own precision, so that it is stored in one place.
     */
    NDArray forward(ParameterStore store, NDArray x, boolean training, Precision precision) {
        NDArray y = convolve(conv, precision, store, x, training);
        NDList normalised = bn.forward(store, new NDList(y), training);
        return Activation.relu(normalised.singletonOrThrow());
    }

    /** The unit in FP32 (DJL's block interface; the networks call {@link #forward(ParameterStore, NDArray, boolean, Precision)}). */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(forward(store, inputs.singletonOrThrow(), training, Precision.FP32));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (ownsConv) {
            conv.initialize(manager, dataType, inputShapes);
        } else if (!conv.isInitialized()) {
            throw new IllegalStateException("the shared convolution must be initialised before the unit sharing it");
        }
        bn.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
    }
}
