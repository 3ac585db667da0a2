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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Channels-last activations change only the memory layout: logits and loss agree within 1e-5 with
 * the plain NCHW path, for all three networks on the same weights and input, and every parameter's
 * gradient agrees in Euclidean norm within 1e-3 of its size plus 1e-5 of the largest gradient, the
 * bound GradientTest holds each layout to against float64 (the two layouts sum in different orders,
 * so single elements of a gradient that cancels can differ by more than 1e-4 of their value).
 */
class ChannelsLastTest {
    private static final double TOLERANCE = 1e-5;

    @Test
    void theLayoutTrickKeepsValuesAndShape() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1f, 1f, new Shape(2, 3, 5, 4));
            NDArray y = Ops.channelsLast(x);
            assertThat(y.getShape()).isEqualTo(x.getShape());
            assertThat(y.toFloatArray()).containsExactly(x.toFloatArray());
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void inferenceLogitsAreUnchanged(Architecture arch) {
        ModelSpec spec = NetworksTest.tiny(arch).withSharedWeights(arch == Architecture.XNET);
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(spec, m, 7);
            NDArray x = m.randomUniform(0f, 1f, new Shape(2, 1, 19, 22));
            ParameterStore store = new ParameterStore(m, false);
            net.setRuntimeOptions(RuntimeOptions.FP32_NCHW);
            float[] plain = net.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            net.setRuntimeOptions(new RuntimeOptions(Precision.FP32, MemoryLayout.CHANNELS_LAST));
            float[] last = net.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            assertClose(last, plain, 0, "logits");
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void trainingLossAndGradientsAreUnchanged(Architecture arch) {
        ModelSpec spec = NetworksTest.tiny(arch).withSharedWeights(arch == Architecture.XNET);
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(spec, m, 8);
            List<Parameter> params = Networks.distinctParameters(net).stream().filter(Parameter::requiresGradient).toList();
            params.forEach(p -> p.getArray().setRequiresGradient(true));
            NDArray x = m.randomUniform(0f, 1f, new Shape(2, 1, 16, 17));
            NDArray labels = m.randomInteger(0, 3, new Shape(2, 1, 16, 17), DataType.INT64).toType(DataType.FLOAT32, false);
            Step plain = step(net, false, x, labels, params);
            Step last = step(net, true, x, labels, params);
            assertThat(last.loss).isCloseTo(plain.loss, org.assertj.core.data.Offset.offset(TOLERANCE));
            double largest = plain.gradients.stream().mapToDouble(ChannelsLastTest::norm).max().orElseThrow();
            for (int i = 0; i < params.size(); i++) {
                float[] a = last.gradients.get(i);
                float[] b = plain.gradients.get(i);
                float[] d = new float[a.length];
                for (int j = 0; j < a.length; j++) {
                    d[j] = a[j] - b[j];
                }
                assertThat(norm(d)).as("gradient of %s", params.get(i).getName())
                        .isLessThanOrEqualTo(1e-3 * norm(b) + 1e-5 * largest);
            }
        }
    }

    private record Step(double loss, List<float[]> gradients) {
    }

    /** One training-mode forward and backward; batch-norm running statistics move, weights do not. */
    private static Step step(SegmentationNet net, boolean channelsLast, NDArray x, NDArray labels, List<Parameter> params) {
        net.setRuntimeOptions(new RuntimeOptions(Precision.FP32, channelsLast ? MemoryLayout.CHANNELS_LAST : MemoryLayout.NCHW));
        NDManager m = x.getManager();
        double loss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = net.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
            NDArray total = new SoftmaxCrossEntropyLoss("ce", 1f, 1, true, true)
                    .evaluate(new NDList(labels), new NDList(logits)).add(L2Penalty.of(net, 1e-3));
            gc.backward(total);
            loss = total.getFloat();
        }
        List<float[]> gradients = new ArrayList<>();
        for (Parameter p : params) {
            NDArray g = p.getArray().getGradient();
            gradients.add(g.toFloatArray());
            g.subi(g);
        }
        return new Step(loss, gradients);
    }

    private static double norm(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    /** |actual - expected| at most 1e-5 + relative x |expected|, element by element. */
    private static void assertClose(float[] actual, float[] expected, double relative, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("%s [%d]", what, i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(TOLERANCE + relative * Math.abs(expected[i])));
        }
    }
}
