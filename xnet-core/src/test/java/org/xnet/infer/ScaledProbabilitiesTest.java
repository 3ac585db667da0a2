package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Resize;
import org.xnet.core.SegClass;
import org.xnet.eval.PostProcessing;

class ScaledProbabilitiesTest {
    /** Random probabilities summing to 1 per pixel, with near-ties so that band edges would show. */
    private static ProbabilityMap random(int width, int height, long seed) {
        Random random = new Random(seed);
        int n = width * height;
        float[] data = new float[SegClass.COUNT * n];
        for (int i = 0; i < n; i++) {
            float a = random.nextFloat();
            float b = random.nextFloat() * (1 - a);
            data[i] = a;
            data[n + i] = b;
            data[2 * n + i] = 1 - a - b;
        }
        return new ProbabilityMap(width, height, SegClass.COUNT, data);
    }

    @Test
    void masksMadeBandByBandEqualThoseOfTheFullSizeProbabilities() {
        ProbabilityMap small = random(13, 9, 5);
        // 203 rows: several bands and a short last one; 41 columns: upsampled by a non-integer factor
        ScaledProbabilities scaled = new ScaledProbabilities(small, 41, 203);
        ProbabilityMap full = scaled.full();
        for (int c = 0; c < SegClass.COUNT; c++) {
            assertThat(full.channel(c).data()).isEqualTo(Resize.bilinear(small.channel(c), 41, 203).data());
            assertThat(scaled.channel(c).data()).isEqualTo(full.channel(c).data());
        }
        assertThat(scaled.argmax()).isEqualTo(full.argmax());
        assertThat(scaled.labels(band -> PostProcessing.thresholdSoftTissue(band, 0.3)))
                .isEqualTo(PostProcessing.thresholdSoftTissue(full, 0.3));
    }

    @Test
    void confidenceAndEntropyMadeBandByBandEqualThoseOfTheFullSizeProbabilities() {
        ProbabilityMap small = random(11, 8, 7);
        ScaledProbabilities scaled = new ScaledProbabilities(small, 37, 150);
        ProbabilityMap full = scaled.full();
        assertThat(scaled.map(ProbabilityMap::confidence)).isEqualTo(full.confidence());
        assertThat(scaled.map(ProbabilityMap::entropy)).isEqualTo(full.entropy());
        double naiveMean = 0;
        for (float v : full.confidence().data()) {
            naiveMean += v;
        }
        naiveMean /= 37 * 150;
        assertThat(scaled.mean(ProbabilityMap::confidence)).isCloseTo(naiveMean, within(1e-12));
        ScaledProbabilities same = new ScaledProbabilities(small, 11, 8);
        assertThat(same.map(ProbabilityMap::entropy)).isEqualTo(small.entropy());
    }

    @Test
    void atTheWorkingSizeNothingIsResized() {
        ProbabilityMap small = random(7, 5, 6);
        ScaledProbabilities same = new ScaledProbabilities(small, 7, 5);
        assertThat(same.full()).isSameAs(small);
        assertThat(same.argmax()).isEqualTo(small.argmax());
    }
}
