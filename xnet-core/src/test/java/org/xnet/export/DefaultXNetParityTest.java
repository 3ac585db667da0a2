package org.xnet.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xnet.model.ModelSpec;
import org.xnet.model.Networks;
import org.xnet.model.SegmentationNet;

/** The full-size XNet (11.7 M parameters, random batch norms) exported dynamic: ORT matches DJL at 200x200 and 256x184. */
@Tag("slow")
class DefaultXNetParityTest {
    @Test
    void defaultXNetMatchesAtTwoSizes() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationNet net = TinyNets.random(ModelSpec.xnet(), manager, 4);
            long start = System.nanoTime();
            byte[] onnx = OnnxExport.toBytes(net, OnnxShape.dynamic(), Map.of());
            System.out.printf(Locale.ROOT, "default xnet: %,d bytes of ONNX in %.2f s (network in memory)%n",
                    onnx.length, (System.nanoTime() - start) / 1e9);
            for (int[] hw : new int[][] {{200, 200}, {184, 256}}) {
                float[] input = TinyNets.image(hw[0] * hw[1], hw[0]);
                float[] expected;
                try (NDManager sub = manager.newSubManager()) {
                    expected = Networks.probabilities(net, sub.create(input, new Shape(1, 1, hw[0], hw[1]))).toFloatArray();
                }
                float[] actual = OnnxRuntime.run(onnx, input, 1, 1, hw[0], hw[1]);
                double maxDiff = 0;
                int agree = 0;
                int area = hw[0] * hw[1];
                for (int i = 0; i < expected.length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
                }
                for (int p = 0; p < area; p++) {
                    agree += OnnxParityTest.argmax(expected, p, 3, area) == OnnxParityTest.argmax(actual, p, 3, area) ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "default xnet %dx%d: max |p_djl - p_ort| = %.3g, masks agree on %d/%d px%n",
                        hw[1], hw[0], maxDiff, agree, area);
                assertThat(maxDiff).isLessThan(1e-4);
                assertThat(agree).isEqualTo(area);
            }
        }
    }
}
