package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class ConvUnitTest {
    @Test
    void runningStatisticsFollowKerasMomentum() {
        try (NDManager m = NDManager.newBaseManager()) {
            ConvUnit unit = new ConvUnit(1, 3);
            unit.initialize(m, DataType.FLOAT32, new Shape(2, 1, 4, 4));
            // identity convolution: centre tap 1, bias 0
            float[] kernel = new float[9];
            kernel[4] = 1;
            param(unit, "conv_weight").getArray().set(kernel);
            param(unit, "conv_bias").getArray().set(new float[] {0});
            param(unit, "bn_runningMean").getArray().set(new float[] {2f});
            param(unit, "bn_runningVar").getArray().set(new float[] {3f});
            NDArray x = m.arange(32f).reshape(2, 1, 4, 4);
            unit.forward(new ParameterStore(m, false), new NDList(x), true);
            double mean = 15.5;
            double unbiasedVar = 0;
            for (int i = 0; i < 32; i++) {
                unbiasedVar += (i - mean) * (i - mean);
            }
            unbiasedVar /= 31;
            assertThat(param(unit, "bn_runningMean").getArray().getFloat())
                    .isCloseTo((float) (0.99 * 2 + 0.01 * mean), within(1e-5f));
            // libtorch averages the unbiased batch variance, as Keras' fused batch norm (its default for images) does
            assertThat(param(unit, "bn_runningVar").getArray().getFloat())
                    .isCloseTo((float) (0.99 * 3 + 0.01 * unbiasedVar), within(1e-4f));
        }
    }

    /** The parameter of {@code unit} whose name ends in {@code suffix} (e.g. "bn_runningMean"). */
    static Parameter param(ConvUnit unit, String suffix) {
        for (Pair<String, Parameter> p : unit.getParameters()) {
            if (p.getKey().endsWith(suffix)) {
                return p.getValue();
            }
        }
        throw new AssertionError("no parameter ending in " + suffix + " in " + unit.getParameters().keys());
    }
}
