package org.xnet.model;

import static org.xnet.model.Ops.concat;
import static org.xnet.model.Ops.concatenated;
import static org.xnet.model.Ops.pool;
import static org.xnet.model.Ops.pooled;
import static org.xnet.model.Ops.up;
import static org.xnet.model.Ops.upsampled;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

/**
 * XNet (Bullock et al. 2019): encoder c1, c2, c3 with pooling; flat c4, c5; up c6 (+c3), c7 (+c2);
 * a second feature-extraction stage c8, c9 with pooling; flat c10, c11; up c12 (+c9), c13 (+c8),
 * c14 (+c1); 1x1 head. Skips are concatenated after the upsampled branch's unit, skip first.
 * With weight sharing c9, c10, c11, c12, c13 reuse the kernels of c3, c4, c5, c6, c7.
 */
final class XNetBlock extends SegmentationNet {
    private final ConvUnit c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14;
    private final Conv2d head;

    XNetBlock(ModelSpec spec) {
        super(spec);
        int k = spec.kernelSize();
        boolean share = spec.shareWeights();
        c1 = addChildBlock("c1", new ConvUnit(spec.filter(0), k));
        c2 = addChildBlock("c2", new ConvUnit(spec.filter(1), k));
        c3 = addChildBlock("c3", new ConvUnit(spec.filter(2), k));
        c4 = addChildBlock("c4", new ConvUnit(spec.filter(3), k));
        c5 = addChildBlock("c5", new ConvUnit(spec.filter(3), k));
        c6 = addChildBlock("c6", new ConvUnit(spec.filter(2), k));
        c7 = addChildBlock("c7", new ConvUnit(spec.filter(1), k));
        c8 = addChildBlock("c8", new ConvUnit(spec.filter(1), k));
        c9 = addChildBlock("c9", share ? ConvUnit.sharingKernelOf(c3) : new ConvUnit(spec.filter(2), k));
        c10 = addChildBlock("c10", share ? ConvUnit.sharingKernelOf(c4) : new ConvUnit(spec.filter(3), k));
        c11 = addChildBlock("c11", share ? ConvUnit.sharingKernelOf(c5) : new ConvUnit(spec.filter(3), k));
        c12 = addChildBlock("c12", share ? ConvUnit.sharingKernelOf(c6) : new ConvUnit(spec.filter(2), k));
        c13 = addChildBlock("c13", share ? ConvUnit.sharingKernelOf(c7) : new ConvUnit(spec.filter(1), k));
        c14 = addChildBlock("c14", new ConvUnit(spec.filter(0), k));
        head = addChildBlock("head", ConvUnit.convolution(spec.classes(), 1));
    }

    @Override
    protected NDArray forwardPadded(ParameterStore ps, NDArray x, boolean t) {
        NDArray x1 = apply(c1, ps, x, t);
        NDArray x2 = apply(c2, ps, pool(x1), t);
        NDArray x3 = apply(c3, ps, pool(x2), t);
        NDArray y = apply(c5, ps, apply(c4, ps, pool(x3), t), t);
        y = concat(x3, apply(c6, ps, up(y), t));
        y = concat(x2, apply(c7, ps, up(y), t));
        NDArray x8 = apply(c8, ps, y, t);
        NDArray x9 = apply(c9, ps, pool(x8), t);
        y = apply(c11, ps, apply(c10, ps, pool(x9), t), t);
        y = concat(x9, apply(c12, ps, up(y), t));
        y = concat(x8, apply(c13, ps, up(y), t));
        y = concat(x1, apply(c14, ps, up(y), t));
        return apply(head, ps, y, t);
    }

    @Override
    protected void initializeLayers(Init init, Shape in) {
        Shape s1 = init.apply(c1, in);
        Shape s2 = init.apply(c2, pooled(s1));
        Shape s3 = init.apply(c3, pooled(s2));
        Shape y = init.apply(c5, init.apply(c4, pooled(s3)));
        y = concatenated(s3, init.apply(c6, upsampled(y)));
        y = concatenated(s2, init.apply(c7, upsampled(y)));
        Shape s8 = init.apply(c8, y);
        Shape s9 = init.apply(c9, pooled(s8));
        y = init.apply(c11, init.apply(c10, pooled(s9)));
        y = concatenated(s9, init.apply(c12, upsampled(y)));
        y = concatenated(s8, init.apply(c13, upsampled(y)));
        y = concatenated(s1, init.apply(c14, upsampled(y)));
        init.apply(head, y);
    }
}
