package org.xnet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The confidence and entropy maps of {@link ProbabilityMap}, by hand and against a naive twin in doubles. */
class ProbabilityMapsTest {

    @Test
    void handComputedPixels() {
        // pixel 0 uniform, pixel 1 certain, pixel 2 split between two classes, pixel 3 (0.7, 0.2, 0.1)
        float[] p = {
            1f / 3, 0, 0.5f, 0.7f,
            1f / 3, 1, 0.5f, 0.2f,
            1f / 3, 0, 0, 0.1f};
        ProbabilityMap map = new ProbabilityMap(4, 1, 3, p);
        assertThat(map.confidence().data()).containsExactly(new float[] {1f / 3, 1, 0.5f, 0.7f}, within(1e-7f));
        double h3 = -(0.7 * Math.log(0.7) + 0.2 * Math.log(0.2) + 0.1 * Math.log(0.1)) / Math.log(3);
        assertThat(map.entropy().data()).containsExactly(
                new float[] {1, 0, (float) (Math.log(2) / Math.log(3)), (float) h3}, within(1e-6f));
    }

    @Test
    void agreeWithANaiveTwinOnRandomMaps() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 20; trial++) {
            int w = random.nextInt(1, 30);
            int h = random.nextInt(1, 30);
            int n = w * h;
            float[] p = new float[3 * n];
            for (int i = 0; i < n; i++) {
                double[] raw = {Math.exp(4 * random.nextDouble()), Math.exp(4 * random.nextDouble()),
                        Math.exp(4 * random.nextDouble())};
                double sum = raw[0] + raw[1] + raw[2];
                for (int c = 0; c < 3; c++) {
                    p[c * n + i] = (float) (raw[c] / sum);
                }
            }
            ProbabilityMap map = new ProbabilityMap(w, h, 3, p);
            Image2D confidence = map.confidence();
            Image2D entropy = map.entropy();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double max = 0;
                    double e = 0;
                    for (int c = 0; c < 3; c++) {
                        double v = map.get(c, x, y);
                        max = Math.max(max, v);
                        e -= v * Math.log(v);
                    }
                    assertThat(confidence.get(x, y)).isEqualTo((float) max);
                    assertThat((double) entropy.get(x, y)).isCloseTo(e / Math.log(3), within(1e-6));
                }
            }
        }
    }
}
