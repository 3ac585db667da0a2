package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xnet.export.TinyNets;

/**
 * The folded inference program against the float64 twin {@link NaiveNet} (unfolded: batch norm as
 * its own step) and against the network's own layer-by-layer forward pass, for the three networks
 * (XNet with shared kernels and with 5x5 kernels too) with batch norms far from identity ({@link TinyNets#random}), on a
 * batch of two odd-sized images (so padding and cropping are exercised).
 *
 * <p>Tolerances. FP32: folding rounds each kernel and bias once (relative 2^-24) and the
 * convolutions sum in float, so logits agree with float64 within 1e-4 of max(1, |value|), the bound
 * ExactValuesTest holds the layer-by-layer network to. bf16: every activation, kernel and bias is
 * rounded to 8 significant bits (relative error up to 2^-9 each) through up to 15 layers, so single
 * logits may move by a few per cent of the logit range; the test asks for every logit within 5 % of
 * the largest |logit| of the image batch and for the class of every pixel whose two best float64
 * logits are more than that apart to be the float64 class.
 */
class FoldedNetworkTest {
    private static final int H = 19;
    private static final int W = 22;

    static Stream<Arguments> nets() {
        return Stream.of(TinyNets.XNET, TinyNets.XNET_SHARED, TinyNets.XNET.withKernelSize(5), TinyNets.UNET, TinyNets.SEGNET)
                .flatMap(spec -> Stream.of(MemoryLayout.values()).map(layout -> Arguments.of(spec, layout)));
    }

    @ParameterizedTest
    @MethodSource("nets")
    void fp32MatchesTheFloat64TwinAndTheUnfoldedNetwork(ModelSpec spec, MemoryLayout layout) {
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = TinyNets.random(spec, m, 11);
            NDArray x = images(m);
            RuntimeOptions options = new RuntimeOptions(Precision.FP32, layout);
            float[] folded = folded(net, options, x);
            net.setRuntimeOptions(options);
            float[] layers = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow()
                    .toFloatArray();
            double[] twin = twin(net, x);
            assertThat(folded).hasSize(twin.length);
            for (int i = 0; i < twin.length; i++) {
                double bound = 1e-4 * Math.max(1, Math.abs(twin[i]));
                assertThat((double) folded[i]).as("logit %d against float64", i).isCloseTo(twin[i],
                        org.assertj.core.data.Offset.offset(bound));
                assertThat((double) folded[i]).as("logit %d against the layer-by-layer network", i)
                        .isCloseTo(layers[i], org.assertj.core.data.Offset.offset(bound));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("nets")
    void bf16StaysNearTheFloat64TwinAndKeepsClearClasses(ModelSpec spec, MemoryLayout layout) {
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = TinyNets.random(spec, m, 11);
            NDArray x = images(m);
            float[] folded = folded(net, new RuntimeOptions(Precision.BF16, layout), x);
            double[] twin = twin(net, x);
            double range = 0;
            for (double v : twin) {
                range = Math.max(range, Math.abs(v));
            }
            double bound = 0.05 * range;
            int area = H * W;
            int clear = 0;
            for (int i = 0; i < twin.length; i++) {
                assertThat((double) folded[i]).as("logit %d", i).isCloseTo(twin[i],
                        org.assertj.core.data.Offset.offset(bound));
            }
            for (int n = 0; n < 2; n++) {
                for (int p = 0; p < area; p++) {
                    int best = 0;
                    int got = 0;
                    double second = Double.NEGATIVE_INFINITY;
                    for (int c = 1; c < 3; c++) {
                        int i = (n * 3 + c) * area + p;
                        if (twin[i] > twin[(n * 3 + best) * area + p]) {
                            best = c;
                        }
                        if (folded[i] > folded[(n * 3 + got) * area + p]) {
                            got = c;
                        }
                    }
                    for (int c = 0; c < 3; c++) {
                        if (c != best) {
                            second = Math.max(second, twin[(n * 3 + c) * area + p]);
                        }
                    }
                    if (twin[(n * 3 + best) * area + p] - second > 2 * bound) {
                        clear++;
                        assertThat(got).as("class of image %d pixel %d", n, p).isEqualTo(best);
                    }
                }
            }
            assertThat(clear).as("pixels with a clear class").isGreaterThan(area / 4);
        }
    }

    /** bf16 runs its first unit and head in FP32, so it runs folded only where FP32 in its layout passed the check. */
    @Test
    void bf16RunsFoldedOnlyWhereTheFp32KernelsOfItsLayoutPassed() {
        for (MemoryLayout layout : MemoryLayout.values()) {
            assertThat(FoldedNetwork.unsupported(new RuntimeOptions(Precision.FP32, layout))).isEmpty();
            boolean fp32Passes = Kernels.verdict(new RuntimeOptions(Precision.FP32, layout)).passes(Workload.INFERENCE);
            assertThat(FoldedNetwork.unsupported(new RuntimeOptions(Precision.BF16, layout)).isEmpty())
                    .as(layout.cliName()).isEqualTo(fp32Passes);
        }
    }

    @Test
    void refusesTrainingAndWrongInput() {
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = TinyNets.random(TinyNets.SEGNET, m, 3);
            try (FoldedNetwork f = FoldedNetwork.of(net, RuntimeOptions.FP32_NCHW)) {
                ParameterStore store = new ParameterStore(m, false);
                assertThatThrownBy(() -> f.forward(store, new NDList(m.ones(new Shape(1, 1, 8, 8))), true))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("inference only");
                assertThatThrownBy(() -> f.forward(store, new NDList(m.ones(new Shape(1, 2, 8, 8))), false))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(N, 1, H, W)");
            }
        }
    }

    @Test
    void programStoresEachSkipOnceAndReleasesItAtItsConcatenation() {
        try (NDManager m = NDManager.newBaseManager()) {
            InferenceProgram p = InferenceProgram.of(TinyNets.random(TinyNets.XNET, m, 3), MemoryLayout.CHANNELS_LAST);
            long[] code = p.code();
            assertThat(code[0]).isEqualTo(InferenceProgram.VERSION);
            assertThat(code[1]).isEqualTo(1);
            assertThat(p.convs()).hasSize(15);
            List<Long> ops = java.util.Arrays.stream(code).boxed().toList();
            // c1 in FP32: kernel 0, bias 1; x1 is the last skip to be concatenated (slot 4); c2 in the compute type
            assertThat(ops.subList(2, 12)).containsExactly(7L, 0L, 1L, 4L, 4L, 2L, 1L, 2L, 3L, 1L);
            // the head, last: kernel 28, bias 29, in FP32
            assertThat(ops.subList(ops.size() - 3, ops.size())).containsExactly(6L, 28L, 29L);
            int[] stored = new int[InferenceProgram.SLOTS];
            int[] concatenated = new int[InferenceProgram.SLOTS];
            int merged = 0;
            for (int i = 2; i < code.length; ) {
                int op = (int) code[i];
                assertThat(op).as("every upsampling merged into the unit after it").isNotEqualTo(InferenceProgram.UP);
                if (op == InferenceProgram.UPCONV) {
                    // 3x3 kernels: padding 1, even rows from row 0 of the output, odd rows from row 1
                    assertThat(ops.subList(i + 3, i + 6)).containsExactly(1L, 0L, 1L);
                    assertThat(p.convs().get((int) code[i + 1] / 2).shape()[2]).isEqualTo(2);
                    merged++;
                }
                if (op == InferenceProgram.STORE || op == InferenceProgram.CONCAT) {
                    int slot = (int) code[i + 1];
                    if (op == InferenceProgram.CONCAT) {
                        assertThat(stored[slot]).as("slot %d stored before its concatenation", slot).isEqualTo(1);
                        concatenated[slot]++;
                    } else {
                        stored[slot]++;
                    }
                }
                i += op == InferenceProgram.UPCONV ? 6 : op == InferenceProgram.CONV ? 4
                        : op == InferenceProgram.HEAD || op == InferenceProgram.FIRST ? 3
                        : op == InferenceProgram.STORE || op == InferenceProgram.CONCAT ? 2 : 1;
            }
            assertThat(merged).as("XNet's units c6, c7, c12, c13, c14").isEqualTo(5);
            assertThat(stored).containsExactly(1, 1, 1, 1, 1, 0, 0, 0);
            assertThat(concatenated).containsExactly(1, 1, 1, 1, 1, 0, 0, 0);
        }
    }

    /** Two seeded H x W images. */
    private static NDArray images(NDManager m) {
        return m.create(TinyNets.image(2 * H * W, 5), new Shape(2, 1, H, W));
    }

    /** The logits of {@code net} folded as {@code options} say, the folded network closed again. */
    private static float[] folded(SegmentationNet net, RuntimeOptions options, NDArray x) {
        try (FoldedNetwork f = FoldedNetwork.of(net, options)) {
            return f.forward(new ParameterStore(x.getManager(), false), new NDList(x), false).singletonOrThrow()
                    .toFloatArray();
        }
    }

    /** Logits (N, classes, H, W) of the float64 twin, flattened like the network's output. */
    private static double[] twin(SegmentationNet net, NDArray x) {
        NaiveNet naive = new NaiveNet(net);
        float[] v = x.toFloatArray();
        int n = (int) x.getShape().get(0);
        double[] out = new double[n * 3 * H * W];
        for (int b = 0; b < n; b++) {
            double[][][] image = new double[1][H][W];
            for (int i = 0; i < H; i++) {
                for (int j = 0; j < W; j++) {
                    image[0][i][j] = v[(b * H + i) * W + j];
                }
            }
            double[][][] logits = naive.logits(image);
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < H; i++) {
                    for (int j = 0; j < W; j++) {
                        out[((b * 3 + c) * H + i) * W + j] = logits[c][i][j];
                    }
                }
            }
        }
        return out;
    }
}
