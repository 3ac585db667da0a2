package org.xnet.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A logits network followed by a softmax over the class axis (1): per-pixel probabilities. */
final class SoftmaxOutput extends AbstractBlock {
    private final Block net;

    SoftmaxOutput(Block logits) {
        this.net = addChildBlock("net", logits);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(net.forward(store, inputs, training).singletonOrThrow().softmax(1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return net.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (!net.isInitialized()) {
            net.initialize(manager, dataType, inputShapes);
        }
    }
}
