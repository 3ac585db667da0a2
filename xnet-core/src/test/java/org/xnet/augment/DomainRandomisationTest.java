package org.xnet.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xnet.core.Sample;

/**
 * Domain randomisation: each effect does what it says on tiny seeded images, labels never change, and
 * with it off the augmentation is exactly what it was.
 */
class DomainRandomisationTest {
    private static final int N = 32;

    /** Only the fields given non-neutral values by the caller happen. */
    private static DomainParams only(double linear, double period, double amplitude, double scatter, int markers,
                                     double blur, double noise, boolean poisson, double correlation,
                                     double processing, double low, double high, double gamma, boolean invert) {
        return new DomainParams(linear, period, amplitude, false, 0.3, scatter, 0.15, markers, 5, blur, noise, poisson,
                correlation, 11, processing, 0.1, low, high, gamma, invert);
    }

    private static float[] ramp() {
        float[] v = new float[N * N];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) i / (v.length - 1);
        }
        return v;
    }

    private static Sample randomSample(long seed) {
        return TestSamples.random(new SplittableRandom(seed), N, N, (byte) 0, (byte) 1, (byte) 2);
    }

    @Test
    void invertedPolarityMapsMinToMaxAndBack() {
        Sample in = randomSample(1);
        float[] v = in.image().data().clone();
        DomainRandomiser.normalise(v, 0, v.length);
        float[] expected = v.clone();
        DomainRandomiser.apply(only(0, 0, 0, 0, 0, 0, 0, false, 0, 0, 0, 0, 1, true), v, 0, N, N);
        for (int i = 0; i < v.length; i++) {
            assertThat(v[i]).isCloseTo(1 - expected[i], within(1e-6f));
        }
    }

    @Test
    void linearIntensityFollowsTheFormula() {
        float[] v = ramp();
        double k = 6;
        DomainRandomiser.apply(only(k, 0, 0, 0, 0, 0, 0, false, 0, 0, 0, 0, 1, false), v, 0, N, N);
        double lo = Math.exp(-k);
        for (int i = 0; i < v.length; i++) {
            double t = Math.exp(-k * (1 - (double) i / (v.length - 1)));
            assertThat((double) v[i]).as("pixel %d", i).isCloseTo((t - lo) / (1 - lo), within(1e-5));
        }
    }

    @Test
    void gridLinesHaveTheStatedPeriod() {
        int w = 64;
        float[] v = new float[w * 4];
        java.util.Arrays.fill(v, 0.5f);
        DomainRandomiser.grid(v, 0, w, 4, 6.4, 0.05, false, 1.0);
        // the strongest non-zero frequency of a row is w / period = 10 cycles
        int best = 0;
        double bestPower = 0;
        for (int f = 1; f < w / 2; f++) {
            double re = 0;
            double im = 0;
            for (int x = 0; x < w; x++) {
                re += (v[x] - 0.5) * Math.cos(2 * Math.PI * f * x / w);
                im += (v[x] - 0.5) * Math.sin(2 * Math.PI * f * x / w);
            }
            if (re * re + im * im > bestPower) {
                bestPower = re * re + im * im;
                best = f;
            }
        }
        assertThat(best).isEqualTo(10);
        float[] integer = new float[w * 4];
        DomainRandomiser.grid(integer, 0, w, 4, 4, 0.05, true, 0.2);
        for (int y = 0; y < 4; y++) {
            assertThat(integer[y * w]).as("lines along rows: constant along a row").isEqualTo(integer[y * w + 17]);
        }
        assertThat(integer[0]).isNotEqualTo(integer[w]);
        assertThat(max(integer) - min(integer)).isLessThanOrEqualTo(0.1f + 1e-6f);
    }

    @Test
    void detectorBlurPreservesTheMeanAndSmooths() {
        SplittableRandom random = new SplittableRandom(3);
        float[] v = new float[N * N];
        for (int y = 8; y < N - 8; y++) {
            for (int x = 8; x < N - 8; x++) {
                v[y * N + x] = (float) random.nextDouble();
            }
        }
        double before = mean(v);
        double roughBefore = roughness(v);
        DomainRandomiser.blur(v, 0, N, N, 1.2, new float[N * N]);
        assertThat(mean(v)).as("a zero border wider than the kernel keeps every bit of the mass").isCloseTo(before, within(1e-6));
        assertThat(roughness(v)).isLessThan(roughBefore / 3);
    }

    @Test
    void scatterIsLowPass() {
        int n = 64;
        float[] checker = new float[n * n];
        float[] constant = new float[N * N];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                checker[y * n + x] = (x + y) % 2 == 0 ? 1 : -1;
            }
        }
        java.util.Arrays.fill(constant, 0.7f);
        float[] wide = new float[n * n];
        double[] line = new double[3 * n + 2];
        LowPass.apply(checker, 0, n, n, 5, wide, line);
        assertThat(Math.max(max(wide), -min(wide))).as("the highest frequency, amplitude 1, falls tenfold even at the edge")
                .isLessThan(0.1f);
        for (int y = 16; y < n - 16; y++) {
            for (int x = 16; x < n - 16; x++) {
                assertThat(Math.abs(wide[y * n + x])).as("and is gone inside").isLessThan(0.001f);
            }
        }
        float[] out = new float[N * N];
        LowPass.apply(constant, 0, N, N, 5, out, line);
        for (float o : out) {
            assertThat(o).as("a flat field passes").isCloseTo(0.7f, within(1e-5f));
        }
        // the whole scatter step adds a smooth signal: its roughness is far below the image's
        Sample in = randomSample(4);
        float[] v = in.image().data().clone();
        DomainRandomiser.normalise(v, 0, v.length);
        float[] before = v.clone();
        DomainRandomiser.apply(only(0, 0, 0, 0.5, 0, 0, 0, false, 0, 0, 0, 0, 1, false), v, 0, N, N);
        // undo the final min-max: v = (before + 0.5 low - m) / r, so before is an affine image of v minus the added part
        float[] added = new float[N * N];
        LowPass.apply(before, 0, N, N, 0.15 * N, added, line);
        float[] recomposed = new float[N * N];
        for (int i = 0; i < added.length; i++) {
            recomposed[i] = before[i] + 0.5f * added[i];
        }
        DomainRandomiser.normalise(recomposed, 0, recomposed.length);
        for (int i = 0; i < v.length; i++) {
            assertThat(v[i]).isCloseTo(recomposed[i], within(1e-5f));
        }
        assertThat(roughness(added)).isLessThan(roughness(before) / 20);
    }

    @Test
    void noiseHasItsStrengthShapeAndTexture() {
        float[] flat = new float[64 * 64];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = i < flat.length / 2 ? 0.25f : 1f;
        }
        flat[0] = 0;
        DomainRandomiser.Scratch s = new DomainRandomiser.Scratch().ensure(64, 64);
        float[] gauss = flat.clone();
        DomainRandomiser.noise(gauss, 0, 64, 64, only(0, 0, 0, 0, 0, 0, 0.02, false, 0, 0, 0, 0, 1, false), s);
        float[] poisson = flat.clone();
        DomainRandomiser.noise(poisson, 0, 64, 64, only(0, 0, 0, 0, 0, 0, 0.02, true, 0, 0, 0, 0, 1, false), s);
        float[] correlated = flat.clone();
        DomainRandomiser.noise(correlated, 0, 64, 64, only(0, 0, 0, 0, 0, 0, 0.02, false, 1.5, 0, 0, 0, 1, false), s);
        int half = flat.length / 2;
        assertThat(sd(gauss, flat, 1, half)).isCloseTo(0.02, within(0.002));
        assertThat(sd(gauss, flat, half, flat.length)).isCloseTo(0.02, within(0.002));
        assertThat(sd(poisson, flat, 1, half) / sd(poisson, flat, half, flat.length))
                .as("Poisson-like: sd grows with sqrt(v), sqrt(0.25) = 0.5").isCloseTo(0.5, within(0.05));
        assertThat(sd(correlated, flat, half, flat.length)).as("correlation keeps the strength").isCloseTo(0.02, within(0.003));
        assertThat(neighbourCorrelation(gauss, flat)).isLessThan(0.1);
        assertThat(neighbourCorrelation(correlated, flat)).isGreaterThan(0.5);
    }

    @Test
    void windowAndGammaFollowTheirFormulas() {
        float[] v = ramp();
        DomainRandomiser.apply(only(0, 0, 0, 0, 0, 0, 0, false, 0, 0, 0.1, 0.2, 1, false), v, 0, N, N);
        for (int i = 0; i < v.length; i++) {
            double x = (double) i / (v.length - 1);
            assertThat((double) v[i]).isCloseTo(Math.min(1, Math.max(0, (x - 0.1) / 0.7)), within(1e-5));
        }
        float[] g = ramp();
        DomainRandomiser.apply(only(0, 0, 0, 0, 0, 0, 0, false, 0, 0, 0, 0, 1.7, false), g, 0, N, N);
        for (int i = 0; i < g.length; i++) {
            assertThat((double) g[i]).isCloseTo(Math.pow((double) i / (g.length - 1), 1.7), within(1e-5));
        }
    }

    @Test
    void markersAreBurntInAtTheImageExtremesAndLabelsKeepTheClassBeneath() {
        Sample in = randomSample(5);
        AugmentPipeline pipeline = new AugmentPipeline(AugmentConfig.identity());
        AugmentParams params = new AugmentParams(WarpParams.identity(), new ImageEffect.Blur(0),
                only(0, 0, 0, 0, 3, 0, 0, false, 0, 0, 0, 0, 1, false));
        Sample out = pipeline.apply(in, params);
        assertThat(out.label().data()).isEqualTo(in.label().data());
        float[] before = in.image().data().clone();
        DomainRandomiser.normalise(before, 0, before.length);
        int changed = 0;
        for (int i = 0; i < before.length; i++) {
            if (out.image().data()[i] != before[i]) {
                changed++;
                assertThat(out.image().data()[i]).isIn(0f, 1f);
            }
        }
        assertThat(changed).isPositive();
        float[] copy = before.clone();
        assertThat(Markers.burn(copy, 0, N, N, 3, 5)).as("burn reports the pixels it set").isGreaterThanOrEqualTo(changed);
    }

    @Test
    void labelsMoveWithGeometryAndNeverWithIntensity() {
        AugmentPipeline plain = new AugmentPipeline(AugmentConfig.defaults());
        AugmentPipeline randomised = new AugmentPipeline(
                AugmentConfig.defaults().withDomain(DomainConfig.preset(EnumSet.allOf(DomainEffect.class))));
        for (long seed = 0; seed < 20; seed++) {
            Sample in = randomSample(100 + seed);
            AugmentParams drawn = randomised.draw(new SplittableRandom(seed));
            AugmentParams without = new AugmentParams(drawn.warp(), drawn.effect());
            Sample a = randomised.apply(in, drawn);
            Sample b = plain.apply(in, without);
            assertThat(a.label().data()).as("seed %d", seed).isEqualTo(b.label().data());
            assertThat(min(a.image().data())).isGreaterThanOrEqualTo(0f);
            assertThat(max(a.image().data())).isLessThanOrEqualTo(1f);
            if (!drawn.warp().equals(WarpParams.identity())) {
                assertThat(a.label().data()).as("the warp moved the labels").isNotEqualTo(in.label().data());
            }
        }
    }

    @Test
    void offDrawsAndReturnsExactlyWhatTheOriginalAugmentationDid() {
        AugmentPipeline plain = new AugmentPipeline(AugmentConfig.defaults());
        AugmentPipeline off = new AugmentPipeline(AugmentConfig.defaults().withDomain(DomainConfig.off()));
        AugmentPipeline on = new AugmentPipeline(
                AugmentConfig.defaults().withDomain(DomainConfig.preset(EnumSet.of(DomainEffect.INVERT))));
        Sample in = randomSample(7);
        for (long seed = 0; seed < 10; seed++) {
            assertThat(off.apply(in, new SplittableRandom(seed)).image().data())
                    .isEqualTo(plain.apply(in, new SplittableRandom(seed)).image().data());
            AugmentParams p = plain.draw(new SplittableRandom(seed));
            AugmentParams q = on.draw(new SplittableRandom(seed));
            assertThat(q.warp()).isEqualTo(p.warp());
            assertThat(q.effect()).isEqualTo(p.effect());
        }
    }

    @Test
    void presetSwitchesOnlyTheNamedEffects() {
        DomainConfig some = DomainConfig.preset(DomainEffect.parse("Invert, noise"));
        assertThat(some.invert()).isEqualTo(0.3);
        assertThat(some.noise()).isEqualTo(0.5);
        assertThat(some.linear() + some.grid() + some.scatter() + some.markers() + some.blur() + some.processing()
                + some.window() + some.gamma()).isZero();
        assertThat(DomainConfig.preset(DomainEffect.parse("none")).anyOn()).isFalse();
        assertThat(DomainEffect.parse("all")).hasSize(DomainEffect.values().length);
        assertThatThrownBy(() -> DomainEffect.parse("invert,sepia")).hasMessageContaining("'sepia'")
                .hasMessageContaining("linear, grid");
        assertThatThrownBy(() -> new DomainConfig(1.5, new Range(2, 8), 0, new Range(2.5, 10), new Range(0.01, 0.05), 0,
                new Range(0.1, 0.6), 0, 3, 0, new Range(0.3, 1.5), 0, new Range(0.005, 0.04), 2, 0,
                new Range(0.5, 3), 0, 0.2, 0, 2, 0)).hasMessageContaining("1.5");
    }

    @Test
    void jsonRoundTripAndOldConfigsWithoutDomain() throws Exception {
        ObjectMapper json = new ObjectMapper();
        AugmentConfig c = AugmentConfig.defaults().withDomain(DomainConfig.preset(DomainEffect.parse("all")));
        assertThat(json.readValue(json.writeValueAsString(c), AugmentConfig.class)).isEqualTo(c);
        var tree = json.valueToTree(AugmentConfig.defaults());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove("domain");
        assertThat(json.treeToValue(tree, AugmentConfig.class).domain()).isEqualTo(DomainConfig.off());
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Mean squared difference of horizontal neighbours. */
    private static double roughness(float[] v) {
        double s = 0;
        for (int i = 1; i < v.length; i++) {
            s += (v[i] - v[i - 1]) * (double) (v[i] - v[i - 1]);
        }
        return s / v.length;
    }

    private static double sd(float[] noisy, float[] clean, int from, int to) {
        double s = 0;
        double q = 0;
        for (int i = from; i < to; i++) {
            double d = noisy[i] - clean[i];
            s += d;
            q += d * d;
        }
        int n = to - from;
        return Math.sqrt(q / n - (s / n) * (s / n));
    }

    /** Correlation of the noise at horizontal neighbours (within rows of the 64-wide test image). */
    private static double neighbourCorrelation(float[] noisy, float[] clean) {
        double sxy = 0;
        double sxx = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 1; x < 64; x++) {
                double a = noisy[y * 64 + x] - clean[y * 64 + x];
                double b = noisy[y * 64 + x - 1] - clean[y * 64 + x - 1];
                sxy += a * b;
                sxx += a * a;
            }
        }
        return sxy / sxx;
    }

    private static float min(float[] v) {
        float m = Float.POSITIVE_INFINITY;
        for (float x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static float max(float[] v) {
        float m = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
