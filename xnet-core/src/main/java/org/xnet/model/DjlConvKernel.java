package org.xnet.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

/**
 * The convolutions the networks run, as the kernel check sees them: DJL's {@code conv2d} in FP32 or
 * {@link Bf16Conv} in bf16, on NCHW or channels-last input ({@link Ops#channelsLast}, as
 * {@link SegmentationNet} makes it), differentiated by libtorch's autograd.
 */
final class DjlConvKernel implements KernelCheck.ConvKernel {

    @Override
    public KernelCheck.ConvResult compute(RuntimeOptions options, KernelCheck.ConvCase c, KernelCheck.ConvInputs in) {
        Shape image = new Shape(KernelCheck.BATCH, c.in(), c.height(), c.width());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(in.x(), image);
            if (options.layout() == MemoryLayout.CHANNELS_LAST) {
                x = Ops.channelsLast(x);
            }
            NDArray w = m.create(in.w(), new Shape(c.out(), c.in(), c.kernel(), c.kernel()));
            NDArray b = m.create(in.b(), new Shape(c.out()));
            if (!c.training()) {
                NDArray y = options.precision() == Precision.BF16 ? Bf16Conv.convolve(x, w, b, false)
                        : Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(c.kernel() / 2, c.kernel() / 2),
                                new Shape(1, 1)).singletonOrThrow();
                return new KernelCheck.ConvResult(doubles(y), null, null, null);
            }
            NDArray g = m.create(in.g(), new Shape(KernelCheck.BATCH, c.out(), c.outHeight(), c.outWidth()));
            x.setRequiresGradient(c.inputGradient());
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                y = options.precision() == Precision.BF16 ? Bf16Conv.convolve(x, w, b, true)
                        : Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(c.kernel() / 2, c.kernel() / 2),
                                new Shape(1, 1)).singletonOrThrow();
                gc.backward(y.mul(g).sum());
            }
            return new KernelCheck.ConvResult(doubles(y), c.inputGradient() ? doubles(x.getGradient()) : null,
                    doubles(w.getGradient()), doubles(b.getGradient()));
        }
    }

    /** The values in logical NCHW order, whatever the strides. */
    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }
}
