package org.xnet.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.xnet.core.Sample;

/** The fast warp, blur, elastic field and pipeline agree with their naive twins on seeded random inputs. */
class WarpPropertyTest {

    @Property(tries = 60, seed = "20261126")
    void fastWarpMatchesNaiveTwin(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int w = 1 + random.nextInt(24);
        int h = 1 + random.nextInt(24);
        Sample sample = TestSamples.random(random, w, h, (byte) 0, (byte) 1, (byte) 2);
        WarpParams p = randomParams(random);
        for (Interpolation interp : Interpolation.values()) {
            Sample fast = Warp.apply(sample, p, interp);
            float[] naive = NaiveAugment.warpImage(sample.image().data(), w, h, p, interp, null, null);
            assertClose(fast.image().data(), naive, 1e-5, p + " " + interp);
            assertThat(fast.label().data())
                    .as("label, %s", p)
                    .isEqualTo(NaiveAugment.warpLabel(sample.label().data(), w, h, p));
        }
    }

    @Property(tries = 40, seed = "20261126")
    void displacedWarpMatchesNaiveTwin(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int w = 1 + random.nextInt(20);
        int h = 1 + random.nextInt(20);
        Sample sample = TestSamples.random(random, w, h, (byte) 0, (byte) 2);
        WarpParams p = randomParams(random);
        float[][] d = NaiveAugment.elasticField(w, h, 3 * random.nextDouble(), random.nextDouble(), random.nextLong());
        Sample fast = Warp.apply(sample, p, Interpolation.BICUBIC, d[0], d[1]);
        assertClose(fast.image().data(),
                NaiveAugment.warpImage(sample.image().data(), w, h, p, Interpolation.BICUBIC, d[0], d[1]), 1e-5,
                p.toString());
        assertThat(fast.label().data()).isEqualTo(NaiveAugment.warpLabel(sample.label().data(), w, h, p));
    }

    @Property(tries = 60, seed = "20261126")
    void fastBlurMatchesNaiveTwin(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int w = 1 + random.nextInt(30);
        int h = 1 + random.nextInt(30);
        Sample sample = TestSamples.random(random, w, h, (byte) 1);
        double sigma = 3 * random.nextDouble();
        float[] fast = GaussianBlur.apply(sample.image(), sigma).data();
        assertClose(fast, NaiveAugment.blur(sample.image().data(), w, h, sigma, Border.SYMMETRIC), 1e-5,
                "sigma " + sigma);
    }

    @Property(tries = 40, seed = "20261126")
    void fastElasticFieldMatchesNaiveTwin(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int w = 1 + random.nextInt(30);
        int h = 1 + random.nextInt(30);
        double alpha = 2 * random.nextDouble();
        double sigma = 2 * random.nextDouble();
        long fieldSeed = random.nextLong();
        float[][] fast = ElasticField.generate(w, h, alpha, sigma, fieldSeed);
        float[][] naive = NaiveAugment.elasticField(w, h, alpha, sigma, fieldSeed);
        assertClose(fast[0], naive[0], 1e-5, "dx");
        assertClose(fast[1], naive[1], 1e-5, "dy");
    }

    @Property(tries = 40, seed = "20261126")
    void pipelineMatchesNaiveTwinAndKeepsClasses(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int w = 2 + random.nextInt(30);
        int h = 2 + random.nextInt(30);
        Sample sample = TestSamples.random(random, w, h, (byte) 0, (byte) 2);
        Interpolation interpolation = (seed & 1) == 0 ? Interpolation.BILINEAR : Interpolation.BICUBIC;
        AugmentPipeline pipeline = new AugmentPipeline(AugmentConfig.defaults().withInterpolation(interpolation));
        AugmentParams params = pipeline.draw(random);
        Sample fast = pipeline.apply(sample, params);

        float[] naive;
        if (params.effect() instanceof ImageEffect.Elastic e) {
            float[][] d = NaiveAugment.elasticField(w, h, e.alpha(), e.sigma(), e.seed());
            naive = NaiveAugment.warpImage(sample.image().data(), w, h, params.warp(), interpolation, d[0], d[1]);
        } else {
            float[] warped = NaiveAugment.warpImage(sample.image().data(), w, h, params.warp(), interpolation,
                    null, null);
            naive = NaiveAugment.blur(warped, w, h, ((ImageEffect.Blur) params.effect()).sigma(), Border.SYMMETRIC);
        }
        assertClose(fast.image().data(), naive, 1e-5, params.toString());
        assertThat(fast.label().data()).isEqualTo(NaiveAugment.warpLabel(sample.label().data(), w, h, params.warp()));
        for (byte b : fast.label().data()) {
            assertThat(b).as("label value").isIn((byte) 0, (byte) 2);
        }
    }

    /** Parameters well beyond the configured ranges, to exercise the border handling. */
    static WarpParams randomParams(SplittableRandom r) {
        return new WarpParams(r.nextBoolean(), r.nextBoolean(), 0.6 * r.nextDouble() - 0.3, 0.6 * r.nextDouble() - 0.3,
                360 * r.nextDouble() - 180, 60 * r.nextDouble() - 30, 0.6 * r.nextDouble(), 0.6 * r.nextDouble(),
                r.nextDouble(), r.nextDouble());
    }

    static void assertClose(float[] actual, float[] expected, double tolerance, String what) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            if (Math.abs(actual[i] - expected[i]) > tolerance) {
                throw new AssertionError(what + ": pixel " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }
}
