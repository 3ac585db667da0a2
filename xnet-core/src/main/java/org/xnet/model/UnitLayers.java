package org.xnet.model;

import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/**
 * The layers of one Conv → BatchNorm → ReLU unit of a network, for code that reads a trained network
 * layer by layer (the ONNX export): its convolution (the one it calls, which is another unit's
 * under weight sharing and then not among its children), its batch norm and the batch norm's epsilon.
 */
public record UnitLayers(Conv2d conv, BatchNorm batchNorm, float epsilon) {
    /** The layers of {@code unit}, a child of a network that is a unit (c1, down1_a, ...). */
    public static UnitLayers of(Block unit) {
        if (!(unit instanceof ConvUnit u)) {
            throw new IllegalArgumentException("not a Conv-BatchNorm-ReLU unit: " + unit.getClass().getSimpleName());
        }
        return new UnitLayers(u.conv(), u.batchNorm(), ConvUnit.BN_EPSILON);
    }
}
