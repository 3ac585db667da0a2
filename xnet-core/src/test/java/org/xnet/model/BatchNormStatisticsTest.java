package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * With frozen weights and one batch fed again and again, every batch norm sees the same batch
 * statistics at every step, so the corrected running statistics must equal them: the mean exactly,
 * the variance as libtorch's unbiased batch variance. Inference mode then reproduces training mode.
 */
class BatchNormStatisticsTest {
    @Test
    void correctedStatisticsAreTheBatchStatistics() {
        try (NDManager m = NDManager.newBaseManager()) {
            ConvUnit unit = new ConvUnit(1, 3);
            unit.initialize(m, DataType.FLOAT32, new Shape(2, 1, 4, 4));
            float[] kernel = new float[9];
            kernel[4] = 1; // identity convolution: the batch norm sees the input itself
            ConvUnitTest.param(unit, "conv_weight").getArray().set(kernel);
            ConvUnitTest.param(unit, "conv_bias").getArray().set(new float[] {0});
            float[] values = new float[32];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) Math.sin(i) * 3 + 5;
            }
            NDArray x = m.create(values, new Shape(2, 1, 4, 4));
            ParameterStore store = new ParameterStore(m, false);
            int steps = 7;
            for (int i = 0; i < steps; i++) {
                unit.forward(store, new NDList(x), true);
            }
            BatchNormStatistics.removeStartValues(unit, steps);

            double mean = 0;
            for (float v : values) {
                mean += v;
            }
            mean /= values.length;
            double unbiasedVar = 0;
            for (float v : values) {
                unbiasedVar += (v - mean) * (v - mean);
            }
            unbiasedVar /= values.length - 1;
            assertThat(ConvUnitTest.param(unit, "bn_runningMean").getArray().getFloat())
                    .isCloseTo((float) mean, within(1e-4f));
            assertThat(ConvUnitTest.param(unit, "bn_runningVar").getArray().getFloat())
                    .isCloseTo((float) unbiasedVar, within(1e-3f));
        }
    }

    @Test
    void inferenceThenMatchesTrainingModeWhereTheStartValuesDidNot() {
        ModelSpec spec = NetworksTest.tiny(Architecture.XNET);
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(spec, m, 3);
            NDArray x = m.randomUniform(0f, 1f, new Shape(8, 1, 64, 64));
            ParameterStore store = new ParameterStore(m, false);
            int steps = 5;
            float[] training = null;
            for (int i = 0; i < steps; i++) {
                training = net.forward(store, new NDList(x), true).singletonOrThrow().toFloatArray();
            }
            float[] before = net.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            BatchNormStatistics.removeStartValues(net, steps);
            float[] after = net.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();

            // measured: 3.95 before, 0.029 after; what is left is the unbiased (running) against the
            // biased (batch) variance, (n - 1) / n with n = 8 x 8 x 8 values per channel at the bottom
            assertThat(maxAbsDifference(before, training)).isGreaterThan(1.0);
            assertThat(maxAbsDifference(after, training)).isLessThan(0.05);
        }
    }

    @Test
    void startWeightIsTheMomentumToTheNumberOfSteps() {
        assertThat(BatchNormStatistics.startWeight(52)).isCloseTo(Math.pow(0.99f, 52), within(1e-7));
        assertThatThrownBy(() -> BatchNormStatistics.removeStartValues(new ConvUnit(1, 3), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
