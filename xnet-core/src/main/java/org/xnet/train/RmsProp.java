package org.xnet.train;

import ai.djl.ndarray.NDArray;

/**
 * RMSProp as in Keras 2 ({@code keras.optimizers.RMSprop}), the original XNet's optimizer:
 * {@code a = rho*a + (1-rho)*g^2; w -= lr_t * g / (sqrt(a) + epsilon)} with epsilon outside the
 * square root (tf.keras' fused kernel puts it inside; Keras 2.2 did not). DJL's PyTorch engine has
 * no RMSProp of its own.
 */
public final class RmsProp extends KerasOptimizer {
    /** Keras defaults as the original used them: lr 1e-4 (set by XNet), rho 0.9, epsilon 1e-7, decay 1e-6. */
    public static final float DEFAULT_LR = 1e-4f;
    public static final float DEFAULT_DECAY = 1e-6f;
    private final float rho;
    private final float epsilon;

    public RmsProp(float learningRate, float rho, float epsilon, float decay) {
        super(learningRate, decay);
        if (!(rho >= 0 && rho < 1)) {
            throw new IllegalArgumentException("rho must be in [0, 1), got " + rho);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
        this.rho = rho;
        this.epsilon = epsilon;
    }

    /** RMSProp with rho 0.9, epsilon 1e-7 and the given learning rate and decay. */
    public RmsProp(float learningRate, float decay) {
        this(learningRate, 0.9f, 1e-7f, decay);
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    protected int slotCount() {
        return 1;
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] slots, float lr, long iteration) {
        NDArray a = slots[0];
        a.muli(rho).addi(grad.square().muli(1 - rho));
        weight.subi(grad.mul(lr).divi(a.sqrt().addi(epsilon)));
    }
}
