package org.xnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Removes the start values from the batch-norm running statistics of a freshly trained network.
 *
 * <p>The running mean starts at 0 and the running variance at 1, and each training step keeps
 * 0.99 of the old value ({@link ConvUnit#BN_MOMENTUM}, as Keras). After {@code n} steps the start
 * value still weighs {@code w = 0.99^n} (0.59 after 52 steps, an epoch of 260 images in batches of
 * 5), so a young network normalises its inference-mode activations with statistics it never saw
 * and validates far worse than it trains. Dividing out that weight,
 * {@code (running - w * start) / (1 - w)}, leaves exactly the momentum-weighted average of the
 * batch statistics (Adam's bias correction, applied once).
 */
public final class BatchNormStatistics {
    private BatchNormStatistics() {
    }

    /** The weight the start values still have after {@code steps} training-mode forward passes. */
    public static double startWeight(long steps) {
        return Math.pow(ConvUnit.BN_MOMENTUM, steps);
    }

    /**
     * Replaces every running mean and variance of {@code block} by its bias-corrected value, for a
     * network whose batch norms have seen exactly {@code steps} training-mode forward passes since
     * initialisation. Call it once: afterwards the statistics no longer contain their start values.
     */
    public static void removeStartValues(Block block, long steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be positive, got " + steps);
        }
        float w = (float) startWeight(steps);
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            if (!seen.add(param)) {
                continue;
            }
            if (param.getType() == Parameter.Type.RUNNING_MEAN) {
                correct(param.getArray(), 0f, w, Float.NEGATIVE_INFINITY);
            } else if (param.getType() == Parameter.Type.RUNNING_VAR) {
                correct(param.getArray(), 1f, w, 0f);
            }
        }
    }

    private static void correct(NDArray running, float start, float w, float floor) {
        float[] v = running.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(floor, (v[i] - w * start) / (1f - w));
        }
        running.set(v);
    }
}
