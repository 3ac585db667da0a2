package org.xnet.train;

import ai.djl.ndarray.NDArray;

/**
 * SGD with Nesterov momentum as in Keras 2: {@code v = momentum*v - lr_t*g;
 * w += momentum*v - lr_t*g}. DJL's {@code Sgd} has plain momentum only, and its {@code Nag}
 * keeps state that cannot be saved for resuming.
 */
public final class NesterovSgd extends KerasOptimizer {
    private final float momentum;

    public NesterovSgd(float learningRate, float momentum, float decay) {
        super(learningRate, decay);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected int slotCount() {
        return 1;
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] slots, float lr, long iteration) {
        NDArray v = slots[0];
        NDArray step = grad.mul(lr);
        v.muli(momentum).subi(step);
        weight.addi(v.mul(momentum).subi(step));
    }
}
