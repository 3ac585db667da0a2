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
 * The standard UNet (Ronneberger et al. 2015) with five levels: two units per level on the way
 * down (down1..down5, pooling between levels); on the way up, for levels 4..1, nearest 2x
 * upsampling and an "up-convolution" unit to the level's depth (upN_conv, the spec's kernel size in
 * place of the paper's 2x2, which has no symmetric "same" padding), concatenation with the skip
 * (skip first) and two units (upN_a, upN_b); 1x1 head.
 */
final class UNetBlock extends SegmentationNet {
    private static final int LEVELS = 5;

    private final ConvUnit[] downA = new ConvUnit[LEVELS];
    private final ConvUnit[] downB = new ConvUnit[LEVELS];
    private final ConvUnit[] upConv = new ConvUnit[LEVELS - 1];
    private final ConvUnit[] upA = new ConvUnit[LEVELS - 1];
    private final ConvUnit[] upB = new ConvUnit[LEVELS - 1];
    private final Conv2d head;

    UNetBlock(ModelSpec spec) {
        super(spec);
        int k = spec.kernelSize();
        for (int i = 0; i < LEVELS; i++) {
            downA[i] = addChildBlock("down" + (i + 1) + "_a", new ConvUnit(spec.filter(i), k));
            downB[i] = addChildBlock("down" + (i + 1) + "_b", new ConvUnit(spec.filter(i), k));
        }
        for (int i = LEVELS - 2; i >= 0; i--) {
            String name = "up" + (i + 1);
            upConv[i] = addChildBlock(name + "_conv", new ConvUnit(spec.filter(i), k));
            upA[i] = addChildBlock(name + "_a", new ConvUnit(spec.filter(i), k));
            upB[i] = addChildBlock(name + "_b", new ConvUnit(spec.filter(i), k));
        }
        head = addChildBlock("head", ConvUnit.convolution(spec.classes(), 1));
    }

    @Override
    protected NDArray forwardPadded(ParameterStore ps, NDArray x, boolean t) {
        NDArray[] skips = new NDArray[LEVELS - 1];
        NDArray y = x;
        for (int i = 0; i < LEVELS; i++) {
            y = apply(downB[i], ps, apply(downA[i], ps, i == 0 ? y : pool(y), t), t);
            if (i < LEVELS - 1) {
                skips[i] = y;
            }
        }
        for (int i = LEVELS - 2; i >= 0; i--) {
            y = concat(skips[i], apply(upConv[i], ps, up(y), t));
            y = apply(upB[i], ps, apply(upA[i], ps, y, t), t);
        }
        return apply(head, ps, y, t);
    }

    @Override
    protected void initializeLayers(Init init, Shape in) {
        Shape[] skips = new Shape[LEVELS - 1];
        Shape y = in;
        for (int i = 0; i < LEVELS; i++) {
            y = init.apply(downB[i], init.apply(downA[i], i == 0 ? y : pooled(y)));
            if (i < LEVELS - 1) {
                skips[i] = y;
            }
        }
        for (int i = LEVELS - 2; i >= 0; i--) {
            y = concatenated(skips[i], init.apply(upConv[i], upsampled(y)));
            y = init.apply(upB[i], init.apply(upA[i], y));
        }
        init.apply(head, y);
    }
}
