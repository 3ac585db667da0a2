package org.xnet.train;

/**
 * A training step whose loss or gradients are not finite (NaN or infinite). Thrown before the
 * optimizer update, so the weights are those of the last good step; the {@link Trainer} turns it
 * into a stop naming the epoch and step.
 */
public final class NonFiniteStepException extends RuntimeException {
    public NonFiniteStepException(String what) {
        super(what);
    }
}
