package org.xnet.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xnet.model.ModelSpec;
import org.xnet.model.Networks;
import org.xnet.model.SegmentationNet;

/**
 * The exported graph computes what the DJL network computes: for each architecture (and XNet with
 * shared weights), with random kernels and batch-norm statistics far from identity, ONNX Runtime's
 * probabilities are within 1e-4 of DJL's FP32 NCHW ones and the argmax masks are identical, at a
 * fixed size and, through the dynamic-size export, at sizes that need padding and a batch of two.
 */
class OnnxParityTest {
    static Stream<Arguments> networks() {
        return Stream.of(Arguments.of("xnet", TinyNets.XNET), Arguments.of("xnet-shared", TinyNets.XNET_SHARED),
                Arguments.of("unet", TinyNets.UNET), Arguments.of("segnet", TinyNets.SEGNET));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void onnxRuntimeReproducesDjl(String name, ModelSpec spec) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationNet net = TinyNets.random(spec, manager, 11);
            byte[] fixed = OnnxExport.toBytes(net, OnnxShape.fixed(32, 32), Map.of());
            byte[] dynamic = OnnxExport.toBytes(net, OnnxShape.dynamic(), Map.of());
            compare(name + " fixed", fixed, net, manager, 1, 32, 32);
            compare(name + " dynamic", dynamic, net, manager, 2, 27, 21);
            compare(name + " dynamic", dynamic, net, manager, 1, 48, 40);
        }
    }

    private static void compare(String what, byte[] onnx, SegmentationNet net, NDManager manager, int batch,
                                int height, int width) throws Exception {
        int classes = net.spec().classes();
        float[] input = TinyNets.image(batch * height * width, height * 31L + width);
        float[] expected;
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(input, new Shape(batch, 1, height, width));
            expected = Networks.probabilities(net, x).toFloatArray();
        }
        float[] actual = OnnxRuntime.run(onnx, input, batch, 1, height, width);
        assertThat(actual).hasSize(expected.length);
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
        }
        int pixels = batch * height * width;
        int agree = 0;
        for (int p = 0; p < pixels; p++) {
            if (argmax(expected, p, classes, height * width) == argmax(actual, p, classes, height * width)) {
                agree++;
            }
        }
        double spread = spread(expected);
        System.out.printf(Locale.ROOT, "parity %-18s %dx1x%dx%d: max |p_djl - p_ort| = %.3g, masks agree on %d/%d px,"
                + " probabilities spread %.2f, %d bytes%n", what, batch, height, width, maxDiff, agree, pixels, spread,
                onnx.length);
        // an informative comparison: the probabilities vary from pixel to pixel, far more than the tolerance
        assertThat(spread).as(what + " range of DJL's probabilities").isGreaterThan(0.01);
        assertThat(maxDiff).as(what + " max probability difference").isLessThan(1e-4);
        assertThat(agree).as(what + " pixels whose class agrees").isEqualTo(pixels);
    }

    /** The largest minus the smallest probability. */
    private static double spread(float[] probs) {
        float min = 1;
        float max = 0;
        for (float p : probs) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        return max - min;
    }

    /** The most likely class of pixel {@code p} (over the whole batch) in an NCHW probability array. */
    static int argmax(float[] probs, int p, int classes, int area) {
        int n = p / area;
        int at = p % area;
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (probs[(n * classes + c) * area + at] > probs[(n * classes + best) * area + at]) {
                best = c;
            }
        }
        return best;
    }
}
