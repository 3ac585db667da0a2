package org.xnet.augment;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;

/**
 * The XNet augmentation, in the order of the original code ({@code augmentations.py},
 * {@code TrainingClass.augmentator}): flips and affine, then the random crop resized back, then one of
 * Gaussian blur or elastic deformation on the image only. That is the order of the original's active
 * code ({@code spatial_det}, {@code random_crop(0.1, 0.4)}, {@code other_det}); DESIGN.md and issue 5
 * put the crop last, the order of a commented-out variant. Flips, affine and crop are one composed warp
 * (one interpolation pass, bilinear by default: see {@link AugmentConfig}); the elastic displacement is
 * folded into the same pass for the image.
 *
 * <p>Sampling order (the same random stream always gives the same parameters): 1 horizontal flip
 * ({@code nextDouble() < p}), 2 vertical flip, 3 translate x, 4 translate y, 5 rotate, 6 shear (each
 * {@code (2 nextDouble() - 1) * max}), 7 crop x, 8 crop y ({@link Range#draw}), 9 crop offset x,
 * 10 crop offset y ({@code nextDouble()}), 11 elastic-or-blur ({@code nextDouble() < elasticProbability}),
 * 12 either the elastic alpha ({@link Range#draw}) then the field seed ({@code nextLong()}), or the blur
 * sigma ({@link Range#draw}). Every draw is made even when its range is a single point. When the
 * config's {@link DomainConfig} is not off ({@link DomainConfig#anyOn()}), one more draw
 * ({@code nextLong()}) seeds the domain randomisation ({@link DomainParams#draw}), which is applied
 * to the image last ({@link DomainRandomiser}); with it off the stream is as it always was.
 */
public final class AugmentPipeline {
    private final AugmentConfig config;
    private final float[] elasticKernel;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    public AugmentPipeline(AugmentConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.elasticKernel = GaussianBlur.kernel(config.elasticSigma());
    }

    public AugmentConfig config() {
        return config;
    }

    /** Draws one set of parameters (12 or 13 draws, one more with domain randomisation, in the order given above). */
    public AugmentParams draw(RandomGenerator random) {
        boolean flipH = random.nextDouble() < config.flipHorizontal();
        boolean flipV = random.nextDouble() < config.flipVertical();
        double tx = symmetric(random, config.translate());
        double ty = symmetric(random, config.translate());
        double rotate = symmetric(random, config.rotateDegrees());
        double shear = symmetric(random, config.shearDegrees());
        double cropX = config.crop().draw(random);
        double cropY = config.crop().draw(random);
        double offsetX = random.nextDouble();
        double offsetY = random.nextDouble();
        WarpParams warp = new WarpParams(flipH, flipV, tx, ty, rotate, shear, cropX, cropY, offsetX, offsetY);
        ImageEffect effect;
        if (random.nextDouble() < config.elasticProbability()) {
            double alpha = config.elasticAlpha().draw(random);
            effect = new ImageEffect.Elastic(alpha, config.elasticSigma(), random.nextLong());
        } else {
            effect = new ImageEffect.Blur(config.blurSigma().draw(random));
        }
        DomainParams domain = !config.domain().anyOn() ? DomainParams.none()
                : DomainParams.draw(config.domain(), new SplittableRandom(random.nextLong()));
        return new AugmentParams(warp, effect, domain);
    }

    /** A freshly augmented copy of {@code sample}, parameters drawn from {@code random}. */
    public Sample apply(Sample sample, RandomGenerator random) {
        return apply(sample, draw(random));
    }

    /** {@code sample} augmented with the given parameters. */
    public Sample apply(Sample sample, AugmentParams params) {
        int w = sample.image().width();
        int h = sample.image().height();
        float[] image = new float[w * h];
        byte[] label = new byte[w * h];
        applyInto(sample, params, image, 0, label, 0);
        return new Sample(new Image2D(w, h, image), new LabelMap(w, h, label), sample.bodyPart(), sample.source());
    }

    /**
     * Writes the augmented image to {@code image[imageOffset..]} and the label to
     * {@code label[labelOffset..]} ({@code w*h} values each), without allocating per pixel.
     */
    public void applyInto(Sample sample, AugmentParams params, float[] image, int imageOffset, byte[] label,
                          int labelOffset) {
        int w = sample.image().width();
        int h = sample.image().height();
        double[] m = params.warp().sourceMatrix(w, h);
        Scratch s = scratch.get().ensure(w * h);
        if (params.effect() instanceof ImageEffect.Elastic elastic) {
            float[] kernel = elastic.sigma() == config.elasticSigma() ? elasticKernel
                    : GaussianBlur.kernel(elastic.sigma());
            ElasticField.generateInto(w, h, elastic.alpha(), kernel, elastic.seed(), s.dx, s.dy, s.tmp);
            Warp.warpInto(sample.image().data(), sample.label().data(), w, h, m, config.interpolation(),
                    s.dx, s.dy, image, imageOffset, label, labelOffset);
        } else if (params.effect() instanceof ImageEffect.Blur blur) {
            Warp.warpInto(sample.image().data(), sample.label().data(), w, h, m, config.interpolation(),
                    null, null, image, imageOffset, label, labelOffset);
            float[] kernel = GaussianBlur.kernel(blur.sigma());
            if (kernel.length > 1) {
                GaussianBlur.blurInPlace(image, imageOffset, w, h, kernel, s.tmp, Border.SYMMETRIC);
            }
        }
        DomainRandomiser.apply(params.domain(), image, imageOffset, w, h);
    }

    private static double symmetric(RandomGenerator random, double max) {
        return (2 * random.nextDouble() - 1) * max;
    }

    /** Per-thread work arrays, sized to the current image. */
    private static final class Scratch {
        float[] dx = new float[0];
        float[] dy = new float[0];
        float[] tmp = new float[0];

        Scratch ensure(int n) {
            if (dx.length != n) {
                dx = new float[n];
                dy = new float[n];
                tmp = new float[n];
            }
            return this;
        }
    }
}
