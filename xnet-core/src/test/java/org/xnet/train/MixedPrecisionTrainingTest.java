package org.xnet.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xnet.core.Dataset;
import org.xnet.model.Architecture;
import org.xnet.model.ModelSpec;
import org.xnet.model.Networks;
import org.xnet.model.MemoryLayout;
import org.xnet.model.Precision;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.SegmentationNet;

/**
 * Mixed-precision training (bf16 convolutions) updates the FP32 master weights: every step changes
 * them, they stay FP32, and the loss falls on the phantom data as it does in FP32.
 */
class MixedPrecisionTrainingTest {
    private static final ModelSpec TINY = ModelSpec.of(Architecture.XNET).withFilters(List.of(4, 8, 8, 16));

    @Test
    void bf16StepsChangeTheFp32WeightsAndLowerTheLoss() {
        Dataset data = TinySegData.dataset(16, 8, 2, 3);
        SegBatch batch = SegBatch.of(data.train());
        RuntimeOptions bf16 = new RuntimeOptions(Precision.BF16, MemoryLayout.CHANNELS_LAST);
        try (TrainableNet net = TrainableNet.of(TINY, 16, 9, bf16)) {
            assertThat(((SegmentationNet) net.block()).runtimeOptions()).isEqualTo(bf16);
            KerasOptimizer optimizer = new RmsProp(1e-3f, 0f);
            List<float[]> before = weights(net);
            double first = net.trainStep(batch, LossKind.CROSS_ENTROPY, 1e-4f, optimizer).loss();
            List<float[]> after = weights(net);
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i)).as("parameter %d after one bf16 step", i).isNotEqualTo(before.get(i));
            }
            double last = first;
            for (int i = 0; i < 20; i++) {
                last = net.trainStep(batch, LossKind.CROSS_ENTROPY, 1e-4f, optimizer).loss();
            }
            assertThat(last).isLessThan(0.8 * first);
            for (Parameter p : Networks.distinctParameters(net.block())) {
                assertThat(p.getArray().getDataType()).as(p.getName()).isEqualTo(DataType.FLOAT32);
            }
        }
    }

    private static List<float[]> weights(TrainableNet net) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : Networks.convolutionKernels(net.block())) {
            out.add(p.getArray().toFloatArray());
        }
        return out;
    }
}
