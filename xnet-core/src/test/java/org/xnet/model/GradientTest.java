package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The logits network trains as the trainer will use it (per-pixel softmax cross-entropy on logits,
 * {@code fromLogit=true}, plus the L2 penalty), and its gradients are right: every trainable
 * parameter's FP32 gradient, in both memory layouts, matches the gradient of the same network with
 * the same weights computed in float64, through padding, pooling, upsampling, batch norm and crop.
 * "Finite and non-zero" would pass wrong kernels (libtorch 2.7.1 on AMD VMs gave finite gradients
 * 30-58 % off); a float64 twin does not.
 *
 * <p>Bound, per parameter in Euclidean norm: |g32 - g64| ≤ 1e-3·|g64| + 1e-5·(the largest
 * parameter gradient). FP32 rounds each of the network's 10-20 layers to some 1e-7..1e-5 relative
 * (n·2^-24 for sums of n ≤ 600 terms), and batch norm divides by batch deviations that can amplify
 * that tenfold, so 1e-3 leaves a wide margin (observed: at most 3.4e-5, UNet) while a wrong kernel
 * is off by 1e-1 or more. The second term is for the biases of convolutions feeding a batch norm:
 * their exact gradient is 0, and FP32 leaves rounding noise of some 1e-7 of the largest gradient.
 */
class GradientTest {
    private static final double BOUND = 1e-3;
    private static final double FLOOR = 1e-5;

    @Test
    void fromLogitTrueMeansThePredictionsAreRawLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            // one image, 3 classes, 1x2 pixels; labels 2 and 0
            NDArray logits = m.create(new float[] {1f, -1f, 0f, 2f, 3f, 0.5f}, new Shape(1, 3, 1, 2));
            NDArray labels = m.create(new float[] {2f, 0f}, new Shape(1, 1, 1, 2));
            float actual = new SoftmaxCrossEntropyLoss("ce", 1f, 1, true, true)
                    .evaluate(new NDList(labels), new NDList(logits)).getFloat();
            double p0 = Math.exp(3) / (Math.exp(1) + Math.exp(0) + Math.exp(3));
            double p1 = Math.exp(-1) / (Math.exp(-1) + Math.exp(2) + Math.exp(0.5));
            assertThat((double) actual).isCloseTo(-(Math.log(p0) + Math.log(p1)) / 2,
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    static Stream<Arguments> networksAndLayouts() {
        return Stream.of(Architecture.values()).flatMap(a -> Stream.of(MemoryLayout.values()).map(l -> Arguments.of(a, l)));
    }

    @ParameterizedTest
    @MethodSource("networksAndLayouts")
    void fp32GradientsMatchFloat64(Architecture arch, MemoryLayout layout) {
        ModelSpec spec = NetworksTest.tiny(arch).withSharedWeights(arch == Architecture.XNET);
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet fp32 = Networks.initialized(spec, m, 4);
            fp32.setRuntimeOptions(new RuntimeOptions(Precision.FP32, layout));
            SegmentationNet fp64 = float64Copy(fp32, m);
            m.getEngine().setRandomSeed(5);
            NDArray x = m.randomUniform(0f, 1f, new Shape(2, 1, 21, 18));
            NDArray labels = m.randomInteger(0, 3, new Shape(2, 1, 21, 18), DataType.INT64);
            List<Parameter> params = trainable(fp32);
            List<Parameter> params64 = trainable(fp64);
            List<double[]> g32 = gradients(fp32, params, x, labels.toType(DataType.FLOAT32, false));
            List<double[]> g64 = gradients(fp64, params64, x.toType(DataType.FLOAT64, false),
                    labels.toType(DataType.FLOAT64, false));
            assertThat(params).hasSameSizeAs(params64).isNotEmpty();
            double largest = g64.stream().mapToDouble(GradientTest::norm).max().orElseThrow();
            for (int i = 0; i < params.size(); i++) {
                assertThat(params64.get(i).getArray().getDataType()).isEqualTo(DataType.FLOAT64);
                assertThat(norm(difference(g32.get(i), g64.get(i))))
                        .as("%s %s: gradient of %s against float64", arch, layout, name(fp32, params.get(i)))
                        .isLessThanOrEqualTo(BOUND * norm(g64.get(i)) + FLOOR * largest);
            }
        }
    }

    /** The same network with the same weights (and batch-norm statistics) in float64. */
    private static SegmentationNet float64Copy(SegmentationNet net, NDManager m) {
        SegmentationNet copy = Networks.build(net.spec());
        int size = net.spec().architecture().sizeMultiple();
        copy.initialize(m, DataType.FLOAT64, new Shape(1, net.spec().inputChannels(), size, size));
        var from = net.getParameters();
        var to = copy.getParameters();
        assertThat(to.keys()).isEqualTo(from.keys());
        for (int i = 0; i < from.size(); i++) {
            NDArray source = from.valueAt(i).getArray();
            NDArray target = to.valueAt(i).getArray();
            assertThat(target.getDataType()).isEqualTo(DataType.FLOAT64);
            target.set(DoubleBuffer.wrap(source.toType(DataType.FLOAT64, false).toDoubleArray()));
        }
        return copy;
    }

    private static List<Parameter> trainable(SegmentationNet net) {
        List<Parameter> params = Networks.distinctParameters(net).stream().filter(Parameter::requiresGradient).toList();
        params.forEach(p -> p.getArray().setRequiresGradient(true));
        return params;
    }

    /** Gradients of cross-entropy + L2 after one training-mode pass, in float64. */
    private static List<double[]> gradients(SegmentationNet net, List<Parameter> params, NDArray x, NDArray labels) {
        NDManager m = x.getManager();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = net.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
            assertThat(logits.getDataType()).isEqualTo(x.getDataType());
            gc.backward(new SoftmaxCrossEntropyLoss("ce", 1f, 1, true, true)
                    .evaluate(new NDList(labels), new NDList(logits)).add(L2Penalty.of(net, 1e-3)));
        }
        List<double[]> out = new ArrayList<>();
        for (Parameter p : params) {
            out.add(p.getArray().getGradient().toType(DataType.FLOAT64, false).toDoubleArray());
        }
        return out;
    }

    private static String name(SegmentationNet net, Parameter p) {
        return net.getParameters().stream().filter(e -> e.getValue() == p).map(e -> e.getKey()).findFirst()
                .orElse(p.getName());
    }

    /** Euclidean norm; NaN when any value is NaN (so that no bound passes it). */
    private static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
