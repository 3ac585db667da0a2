package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * bfloat16 convolutions agree with FP32 within bfloat16's precision, keep every array DJL sees in
 * FP32, and let gradients reach the FP32 weights.
 *
 * <p>Tolerances: bfloat16 keeps 8 significant bits, so one rounding of an operand errs by at most
 * 2^-9 (0.2 %) relative. A convolution rounds input and kernel (about 0.4 % per product) and sums
 * products of mixed signs, so its error is bounded by 0.4 % of the sum of |products|, here checked
 * against 0.8 % of that sum (plus 1e-3 for the rounded bias). Through a network of 10-20
 * convolutions the relative errors add up, so logits must stay within 5 % of the largest FP32 logit
 * (observed 0.7-2.3 % on these tiny untrained nets) and masks must agree on at least 99 % of pixels
 * (observed 99.6-100 %: only near-ties flip). Gradients through bf16 convolutions must point the way
 * of the FP32 gradients: cosine above 0.9 for every kernel (observed 0.93-1.0; the first layers of a
 * 2-4-channel net see the most compounded rounding). Conv biases feeding a batch norm are left out:
 * their true gradient is zero, so both are rounding noise.
 */
class Bf16ConvTest {
    @Test
    void aConvolutionAgreesWithFp32WithinBf16Rounding() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(11);
            NDArray x = m.randomUniform(-1f, 1f, new Shape(2, 3, 9, 7));
            NDArray w = m.randomUniform(-1f, 1f, new Shape(4, 3, 3, 3));
            NDArray b = m.randomUniform(-1f, 1f, new Shape(4));
            NDArray y = Bf16Conv.convolve(x, w, b, false);
            assertThat(y.getDataType()).isEqualTo(DataType.FLOAT32);
            NDArray ref = ai.djl.nn.convolutional.Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
            NDArray bound = ai.djl.nn.convolutional.Conv2d.conv2d(x.abs(), w.abs(), b.abs(), new Shape(1, 1),
                    new Shape(1, 1), new Shape(1, 1)).singletonOrThrow().mul(0.008f).add(1e-3f);
            assertThat(y.getShape()).isEqualTo(ref.getShape());
            float[] diff = y.sub(ref).abs().toFloatArray();
            float[] limit = bound.toFloatArray();
            for (int i = 0; i < diff.length; i++) {
                assertThat(diff[i]).as("|bf16 - fp32| at %d", i).isLessThanOrEqualTo(limit[i]);
            }
            assertThat(y.sub(ref).abs().max().getFloat()).as("bf16 must differ from fp32 somewhere").isGreaterThan(0f);
        }
    }

    @Test
    void argumentsThatAreNotFloat32AreRejectedBeforeTheNativeCall() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(1, 1, 3, 3), DataType.FLOAT64);
            NDArray w = m.ones(new Shape(1, 1, 3, 3));
            NDArray b = m.zeros(new Shape(1));
            assertThatThrownBy(() -> Bf16Conv.convolve(x, w, b, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float64");
            assertThatThrownBy(() -> Bf16Conv.convolve(m.ones(new Shape(1, 2, 3, 3)), w, b, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(1, 2, 3, 3)");
        }
    }

    @Test
    void aConvolutionWithoutBiasIsRejected() {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.nn.convolutional.Conv2d conv = ai.djl.nn.convolutional.Conv2d.builder().setFilters(2)
                    .setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).optBias(false).build();
            conv.initialize(m, DataType.FLOAT32, new Shape(1, 1, 4, 4));
            assertThatThrownBy(() -> Bf16Conv.convolve(conv, new ParameterStore(m, false), m.ones(new Shape(1, 1, 4, 4)), false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias");
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void bf16InferenceAgreesWithFp32(Architecture arch) {
        ModelSpec spec = NetworksTest.tiny(arch);
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(spec, m, 5);
            NDArray x = m.randomUniform(0f, 1f, new Shape(2, 1, 24, 20));
            ParameterStore store = new ParameterStore(m, false);
            NDArray fp32 = net.forward(store, new NDList(x), false).singletonOrThrow();
            net.setRuntimeOptions(new RuntimeOptions(Precision.BF16, MemoryLayout.NCHW));
            NDArray bf16 = net.forward(store, new NDList(x), false).singletonOrThrow();
            assertThat(bf16.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(bf16.getShape()).isEqualTo(fp32.getShape());
            float scale = fp32.abs().max().getFloat();
            assertThat(bf16.sub(fp32).abs().max().getFloat()).isLessThanOrEqualTo(0.05f * scale);
            long agree = bf16.argMax(1).eq(fp32.argMax(1)).sum().getLong();
            assertThat(agree).isGreaterThanOrEqualTo((long) Math.ceil(0.99 * 2 * 24 * 20));
            assertThat(bf16.softmax(1).sum(new int[] {1}).sub(1f).abs().max().getFloat()).isLessThan(1e-5f);
        }
    }

    @Test
    void bf16TrainingKeepsFp32WeightsAndGradientsThatMatchFp32() {
        ModelSpec spec = NetworksTest.tiny(Architecture.XNET).withSharedWeights(true);
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(spec, m, 6);
            List<Parameter> all = Networks.distinctParameters(net).stream().filter(Parameter::requiresGradient).toList();
            all.forEach(p -> p.getArray().setRequiresGradient(true));
            List<Parameter> params = Networks.convolutionKernels(net);
            NDArray x = m.randomUniform(0f, 1f, new Shape(2, 1, 16, 16));
            NDArray labels = m.randomInteger(0, 3, new Shape(2, 1, 16, 16), DataType.INT64).toType(DataType.FLOAT32, false);
            List<float[]> fp32 = gradients(net, x, labels, params);
            net.setRuntimeOptions(new RuntimeOptions(Precision.BF16, MemoryLayout.NCHW));
            List<float[]> bf16 = gradients(net, x, labels, params);
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                assertThat(p.getArray().getDataType()).as(p.getName()).isEqualTo(DataType.FLOAT32);
                assertThat(cosine(bf16.get(i), fp32.get(i))).as("cosine of the gradients of %s", p.getName())
                        .isGreaterThan(0.9);
            }
        }
    }

    /** FP32 gradients of cross-entropy + L2 after one training-mode pass; the gradients are reset after. */
    private static List<float[]> gradients(SegmentationNet net, NDArray x, NDArray labels, List<Parameter> params) {
        NDManager m = x.getManager();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = net.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
            assertThat(logits.getDataType()).isEqualTo(DataType.FLOAT32);
            gc.backward(new SoftmaxCrossEntropyLoss("ce", 1f, 1, true, true)
                    .evaluate(new NDList(labels), new NDList(logits)).add(L2Penalty.of(net, 1e-3)));
        }
        List<float[]> out = new ArrayList<>();
        for (Parameter p : params) {
            NDArray g = p.getArray().getGradient();
            assertThat(g.getDataType()).as("gradient of %s", p.getName()).isEqualTo(DataType.FLOAT32);
            out.add(g.toFloatArray());
            g.subi(g);
        }
        return out;
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
