package org.xnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * The L2 regularisation term of the original networks: {@code lambda * sum(w^2)} over every
 * convolution kernel (not biases, not batch-norm parameters; a shared kernel counts once), like
 * Keras' {@code kernel_regularizer=l2(lambda)} on each convolution. The trainer adds it to the loss;
 * compute it inside the step's {@code NDScope} so its intermediate arrays are freed every step.
 */
public final class L2Penalty {
    private L2Penalty() {
    }

    /** The penalty as a scalar array, differentiable with respect to the kernels. */
    public static NDArray of(Block block, double lambda) {
        List<Parameter> kernels = Networks.convolutionKernels(block);
        if (kernels.isEmpty()) {
            throw new IllegalArgumentException("block has no convolution kernels: " + block.getClass().getSimpleName());
        }
        NDArray sum = null;
        for (Parameter p : kernels) {
            NDArray w = p.getArray();
            NDArray sq = w.square().sum();
            sum = sum == null ? sq : sum.add(sq);
        }
        return sum.mul((float) lambda);
    }
}
