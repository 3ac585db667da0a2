package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetworksTest {
    private static final List<Integer> TINY = List.of(4, 8, 8, 16);
    private static final List<Integer> TINY_UNET = List.of(4, 4, 8, 8, 16);

    static ModelSpec tiny(Architecture a) {
        return ModelSpec.of(a).withFilters(a == Architecture.UNET ? TINY_UNET : TINY);
    }

    @Test
    void defaultXNetHasTheOriginalTrainableParameterCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(Networks.trainableParameterCount(Networks.initialized(ModelSpec.xnet(), m, 1)))
                    .isEqualTo(11_734_851L);
        }
    }

    @Test
    void defaultSegNetHasTheOriginalTrainableParameterCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(Networks.trainableParameterCount(Networks.initialized(ModelSpec.segnet(), m, 1)))
                    .isEqualTo(5_462_403L);
        }
    }

    @Test
    void defaultUNetCountMatchesTheStandardGraph() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(Networks.trainableParameterCount(Networks.initialized(ModelSpec.unet(), m, 1)))
                    .isEqualTo(expectedUNetCount(List.of(64, 128, 256, 512, 1024), 1, 3, 3));
        }
    }

    @Test
    void weightSharingRemovesExactlyTheSharedKernelsAndBiases() {
        try (NDManager m = NDManager.newBaseManager()) {
            long plain = Networks.trainableParameterCount(Networks.initialized(ModelSpec.xnet(), m, 1));
            SegmentationNet shared = Networks.initialized(ModelSpec.xnet().withSharedWeights(true), m, 1);
            // c9=c3 (128->256), c10=c4 (256->512), c11=c5 (512->512), c12=c6 (512->256), c13=c7 (512->128)
            long sharedConvs = conv(128, 256) + conv(256, 512) + conv(512, 512) + conv(512, 256) + conv(512, 128);
            assertThat(Networks.trainableParameterCount(shared)).isEqualTo(plain - sharedConvs);
            assertThat(shared.getParameters().keys()).noneMatch(k -> k.startsWith("09c9_01conv"));
            assertThat(shared.getParameters().keys()).contains("09c9_01bn_gamma", "03c3_01conv_weight");
        }
    }

    @Test
    void parameterNamesAreReadable() {
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(tiny(Architecture.XNET), m, 1);
            // DJL prefixes each child's name with its position
            assertThat(net.getParameters().keys()).contains("01c1_01conv_weight", "01c1_01conv_bias",
                    "01c1_02bn_gamma", "01c1_02bn_beta", "14c14_02bn_runningVar", "15head_weight", "15head_bias");
        }
    }

    static Stream<Arguments> architecturesAndSizes() {
        int[][] sizes = {{200, 200}, {256, 256}, {64, 96}, {199, 301}};
        return Stream.of(Architecture.values()).flatMap(a -> Stream.of(sizes).map(s -> Arguments.of(a, s[0], s[1])));
    }

    @ParameterizedTest
    @MethodSource("architecturesAndSizes")
    void outputHasTheInputSizeAndProbabilitiesSumToOne(Architecture arch, int h, int w) {
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(tiny(arch), m, 7);
            NDArray x = m.randomUniform(0f, 1f, new Shape(2, 1, h, w));
            NDArray p = Networks.probabilities(net, x);
            assertThat(p.getShape()).isEqualTo(new Shape(2, 3, h, w));
            float[] sums = p.sum(new int[] {1}).toFloatArray();
            for (float s : sums) {
                assertThat(s).isCloseTo(1f, within(1e-5f));
            }
            assertThat(p.min().getFloat()).isGreaterThanOrEqualTo(0f);
        }
    }

    @Test
    void withSoftmaxGivesTheSameProbabilities() {
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(tiny(Architecture.SEGNET), m, 3);
            NDArray x = m.randomUniform(0f, 1f, new Shape(1, 1, 20, 12));
            NDArray expected = Networks.probabilities(net, x);
            NDArray actual = Networks.withSoftmax(net)
                    .forward(new ai.djl.training.ParameterStore(m, false), new ai.djl.ndarray.NDList(x), false)
                    .singletonOrThrow();
            assertThat(actual.toFloatArray()).containsExactly(expected.toFloatArray());
        }
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] a = kernel(Networks.initialized(tiny(Architecture.XNET), m, 42));
            float[] b = kernel(Networks.initialized(tiny(Architecture.XNET), m, 42));
            float[] c = kernel(Networks.initialized(tiny(Architecture.XNET), m, 43));
            assertThat(a).containsExactly(b);
            assertThat(a).isNotEqualTo(c);
        }
    }

    @Test
    void rejectsWrongChannelCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(tiny(Architecture.XNET), m, 1);
            NDArray x = m.zeros(new Shape(1, 3, 8, 8));
            assertThatThrownBy(() -> Networks.probabilities(net, x))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(1, 3, 8, 8)");
        }
    }

    @Test
    void convolutionKernelsAreWeightsOfConvolutionsOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(tiny(Architecture.XNET).withSharedWeights(true), m, 1);
            List<Parameter> kernels = Networks.convolutionKernels(net);
            assertThat(kernels).hasSize(15 - 5);
            assertThat(kernels).allMatch(p -> p.getType() == Parameter.Type.WEIGHT && p.getArray().getShape().dimension() == 4);
        }
    }

    private static float[] kernel(SegmentationNet net) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getKey().equals("05c5_01conv_weight")) {
                return p.getValue().getArray().toFloatArray();
            }
        }
        throw new AssertionError("no 05c5_01conv_weight");
    }

    private static long conv(int in, int out) {
        return 9L * in * out + out;
    }

    private static long unit(int in, int out, int k) {
        return (long) k * k * in * out + out + 2L * out;
    }

    static long expectedUNetCount(List<Integer> f, int channels, int classes, int k) {
        long n = 0;
        int in = channels;
        for (int depth : f) {
            n += unit(in, depth, k) + unit(depth, depth, k);
            in = depth;
        }
        for (int i = f.size() - 2; i >= 0; i--) {
            n += unit(f.get(i + 1), f.get(i), k) + unit(2 * f.get(i), f.get(i), k) + unit(f.get(i), f.get(i), k);
        }
        return n + (long) f.get(0) * classes + classes;
    }
}
