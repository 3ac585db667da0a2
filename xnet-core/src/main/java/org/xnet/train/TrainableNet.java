package org.xnet.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.xnet.model.BatchNormStatistics;
import org.xnet.model.L2Penalty;
import org.xnet.model.ModelSpec;
import org.xnet.model.Networks;
import org.xnet.model.RuntimeOptions;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.List;

/**
 * A segmentation block being trained: runs one optimisation step or one evaluation on a batch and
 * reports loss and correct pixels. Every step runs in its own {@link NDScope}, so nothing but the
 * weights and the optimizer's state outlives it. Owns the DJL model (and its native memory).
 */
public final class TrainableNet implements AutoCloseable {
    private final Model model;
    private final Block block;
    private final ParameterStore store;
    private final List<Pair<String, Parameter>> trainable = new ArrayList<>();

    /** Initialises {@code block} for single-channel {@code size x size} input with the engine seeded by {@code seed}. */
    public TrainableNet(String name, Block block, int size, long seed) {
        this.model = Model.newInstance(name);
        this.block = block;
        model.setBlock(block);
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, size, size));
        this.store = new ParameterStore(model.getNDManager(), false);
        collectParameters();
    }

    /** Every distinct trainable parameter once (a kernel shared by two layers is updated once). */
    private void collectParameters() {
        trainable.clear();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            if (param.requiresGradient() && seen.add(param)) {
                param.getArray().setRequiresGradient(true);
                trainable.add(p);
            }
        }
    }

    /**
     * The logits network of {@code spec}, initialised for {@code size x size} input from {@code seed},
     * computing as {@code options} say: with bf16 the parameters, their gradients, the optimizer's
     * state, the loss and the L2 term stay FP32.
     */
    public static TrainableNet of(ModelSpec spec, int size, long seed, RuntimeOptions options) {
        return new TrainableNet(spec.architecture().cliName(), Networks.build(spec, options), size, seed);
    }

    /** The manager owning the weights (and the optimizer's state). */
    public NDManager manager() {
        return model.getNDManager();
    }

    /** The block being trained. */
    public Block block() {
        return block;
    }

    /** Loss and correct pixels of one step. */
    public record StepResult(double loss, long correct, long pixels) {
    }

    /**
     * Forward, loss (+ {@code reg} x the sum of squared convolution kernels), backward and optimizer
     * update; a NaN or infinite loss or gradient throws {@link NonFiniteStepException} before the
     * update, so the weights stay those of the last good step.
     */
    public StepResult trainStep(SegBatch batch, LossKind loss, float reg, KerasOptimizer optimizer) {
        try (NDScope scope = new NDScope(); NDManager m = model.getNDManager().newSubManager()) {
            scope.suppressNotUsedWarning();
            StepResult result;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray[] xy = toArrays(m, batch);
                NDArray logits = block.forward(store, new NDList(xy[0]), true).singletonOrThrow();
                NDArray total = withRegularisation(SegmentationLosses.evaluate(loss, logits, xy[1]), reg);
                gc.backward(total);
                result = new StepResult(total.getFloat(), correct(logits, xy[1]), batch.pixels());
            }
            requireFinite(result.loss());
            for (Pair<String, Parameter> p : trainable) {
                NDArray w = p.getValue().getArray();
                NDArray g = w.getGradient();
                optimizer.update(p.getKey(), w, g);
                g.subi(g);
            }
            return result;
        }
    }

    /**
     * Throws {@link NonFiniteStepException} when the loss or any gradient is NaN or infinite: one sum
     * over every gradient tells (a NaN or infinity anywhere makes it non-finite); only then is each
     * parameter looked at, to name the first bad one.
     */
    private void requireFinite(double loss) {
        if (!Double.isFinite(loss)) {
            throw new NonFiniteStepException("the loss is " + loss);
        }
        NDArray sum = null;
        for (Pair<String, Parameter> p : trainable) {
            NDArray s = p.getValue().getArray().getGradient().sum();
            sum = sum == null ? s : sum.add(s);
        }
        if (sum == null || Float.isFinite(sum.getFloat())) {
            return;
        }
        for (Pair<String, Parameter> p : trainable) {
            float s = p.getValue().getArray().getGradient().sum().getFloat();
            if (!Float.isFinite(s)) {
                throw new NonFiniteStepException("the gradient of " + p.getKey() + " is not finite (its sum is " + s + ")");
            }
        }
        throw new NonFiniteStepException("the sum of the gradients is not finite");
    }

    /**
     * Takes the batch-norm start values out of the running statistics of a network initialised
     * here and trained for {@code steps} steps since ({@link BatchNormStatistics}).
     */
    public void removeBatchNormStartValues(long steps) {
        BatchNormStatistics.removeStartValues(block, steps);
    }

    /** Loss (with the same regularisation term) and correct pixels in inference mode, no update. */
    public StepResult evaluate(SegBatch batch, LossKind loss, float reg) {
        try (NDScope scope = new NDScope(); NDManager m = model.getNDManager().newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray[] xy = toArrays(m, batch);
            NDArray logits = block.forward(store, new NDList(xy[0]), false).singletonOrThrow();
            NDArray total = withRegularisation(SegmentationLosses.evaluate(loss, logits, xy[1]), reg);
            return new StepResult(total.getFloat(), correct(logits, xy[1]), batch.pixels());
        }
    }

    /** The loss plus {@code reg * sum w^2} over every convolution kernel, the original's per-layer L2. */
    private NDArray withRegularisation(NDArray loss, float reg) {
        return reg == 0f ? loss : loss.add(L2Penalty.of(block, reg));
    }

    private static long correct(NDArray logits, NDArray labels) {
        return logits.argMax(1).toType(DataType.FLOAT32, false).eq(labels.squeeze(1)).sum().getLong();
    }

    private static NDArray[] toArrays(NDManager m, SegBatch b) {
        Shape shape = new Shape(b.count(), 1, b.height(), b.width());
        float[] labels = new float[b.labels().length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = b.labels()[i];
        }
        return new NDArray[] {m.create(b.images(), shape), m.create(labels, shape)};
    }

    /** Writes every parameter (weights and batch-norm statistics). */
    public void saveWeights(DataOutputStream out) throws IOException {
        block.saveParameters(out);
    }

    /** Reads parameters written by {@link #saveWeights}. */
    public void loadWeights(DataInputStream in) throws IOException {
        try {
            block.loadParameters(model.getNDManager(), in);
        } catch (MalformedModelException e) {
            throw new IOException("weights do not fit this network: " + e.getMessage(), e);
        }
        collectParameters();
    }

    @Override
    public void close() {
        model.close();
    }
}
