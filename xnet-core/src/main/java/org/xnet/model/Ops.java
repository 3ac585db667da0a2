package org.xnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * The parameter-free operations of the networks (NCHW arrays): 2x2 max pooling, nearest 2x
 * upsampling, channel concatenation, reflect padding and cropping, with their shape rules.
 */
final class Ops {
    private static final Shape TWO_BY_TWO = new Shape(2, 2);

    private Ops() {
    }

    /** 2x2 max pooling with stride 2. */
    static NDArray pool(NDArray x) {
        return Pool.maxPool2d(x, TWO_BY_TWO, TWO_BY_TWO, new Shape(0, 0), false);
    }

    /**
     * Nearest-neighbour 2x upsampling. libtorch's {@code upsample_nearest2d} gives the same values as
     * {@code x.repeat(2, 2).repeat(3, 2)} and is faster (tested in OpsTest).
     */
    static NDArray up(NDArray x) {
        Shape s = x.getShape();
        return x.getNDArrayInternal().interpolation(new long[] {2 * s.get(2), 2 * s.get(3)}, 0, false);
    }

    /**
     * The same NCHW values stored channels-last (NHWC strides), which libtorch's convolutions run
     * faster on; later convolutions, batch norms, pooling, upsampling and concatenation keep the layout.
     * DJL has no memory-format API: the transpose/reshape pair makes a view with NHWC strides and
     * {@code duplicate()} (a clone that keeps strides) gives autograd a tensor of its own.
     */
    static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        return x.transpose(0, 2, 3, 1).reshape(n, h * w * c).reshape(n, h, w, c).transpose(0, 3, 1, 2).duplicate();
    }

    /** Concatenates along the channel axis, {@code first} first. */
    static NDArray concat(NDArray first, NDArray second) {
        return NDArrays.concat(new NDList(first, second), 1);
    }

    /**
     * Pads height and width at their ends to the next multiple of {@code multiple} by reflection
     * (without repeating the edge pixel, like numpy's "reflect"); returns {@code x} when nothing is needed.
     * Sides shorter than the padding are reflected repeatedly; a side of one pixel is repeated.
     */
    static NDArray reflectPad(NDArray x, int multiple) {
        Shape s = x.getShape();
        NDArray out = reflectEnd(x, 3, roundUp(s.get(3), multiple) - s.get(3));
        return reflectEnd(out, 2, roundUp(s.get(2), multiple) - s.get(2));
    }

    /** The top-left {@code height x width} of an NCHW array; {@code x} itself when it already has that size. */
    static NDArray crop(NDArray x, long height, long width) {
        Shape s = x.getShape();
        if (s.get(2) == height && s.get(3) == width) {
            return x;
        }
        return x.get(new NDIndex().addAllDim(2).addSliceDim(0, height).addSliceDim(0, width));
    }

    /** {@code n} rounded up to a multiple of {@code m}. */
    static long roundUp(long n, int m) {
        return (n + m - 1) / m * m;
    }

    /** Output shape of {@link #pool}. */
    static Shape pooled(Shape s) {
        return new Shape(s.get(0), s.get(1), s.get(2) / 2, s.get(3) / 2);
    }

    /** Output shape of {@link #up}. */
    static Shape upsampled(Shape s) {
        return new Shape(s.get(0), s.get(1), s.get(2) * 2, s.get(3) * 2);
    }

    /** Output shape of {@link #concat}. */
    static Shape concatenated(Shape a, Shape b) {
        return new Shape(a.get(0), a.get(1) + b.get(1), a.get(2), a.get(3));
    }

    private static NDArray reflectEnd(NDArray x, int axis, long extra) {
        NDArray out = x;
        while (extra > 0) {
            long n = out.getShape().get(axis);
            if (n == 1) {
                return out.repeat(axis, 1 + extra);
            }
            long k = Math.min(extra, n - 1);
            NDArray tail = out.get(new NDIndex().addAllDim(axis).addSliceDim(n - 1 - k, n - 1)).flip(axis);
            out = out.concat(tail, axis);
            extra -= k;
        }
        return out;
    }
}
