package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xnet.infer.TinyModels.flipHorizontal;
import static org.xnet.infer.TinyModels.flipVertical;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Normalise;
import org.xnet.core.ProbabilityMap;

class SegmenterTest {
    private static Segmenter tiny;

    @BeforeAll
    static void load() {
        tiny = TinyModels.tinyXNet(32, 7);
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    @ParameterizedTest
    @CsvSource({"RESIZE,37,53", "RESIZE,20,400", "RESIZE,400,20", "RESIZE,1,1", "TILED,37,53", "TILED,20,400",
            "TILED,400,20", "TILED,1,1", "TILED,129,31"})
    void outputHasTheInputSize(InferenceMode mode, int width, int height) {
        Image2D image = TinyModels.random(width, height, 11);
        ProbabilityMap p = tiny.probabilities(image, SegmenterOptions.resize().withMode(mode));
        LabelMap labels = p.argmax();
        assertThat(p.width()).isEqualTo(width);
        assertThat(p.height()).isEqualTo(height);
        assertThat(labels.sameSize(image)).isTrue();
        assertProbabilities(p);
    }

    @Test
    void tiledPerPixelNetworkEqualsTheUntiledPrediction() {
        // Same 96x72 working image: 32-pixel tiles (3 scales of 32) versus one 96-pixel tile.
        Image2D image = TinyModels.random(200, 150, 3);
        try (NDManager base = NDManager.newBaseManager()) {
            Block net = TinyModels.pointwise(base, 5);
            Segmenter tiles = new Segmenter(net, base.newSubManager(), 3, 32, 32, Normalise::meanThenMinMax);
            Segmenter whole = new Segmenter(net, base.newSubManager(), 3, 96, 96, Normalise::meanThenMinMax);
            ProbabilityMap tiled = tiles.probabilities(image, SegmenterOptions.tiled().withTileScale(3));
            ProbabilityMap single = whole.probabilities(image, SegmenterOptions.tiled().withTileScale(1));
            assertClose(tiled, single, 1e-6);
        }
    }

    @Test
    void tilingAUniformImageGivesAUniformPrediction() {
        // Every tile of a uniform image sees the same values and a per-pixel network gives every pixel
        // the same probabilities, so any seam would show as a variation.
        Image2D image = new Image2D(301, 187, filled(301 * 187, 0.25f));
        try (NDManager base = NDManager.newBaseManager()) {
            Block net = TinyModels.pointwise(base, 9);
            Segmenter tiles = new Segmenter(net, base.newSubManager(), 3, 16, 16, v -> v);
            ProbabilityMap p = tiles.probabilities(image, SegmenterOptions.tiled().withTileScale(7.3));
            for (int c = 0; c < 3; c++) {
                Image2D channel = p.channel(c);
                assertThat(channel.max() - channel.min()).as("class %d", c).isLessThan(1e-6f);
            }
            assertThat(p.get(0, 0, 0)).isNotEqualTo(1f / 3);
        }
    }

    @ParameterizedTest
    @CsvSource({"RESIZE", "TILED"})
    void ttaIsTheMeanOfTheFourFlippedPredictions(InferenceMode mode) {
        Image2D image = TinyModels.smooth(45, 38, 21);
        SegmenterOptions plain = SegmenterOptions.resize().withMode(mode).withTileScale(1.5);
        ProbabilityMap tta = tiny.probabilities(image, plain.withTta(true));
        ProbabilityMap id = tiny.probabilities(image, plain);
        ProbabilityMap h = flip(tiny.probabilities(flipHorizontal(image), plain), true, false);
        ProbabilityMap v = flip(tiny.probabilities(flipVertical(image), plain), false, true);
        ProbabilityMap hv = flip(tiny.probabilities(flipVertical(flipHorizontal(image)), plain), true, true);
        float[] mean = new float[id.data().length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (id.data()[i] + h.data()[i] + v.data()[i] + hv.data()[i]) / 4;
        }
        assertClose(tta, new ProbabilityMap(45, 38, 3, mean), 1e-5);
    }

    @Test
    void ttaPredictionOfAFlipSymmetricImageIsFlipSymmetric() {
        Image2D half = TinyModels.smooth(20, 15, 4);
        Image2D image = mirrorBoth(half);
        ProbabilityMap p = tiny.probabilities(image, SegmenterOptions.resize().withTta(true));
        assertClose(flip(p, true, false), p, 1e-5);
        assertClose(flip(p, false, true), p, 1e-5);
    }

    @Test
    void batchingDoesNotChangeThePrediction() {
        List<Image2D> images = List.of(TinyModels.smooth(40, 30, 1), TinyModels.smooth(17, 60, 2),
                TinyModels.smooth(33, 33, 3));
        List<ProbabilityMap> batched = tiny.probabilities(images, SegmenterOptions.resize().withBatchSize(2));
        for (int i = 0; i < images.size(); i++) {
            assertClose(batched.get(i), tiny.probabilities(images.get(i), SegmenterOptions.resize().withBatchSize(1)),
                    1e-5);
        }
    }

    static void assertProbabilities(ProbabilityMap p) {
        int n = p.width() * p.height();
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < p.classes(); c++) {
                float v = p.data()[c * n + i];
                assertThat(v).isBetween(0f, 1f);
                sum += v;
            }
            assertThat(sum).as("sum at pixel %d", i).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    static void assertClose(ProbabilityMap actual, ProbabilityMap expected, double tolerance) {
        assertThat(actual.sizeString()).isEqualTo(expected.sizeString());
        double worst = 0;
        for (int i = 0; i < actual.data().length; i++) {
            worst = Math.max(worst, Math.abs(actual.data()[i] - expected.data()[i]));
        }
        assertThat(worst).as("largest probability difference").isLessThanOrEqualTo(tolerance);
    }

    private static ProbabilityMap flip(ProbabilityMap p, boolean horizontal, boolean vertical) {
        float[] out = new float[p.data().length];
        int w = p.width();
        int h = p.height();
        for (int c = 0; c < p.classes(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sx = horizontal ? w - 1 - x : x;
                    int sy = vertical ? h - 1 - y : y;
                    out[(c * h + y) * w + x] = p.get(c, sx, sy);
                }
            }
        }
        return new ProbabilityMap(w, h, p.classes(), out);
    }

    private static Image2D mirrorBoth(Image2D q) {
        int w = q.width() * 2;
        int h = q.height() * 2;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = x < q.width() ? x : w - 1 - x;
                int sy = y < q.height() ? y : h - 1 - y;
                out[y * w + x] = q.get(sx, sy);
            }
        }
        return new Image2D(w, h, out);
    }

    private static float[] filled(int n, float v) {
        float[] d = new float[n];
        java.util.Arrays.fill(d, v);
        return d;
    }
}
