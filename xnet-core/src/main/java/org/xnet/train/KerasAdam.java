package org.xnet.train;

import ai.djl.ndarray.NDArray;

/**
 * Adam as in Keras 2: with {@code t = iterations + 1},
 * {@code lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)}, {@code m = b1*m + (1-b1)*g},
 * {@code v = b2*v + (1-b2)*g^2}, {@code w -= lr_t * m / (sqrt(v) + epsilon)}. Written here rather
 * than using DJL's Adam because its state cannot be saved for resuming.
 */
public final class KerasAdam extends KerasOptimizer {
    private final float beta1;
    private final float beta2;
    private final float epsilon;

    public KerasAdam(float learningRate, float beta1, float beta2, float epsilon, float decay) {
        super(learningRate, decay);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** Keras defaults (beta1 0.9, beta2 0.999, epsilon 1e-7) with the given learning rate and decay. */
    public KerasAdam(float learningRate, float decay) {
        this(learningRate, 0.9f, 0.999f, 1e-7f, decay);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    protected int slotCount() {
        return 2;
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] slots, float lr, long iteration) {
        long t = iteration + 1;
        float lrT = (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
        NDArray m = slots[0];
        NDArray v = slots[1];
        m.muli(beta1).addi(grad.mul(1 - beta1));
        v.muli(beta2).addi(grad.square().muli(1 - beta2));
        weight.subi(m.mul(lrT).divi(v.sqrt().addi(epsilon)));
    }
}
