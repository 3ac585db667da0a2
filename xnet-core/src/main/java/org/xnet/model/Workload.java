package org.xnet.model;

/**
 * What the convolutions are for: inference needs correct forward passes, training correct forward
 * and backward passes. The kernel check can pass one and fail the other.
 */
public enum Workload {
    INFERENCE,
    TRAINING
}
