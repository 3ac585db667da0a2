package org.xnet.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xnet.core.SegClass;
import org.xnet.core.Volume;

/** Determinism, the detector model, and the fast ray marcher and blur against naive twins. */
class SynthesizerTest {
    static BodyVolume body;

    @BeforeAll
    static void phantom() {
        body = BodyVolume.of(Phantoms.cylinderWithRod(40, 5, 15, 10, 1000, false), -300);
    }

    static SynthConfig noisy(long seed) {
        return new SynthConfig(3, 48, seed, -180, 180, 10, SynthConfig.Beam.CONE, 1000, 1e4, 0.8, 0.2,
                -300, 250, -300, 2, 0.5, 10, 1, 0, 0, 1);
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() {
        Synthesizer a = new Synthesizer(noisy(5));
        Synthesizer b = new Synthesizer(noisy(5));
        for (int i = 0; i < 3; i++) {
            Radiograph ra = a.render(body, a.drawViews(11).get(i));
            Radiograph rb = b.render(body, b.drawViews(11).get(i));
            assertThat(ra.image()).isEqualTo(rb.image());
            assertThat(ra.labels()).isEqualTo(rb.labels());
        }
        assertThat(a.drawViews(11)).isNotEqualTo(a.drawViews(12));
        View v = a.drawViews(11).get(0);
        assertThat(a.render(body, v).image()).isNotEqualTo(a.render(body, new View(v.angleDeg(), v.tiltDeg(), 99)).image());
    }

    @Test
    void drawnViewsStayInTheConfiguredRanges() {
        SynthConfig c = new SynthConfig(200, 16, 3, -20, 40, 7, SynthConfig.Beam.CONE, 1000, 0, 0, 0,
                -300, 250, -300, 2, 0.5, 10, 1, 0, 0, 1);
        for (View v : new Synthesizer(c).drawViews(1)) {
            assertThat(v.angleDeg()).isBetween(-20.0, 40.0);
            assertThat(v.tiltDeg()).isBetween(-7.0, 7.0);
        }
    }

    @Test
    void collimatedBorderIsOneLevelNoBrighterThanTheAnatomyAndLabelledOpenBeam() {
        Synthesizer s = new Synthesizer(noisy(5));
        Synthesizer open = new Synthesizer(noisy(5).withFraming(0, 1));
        int seen = 0;
        for (View v : s.drawViews(3)) {
            Radiograph r = s.render(body, v);
            Radiograph uncollimated = open.render(body, v);
            int[] m = Detector.collimatorMargins(48, 0.2, new SplittableRandom(v.seed()));
            float level = Float.NaN;
            float darkestExposed = Float.POSITIVE_INFINITY;
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 48; x++) {
                    if (Detector.collimated(x, y, 48, m)) {
                        seen++;
                        level = Float.isNaN(level) ? r.image().get(x, y) : level;
                        assertThat(r.image().get(x, y)).as("collimator at (%d, %d)", x, y).isEqualTo(level);
                        assertThat(r.labels().get(x, y)).isEqualTo(SegClass.OPEN_BEAM.index());
                    } else {
                        darkestExposed = Math.min(darkestExposed, r.image().get(x, y));
                        assertThat(r.labels().get(x, y)).as("label at (%d, %d)", x, y)
                                .isEqualTo(uncollimated.labels().get(x, y));
                    }
                }
            }
            if (!Float.isNaN(level)) {
                assertThat(level).isBetween(0f, darkestExposed);
            }
        }
        assertThat(seen).isPositive();
    }

    @Test
    void collimateSetsOneLevelBetweenZeroAndTheDarkestExposedPixel() {
        SplittableRandom random = new SplittableRandom(8);
        for (int trial = 0; trial < 200; trial++) {
            float[] display = new float[30];
            boolean[] covered = new boolean[30];
            float darkest = Float.POSITIVE_INFINITY;
            for (int i = 0; i < 30; i++) {
                display[i] = (float) random.nextDouble();
                covered[i] = i < 5 || random.nextInt(4) == 0;
                darkest = covered[i] ? darkest : Math.min(darkest, display[i]);
            }
            float[] before = display.clone();
            Detector.collimate(display, covered, new SplittableRandom(trial));
            for (int i = 0; i < 30; i++) {
                if (covered[i]) {
                    assertThat(display[i]).isEqualTo(display[0]).isBetween(0f, darkest);
                } else {
                    assertThat(display[i]).isEqualTo(before[i]);
                }
            }
        }
    }

    @Test
    void fieldsStayInsideTheFittedFieldAndShowLessOpenBeam() {
        Synthesizer whole = new Synthesizer(noisy(5).withFraming(0, 1));
        Synthesizer framed = new Synthesizer(noisy(5).withFraming(0, 0.4));
        double openWhole = 0;
        double openFramed = 0;
        for (View v : whole.drawViews(21).subList(0, 3)) {
            assertThat(whole.fieldOf(v)).containsExactly(1, 0, 0);
        }
        for (View v : framed.drawViews(4)) {
            double[] f = framed.fieldOf(v);
            assertThat(f[0]).isBetween(0.4, 1.0);
            assertThat(Math.abs(f[1])).isLessThanOrEqualTo((1 - f[0]) / 2);
            assertThat(Math.abs(f[2])).isLessThanOrEqualTo((1 - f[0]) / 2);
            assertThat(framed.fieldOf(v)).containsExactly(f);
            openWhole += fraction(whole.render(body, v), SegClass.OPEN_BEAM);
            openFramed += fraction(framed.render(body, v), SegClass.OPEN_BEAM);
        }
        assertThat(openFramed).isLessThan(openWhole);
    }

    @Test
    void aShiftedGeometryMovesEveryPixelByTheShift() {
        View view = new View(30, 5, 1);
        Geometry g = Geometry.of(view, 7, 1.5, 2.5, 300);
        Geometry h = g.shifted(4, -6);
        for (int i = 0; i < 7; i++) {
            assertThat(h.offsetU(i)).isCloseTo(g.offsetU(i) + 4, within(1e-12));
            assertThat(h.offsetV(i)).isCloseTo(g.offsetV(i) - 6, within(1e-12));
        }
    }

    private static double fraction(Radiograph r, SegClass c) {
        int count = 0;
        for (byte b : r.labels().data()) {
            count += b == c.index() ? 1 : 0;
        }
        return count / (double) r.labels().data().length;
    }

    @Test
    void poissonCountsHaveTheRightMeanAndVariance() {
        SplittableRandom random = new SplittableRandom(1);
        for (double mean : new double[] {3, 20, 400}) {
            double sum = 0;
            double sq = 0;
            int n = 40_000;
            for (int i = 0; i < n; i++) {
                double k = Detector.poisson(mean, random);
                sum += k;
                sq += k * k;
            }
            double m = sum / n;
            assertThat(m).isCloseTo(mean, within(0.03 * mean));
            assertThat(sq / n - m * m).isCloseTo(mean, within(0.06 * mean));
        }
    }

    @Test
    void separableBlurMatchesDirectConvolution() {
        SplittableRandom random = new SplittableRandom(2);
        int w = 13;
        int h = 9;
        float[] img = new float[w * h];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) random.nextDouble();
        }
        double sigma = 1.3;
        float[] fast = Detector.blur(img, w, h, sigma);
        int r = (int) Math.ceil(3 * sigma);
        double norm = 0;
        for (int k = -r; k <= r; k++) {
            norm += Math.exp(-k * k / (2 * sigma * sigma));
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        int xx = Math.min(w - 1, Math.max(0, x + dx));
                        int yy = Math.min(h - 1, Math.max(0, y + dy));
                        acc += Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)) / (norm * norm) * img[yy * w + xx];
                    }
                }
                assertThat((double) fast[y * w + x]).isCloseTo(acc, within(1e-5));
            }
        }
    }

    @Test
    void rayMarcherMatchesANaiveTrilinearSumOnRandomVolumes() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 5; trial++) {
            int nx = 6 + random.nextInt(6);
            int ny = 6 + random.nextInt(6);
            int nz = 6 + random.nextInt(6);
            float[] data = new float[nx * ny * nz];
            for (int i = 0; i < data.length; i++) {
                data[i] = random.nextInt(-1000, 2000);
            }
            BodyVolume v = BodyVolume.of(new Volume(nx, ny, nz, data, 1.2, 0.8, 1.5), -2000);
            View view = new View(random.nextDouble(-180, 180), random.nextDouble(-10, 10), 1);
            Geometry g = Geometry.of(view, 5, 2.0, random.nextBoolean() ? 0 : 300);
            double step = 0.4;
            Projector p = new Projector(v, step, 250, -300);
            for (int col = 0; col < 5; col++) {
                for (int row = 0; row < 5; row++) {
                    double[] fast = new double[3];
                    p.ray(g, col, row, fast);
                    double[] naive = NaiveRay.integrate(v, g, col, row, step, 250, -300);
                    assertThat(fast[0]).isCloseTo(naive[0], within(1e-9 + 1e-9 * naive[0]));
                    assertThat(fast[1]).isEqualTo(naive[1]);
                    assertThat(fast[2]).isEqualTo(naive[2]);
                }
            }
        }
    }
}
