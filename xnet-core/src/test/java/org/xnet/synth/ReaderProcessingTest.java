package org.xnet.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The glow behind the collimator and the reader's processing: against a naive twin and by their effects. */
class ReaderProcessingTest {

    @Test
    void glowFallsOffWithTheDistanceToTheNearestExposedPixel() {
        int n = 17;
        int[] margins = {3, 0, 5, 2};
        float[] display = new float[n * n];
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < display.length; i++) {
            display[i] = (float) (0.5 * random.nextDouble());
        }
        float[] before = display.clone();
        Detector.addCollimatorGlow(display, n, margins, 0.3, 2.5);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                if (!Detector.collimated(x, y, n, margins)) {
                    assertThat(display[i]).as("exposed (%d, %d)", x, y).isEqualTo(before[i]);
                    continue;
                }
                double nearest = Double.POSITIVE_INFINITY;
                for (int v = 0; v < n; v++) {
                    for (int u = 0; u < n; u++) {
                        if (!Detector.collimated(u, v, n, margins)) {
                            nearest = Math.min(nearest, Math.hypot(u - x, v - y));
                        }
                    }
                }
                assertThat((double) display[i]).as("collimated (%d, %d)", x, y)
                        .isCloseTo(before[i] + 0.3 * Math.exp(-nearest / 2.5), within(1e-6));
            }
        }
    }

    @Test
    void processingWithoutUnsharpOrGammaOnlyWindowsToTheFullRange() {
        float[] display = {0.2f, 0.4f, 0.6f, 0.3f};
        assertThat(Detector.process(display, 2, 2, 0, 1, 1)).containsExactly(new float[] {0, 0.5f, 1, 0.25f}, within(1e-6f));
        float[] gamma = Detector.process(display, 2, 2, 0, 1, 2);
        assertThat(gamma).containsExactly(new float[] {0, 0.25f, 1, 0.0625f}, within(1e-6f));
        assertThat(Detector.process(new float[] {0.7f, 0.7f}, 2, 1, 1, 1, 1)).containsExactly(0, 0);
    }

    @Test
    void unsharpMaskingOvershootsAtAnEdgeAndCompressesWideRegions() {
        int w = 60;
        float[] step = new float[w];
        for (int x = 0; x < w; x++) {
            step[x] = x < w / 2 ? 0.2f : 0.8f;
        }
        float[] out = Detector.process(step, w, 1, 1.5, 6, 1);
        for (float v : out) {
            assertThat(v).isBetween(0f, 1f);
        }
        // the bright side is brightest next to the edge and the dark side darkest: the halo of a CR image
        assertThat(out[w / 2]).isGreaterThan(out[w - 1]);
        assertThat(out[w / 2 - 1]).isLessThan(out[0]);
        // far from the edge the two plateaus are closer than the full range: thick and thin parts compressed
        assertThat(out[w - 1] - out[0]).isLessThan(0.9f);
    }

    @Test
    void processingChangesTheGreyLevelsButNeverTheLabels() {
        BodyVolume body = BodyVolume.of(Phantoms.cylinderWithRod(40, 5, 15, 10, 1000, false), -300);
        SynthConfig raw = SynthesizerTest.noisy(5);
        Synthesizer plain = new Synthesizer(raw);
        Synthesizer processed = new Synthesizer(raw.withProcessing(0.4, 2, 1.5));
        int changed = 0;
        for (View v : plain.drawViews(9)) {
            Radiograph a = plain.render(body, v);
            Radiograph b = processed.render(body, v);
            assertThat(b.labels()).isEqualTo(a.labels());
            changed += a.image().equals(b.image()) ? 0 : 1;
            for (float value : b.image().data()) {
                assertThat(value).isBetween(0f, 1f);
            }
        }
        assertThat(changed).isEqualTo(3);
    }
}
