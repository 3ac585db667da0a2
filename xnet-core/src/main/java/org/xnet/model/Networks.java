package org.xnet.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Builds the networks and answers questions about them.
 *
 * <ul>
 *   <li>{@link #build(ModelSpec)} gives the <b>logits</b> network: train on it with
 *       {@code new SoftmaxCrossEntropyLoss(name, 1f, 1, true, true)} (in DJL 0.36 {@code fromLogit=true}
 *       means "apply log-softmax to the predictions", i.e. the predictions are raw logits) and labels
 *       shaped (N, 1, H, W), plus {@link L2Penalty#of(Block, double)}.</li>
 *   <li>{@link #withSoftmax(Block)} or {@link #probabilities(Block, NDArray)} give per-pixel class
 *       probabilities (summing to 1 over axis 1) for prediction.</li>
 * </ul>
 */
public final class Networks {
    private Networks() {
    }

    /**
     * The logits network of a spec, not yet initialised. Convolution kernels get Keras'
     * {@code glorot_uniform} (Xavier uniform, fan average); biases and batch-norm shifts start at 0,
     * batch-norm scales at 1.
     */
    public static SegmentationNet build(ModelSpec spec) {
        SegmentationNet net = switch (spec.architecture()) {
            case XNET -> new XNetBlock(spec);
            case UNET -> new UNetBlock(spec);
            case SEGNET -> new SegNetBlock(spec);
        };
        net.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                XavierInitializer.FactorType.AVG, 3f), Parameter.Type.WEIGHT);
        return net;
    }

    /** As {@link #build(ModelSpec)}, computing as {@code options} say (from {@link Kernels#resolve}). */
    public static SegmentationNet build(ModelSpec spec, RuntimeOptions options) {
        SegmentationNet net = build(spec);
        net.setRuntimeOptions(options);
        return net;
    }

    /**
     * Builds and initialises a network in {@code manager} with weights drawn from {@code seed}: the
     * same seed gives the same weights. Seeds the engine's global generator
     * ({@link Engine#setRandomSeed(int)}), so concurrent initialisations are not reproducible.
     */
    public static SegmentationNet initialized(ModelSpec spec, NDManager manager, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        return initializedUnseeded(spec, manager);
    }

    /** Builds and initialises a network without touching the engine's random seed. */
    static SegmentationNet initializedUnseeded(ModelSpec spec, NDManager manager) {
        SegmentationNet net = build(spec);
        int m = spec.architecture().sizeMultiple();
        net.initialize(manager, DataType.FLOAT32, new Shape(1, spec.inputChannels(), m, m));
        return net;
    }

    /** A block giving per-pixel class probabilities (softmax over axis 1) of a logits network. */
    public static Block withSoftmax(Block logits) {
        return new SoftmaxOutput(logits);
    }

    /**
     * Per-pixel class probabilities (N, classes, H, W) of {@code images} (N, C, H, W), inference mode
     * (batch norms use their running statistics). Arrays are created in {@code images}' manager.
     */
    public static NDArray probabilities(Block logits, NDArray images) {
        ParameterStore store = new ParameterStore(images.getManager(), false);
        NDArray out = logits.forward(store, new NDList(images), false).singletonOrThrow();
        return out.softmax(1);
    }

    /** The distinct parameters of a block (a shared parameter is listed once), in block order. */
    public static List<Parameter> distinctParameters(Block block) {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (seen.add(p.getValue())) {
                out.add(p.getValue());
            }
        }
        return out;
    }

    /** Number of trainable values: convolution weights and biases, batch-norm scales and shifts. */
    public static long trainableParameterCount(Block block) {
        long n = 0;
        for (Parameter p : distinctParameters(block)) {
            if (p.requiresGradient()) {
                n += shapeOf(p).size();
            }
        }
        return n;
    }

    /** The convolution kernels (parameters of type WEIGHT of convolution blocks), each once. */
    public static List<Parameter> convolutionKernels(Block block) {
        List<Parameter> out = new ArrayList<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collectKernels(block, out, seen);
        return out;
    }

    private static void collectKernels(Block block, List<Parameter> out, Set<Parameter> seen) {
        if (block instanceof ConvUnit unit) {
            addKernels(unit.conv(), out, seen);
        }
        if (block instanceof Convolution) {
            addKernels(block, out, seen);
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collectKernels(child.getValue(), out, seen);
        }
    }

    private static void addKernels(Block conv, List<Parameter> out, Set<Parameter> seen) {
        for (Pair<String, Parameter> p : conv.getDirectParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT && seen.add(p.getValue())) {
                out.add(p.getValue());
            }
        }
    }

    private static Shape shapeOf(Parameter p) {
        if (p.getArray() != null) {
            return p.getArray().getShape();
        }
        if (p.getShape() != null) {
            return p.getShape();
        }
        throw new IllegalStateException("parameter " + p.getName() + " has no shape: initialise the block first");
    }
}
