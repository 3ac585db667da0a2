package org.xnet.model;

import static org.xnet.model.Ops.pool;
import static org.xnet.model.Ops.pooled;
import static org.xnet.model.Ops.up;
import static org.xnet.model.Ops.upsampled;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

/**
 * Simplified SegNet: XNet's encoder (c1, c2, c3 with pooling), flat part (c4, c5) and a decoder of
 * three upsampling steps (c6, c7, c8 with the encoder's depths in reverse), without skip
 * connections or a second stage; 1x1 head. This is the graph whose default count is 5,462,403.
 */
final class SegNetBlock extends SegmentationNet {
    private final ConvUnit c1, c2, c3, c4, c5, c6, c7, c8;
    private final Conv2d head;

    SegNetBlock(ModelSpec spec) {
        super(spec);
        int k = spec.kernelSize();
        c1 = addChildBlock("c1", new ConvUnit(spec.filter(0), k));
        c2 = addChildBlock("c2", new ConvUnit(spec.filter(1), k));
        c3 = addChildBlock("c3", new ConvUnit(spec.filter(2), k));
        c4 = addChildBlock("c4", new ConvUnit(spec.filter(3), k));
        c5 = addChildBlock("c5", new ConvUnit(spec.filter(3), k));
        c6 = addChildBlock("c6", new ConvUnit(spec.filter(2), k));
        c7 = addChildBlock("c7", new ConvUnit(spec.filter(1), k));
        c8 = addChildBlock("c8", new ConvUnit(spec.filter(0), k));
        head = addChildBlock("head", ConvUnit.convolution(spec.classes(), 1));
    }

    @Override
    protected NDArray forwardPadded(ParameterStore ps, NDArray x, boolean t) {
        NDArray y = apply(c1, ps, x, t);
        y = apply(c2, ps, pool(y), t);
        y = apply(c3, ps, pool(y), t);
        y = apply(c5, ps, apply(c4, ps, pool(y), t), t);
        y = apply(c6, ps, up(y), t);
        y = apply(c7, ps, up(y), t);
        y = apply(c8, ps, up(y), t);
        return apply(head, ps, y, t);
    }

    @Override
    protected void initializeLayers(Init init, Shape in) {
        Shape y = init.apply(c1, in);
        y = init.apply(c2, pooled(y));
        y = init.apply(c3, pooled(y));
        y = init.apply(c5, init.apply(c4, pooled(y)));
        y = init.apply(c6, upsampled(y));
        y = init.apply(c7, upsampled(y));
        y = init.apply(c8, upsampled(y));
        init.apply(head, y);
    }
}
