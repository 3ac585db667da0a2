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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The logits network trains as the trainer will use it: per-pixel softmax cross-entropy on logits
 * ({@code fromLogit=true}: DJL applies log-softmax) plus the L2 penalty; every trainable parameter,
 * shared kernels included, gets a finite, non-zero gradient through padding, upsampling and crop.
 */
class GradientTest {
    @org.junit.jupiter.api.Test
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

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyTrainableParameterGetsAGradient(Architecture arch) {
        ModelSpec spec = NetworksTest.tiny(arch).withSharedWeights(arch == Architecture.XNET);
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(spec, m, 4);
            NDArray x = m.randomUniform(0f, 1f, new Shape(2, 1, 21, 18));
            NDArray labels = m.randomInteger(0, 3, new Shape(2, 1, 21, 18), DataType.INT64).toType(DataType.FLOAT32, false);
            SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss("ce", 1f, 1, true, true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                NDArray total = loss.evaluate(new NDList(labels), new NDList(logits)).add(L2Penalty.of(net, 1e-4));
                gc.backward(total);
            }
            for (Parameter p : Networks.distinctParameters(net)) {
                if (p.requiresGradient()) {
                    float[] g = p.getArray().getGradient().toFloatArray();
                    double norm = 0;
                    for (float v : g) {
                        assertThat(Float.isFinite(v)).as(p.getName()).isTrue();
                        norm += v * v;
                    }
                    assertThat(norm).as("gradient of %s", p.getName()).isGreaterThan(0);
                }
            }
        }
    }
}
