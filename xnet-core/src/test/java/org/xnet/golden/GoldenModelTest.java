package org.xnet.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.SegClass;
import org.xnet.infer.Segmenter;
import org.xnet.infer.SegmenterOptions;
import org.xnet.io.ImageReaders;
import org.xnet.io.LabelImages;
import org.xnet.model.Architecture;
import org.xnet.model.KernelVerdict;
import org.xnet.model.Kernels;
import org.xnet.model.LoadedModel;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelMetadata;
import org.xnet.model.Networks;
import org.xnet.model.Precision;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.Workload;

/**
 * The golden model ({@link GoldenModel}, trained once and committed) still loads and segments its
 * fixed input as it did when it was made: FP32 NCHW always, and every other configuration that the
 * kernel check passes for inference on this machine (the others are skipped, as the CLI would not
 * use them).
 *
 * <p><b>FP32: probabilities within 1e-5, masks identical.</b> Another kernel (channels-last
 * instead of NCHW) or another thread count sums the same products in another order; each sum then
 * differs by some units of float32 rounding (2^-24 relative) of its terms, and a softmax moves no
 * probability by more than half the largest logit change (its Jacobian's rows have absolute sum
 * 2p(1-p) &lt;= 1/2). Measured on the machine that made the files: NCHW with one or two threads
 * reproduces them bit for bit, channels-last differs by at most 4.2e-7; 1e-5 leaves a factor of 24
 * for other CPUs' kernels. A pixel's class can only change where the expected top-two margin is
 * at most twice the tolerance, so masks must agree wherever it is above 2e-5 (every pixel here).
 *
 * <p><b>bf16: probabilities within 0.1, masks identical where the FP32 margin exceeds 0.2.</b>
 * bfloat16 keeps 8 significant bits; {@code Bf16ConvTest} bounds the logits of a bf16 network to
 * 5 % of the largest FP32 logit, which for this model (largest |logit| 15.6) would allow 0.39 and
 * say nothing. Measured: 0.021 (both layouts), and one pixel of 1,120 changes class, at an FP32
 * margin of 0.0023: near-ties legitimately flip. 0.1 is five times what was seen; masks are
 * compared only where the FP32 margin is above twice that (1,056 of the 1,120 pixels), where a
 * flip needs a probability error beyond the tolerance, that is, wrong arithmetic.
 *
 * <p><b>What it catches.</b> {@link #aWeightChangedByATenthOfAPercentFailsTheComparison} shows
 * that the FP32 comparison fails when one number of the file changes by 0.1 %. Checked by hand
 * (2026-12-05), scaling the largest element of each of the model's 86 parameter arrays by 1.01 in
 * turn: 70 changes move a probability by more than 1e-5 (up to 0.041); of the other 16, 12 are
 * biases of convolutions followed by a batch norm, which subtracts them again (at most 6e-6), 3
 * change nothing at all on this input (presumably a channel that the next ReLU silences) and one is
 * a kernel (6.2e-6). Batch norms run in training mode, or without the running statistics loaded,
 * move probabilities by 0.997 and 0.9998.
 */
class GoldenModelTest {
    static final float FP32_TOLERANCE = 1e-5f;
    static final float BF16_TOLERANCE = 0.1f;

    private static Path model;
    private static Image2D input;
    private static ProbabilityMap expected;
    private static LabelMap expectedMask;
    private static float[] margins;

    @BeforeAll
    static void readGoldenFiles() throws Exception {
        model = GoldenModel.resource(GoldenModel.MODEL);
        input = ImageReaders.read(GoldenModel.resource(GoldenModel.INPUT));
        expected = GoldenModel.readProbabilities(GoldenModel.resource(GoldenModel.PROBABILITIES));
        expectedMask = LabelImages.read(GoldenModel.resource(GoldenModel.MASK));
        margins = GoldenModel.topTwoMargins(expected);
    }

    @Test
    void theGoldenFilesAreTinyAndAgreeWithEachOther() throws Exception {
        ModelMetadata meta = ModelFile.readMetadata(model);
        assertThat(meta.spec().architecture()).isEqualTo(Architecture.XNET);
        assertThat(meta.spec().filters()).containsExactly(2, 4, 4, 8);
        assertThat(meta.inputSize()).isEqualTo(GoldenModel.MODEL_SIZE);
        assertThat(Files.size(model)).isLessThan(32 * 1024);
        assertThat(input.width()).isEqualTo(GoldenModel.INPUT_WIDTH);
        assertThat(input.height()).isEqualTo(GoldenModel.INPUT_HEIGHT);
        assertThat(expected.width()).isEqualTo(input.width());
        assertThat(expected.height()).isEqualTo(input.height());
        assertThat(expectedMask).isEqualTo(expected.argmax());
        assertThat(expectedMask.classCounts()).as("pixels per class").doesNotContain(0L);
    }

    @Test
    void fp32NchwReproducesTheExpectedProbabilitiesAndMask() throws Exception {
        assertReproduces(model, RuntimeOptions.FP32_NCHW);
    }

    static Stream<RuntimeOptions> otherConfigurations() {
        return RuntimeOptions.all().stream().filter(o -> !o.equals(RuntimeOptions.FP32_NCHW));
    }

    @ParameterizedTest
    @MethodSource("otherConfigurations")
    void everyConfigurationThatPassesTheKernelCheckReproducesThem(RuntimeOptions options) throws Exception {
        KernelVerdict verdict = Kernels.verdict(options);
        assumeThat(verdict.passes(Workload.INFERENCE)).as("%s fails the kernel check here: %s",
                options.describe(), verdict.forwardFailure()).isTrue();
        assertReproduces(model, options);
    }

    @Test
    void aWeightChangedByATenthOfAPercentFailsTheComparison(@TempDir Path dir) throws Exception {
        for (boolean first : new boolean[] {true, false}) {
            Path changed = dir.resolve((first ? "first" : "last") + ".xnet");
            try (NDManager manager = NDManager.newBaseManager()) {
                LoadedModel loaded = ModelFile.load(model, manager);
                List<Parameter> parameters = Networks.distinctParameters(loaded.network());
                // the first convolution's kernel, or the kernel of the 1x1 head convolution
                Parameter p = first ? parameters.get(0) : parameters.get(parameters.size() - 2);
                assertThat(p.getName()).isEqualTo("weight");
                float[] values = p.getArray().toFloatArray();
                int largest = 0;
                for (int i = 1; i < values.length; i++) {
                    largest = Math.abs(values[i]) > Math.abs(values[largest]) ? i : largest;
                }
                values[largest] *= 1.001f;
                p.getArray().set(values);
                ModelFile.save(changed, loaded.metadata(), loaded.network());
            }
            assertThatThrownBy(() -> assertReproduces(changed, RuntimeOptions.FP32_NCHW))
                    .as(changed.getFileName().toString()).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("probability");
        }
    }

    /** Segments the golden input with {@code modelFile} computing as {@code options} say and compares. */
    private static void assertReproduces(Path modelFile, RuntimeOptions options) throws Exception {
        float tolerance = options.precision() == Precision.FP32 ? FP32_TOLERANCE : BF16_TOLERANCE;
        ProbabilityMap actual;
        LabelMap mask;
        try (Segmenter segmenter = Segmenter.load(modelFile, options)) {
            actual = segmenter.probabilities(input, SegmenterOptions.resize());
            mask = segmenter.segment(input, SegmenterOptions.resize());
        }
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.height()).isEqualTo(expected.height());
        int n = input.width() * input.height();
        int worst = 0;
        for (int i = 1; i < actual.data().length; i++) {
            if (Math.abs(actual.data()[i] - expected.data()[i]) > Math.abs(actual.data()[worst] - expected.data()[worst])) {
                worst = i;
            }
        }
        assertThat(Math.abs(actual.data()[worst] - expected.data()[worst]))
                .as("%s: %s probability at (%d, %d): expected %s, got %s", options.describe(),
                        SegClass.of(worst / n).label(), worst % n % input.width(),
                        worst % n / input.width(), expected.data()[worst], actual.data()[worst])
                .isLessThanOrEqualTo(tolerance);
        int compared = 0;
        for (int i = 0; i < n; i++) {
            if (margins[i] > 2 * tolerance) {
                compared++;
                assertThat(mask.data()[i]).as("%s: class at (%d, %d), expected top-two margin %s", options.describe(),
                        i % input.width(), i / input.width(), margins[i]).isEqualTo(expectedMask.data()[i]);
            }
        }
        assertThat(compared).as("pixels whose class is compared").isGreaterThanOrEqualTo(n * 9 / 10);
    }
}
