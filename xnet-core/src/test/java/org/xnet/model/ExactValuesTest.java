package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exact outputs of tiny networks with seeded weights (every parameter, running statistics included)
 * against the naive twin {@link NaiveNet}: a wiring, padding or batch-norm mistake fails here.
 */
class ExactValuesTest {
    @ParameterizedTest
    @CsvSource({
            "XNET, false, '2,3,2,3', 3, 8, 8",
            "XNET, false, '2,3,2,3', 3, 10, 13",
            "XNET, true, '2,3,2,3', 3, 11, 9",
            "XNET, false, '2,2,2,2', 5, 8, 12",
            "SEGNET, false, '2,3,2,3', 3, 9, 14",
            "UNET, false, '2,3,2,3,2', 3, 16, 16",
            "UNET, false, '2,3,2,3,2', 5, 18, 11",
    })
    void blockEqualsNaiveTwin(Architecture arch, boolean share, String filters, int kernel, int h, int w) {
        ModelSpec spec = ModelSpec.of(arch).withSharedWeights(share).withKernelSize(kernel)
                .withFilters(java.util.Arrays.stream(filters.split(",")).map(Integer::valueOf).toList());
        Random random = new Random(1234L + h * 31L + w);
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(spec, m, 9);
            randomizeEveryParameter(net, random);
            double[][][] image = new double[1][h][w];
            float[] flat = new float[h * w];
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    flat[i * w + j] = random.nextFloat();
                    image[0][i][j] = flat[i * w + j];
                }
            }
            NDArray x = m.create(flat, new Shape(1, 1, h, w));
            float[] actual = net.forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
            double[][][] expected = new NaiveNet(net).logits(image);
            assertThat(actual).hasSize(3 * h * w);
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double e = expected[c][i][j];
                        assertThat((double) actual[(c * h + i) * w + j]).as("class %d pixel (%d,%d)", c, i, j)
                                .isCloseTo(e, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(e))));
                    }
                }
            }
        }
    }

    private static void randomizeEveryParameter(SegmentationNet net, Random random) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray a = p.getValue().getArray();
            float[] values = new float[Math.toIntExact(a.size())];
            boolean variance = p.getKey().endsWith("runningVar");
            for (int i = 0; i < values.length; i++) {
                values[i] = variance ? 0.5f + random.nextFloat() : 2 * random.nextFloat() - 1;
            }
            a.set(values);
        }
    }
}
