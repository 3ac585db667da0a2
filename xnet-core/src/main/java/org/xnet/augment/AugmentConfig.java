package org.xnet.augment;

import java.util.Objects;

/**
 * The ranges of the augmentation pipeline. {@link #defaults()} holds the original XNet values:
 * flips with p = 0.5, translate ±1 %, rotate ±15°, shear ±2°, crop 10–40 % of each axis, then one of
 * Gaussian blur σ ∈ [0, 0.4] or elastic deformation α ∈ [0.5, 1.5], σ = 0.25 (equally likely).
 * The image is sampled bilinearly by default, as the original's affine ({@code order=1}); the original
 * resized its crop bicubically, but here flips, affine and crop are one warp with one interpolation, so
 * the crop is bilinear too ({@link #withInterpolation} picks bicubic for all three).
 *
 * @param flipHorizontal probability of a left-right flip
 * @param flipVertical probability of an up-down flip
 * @param translate largest shift as a fraction of the width/height, drawn in [-translate, translate]
 * @param rotateDegrees largest rotation, drawn in [-rotateDegrees, rotateDegrees]
 * @param shearDegrees largest horizontal shear, drawn in [-shearDegrees, shearDegrees]
 * @param crop fraction of each axis cropped away before resizing back, in [0, 0.9]
 * @param elasticProbability probability of the elastic deformation instead of the blur
 * @param blurSigma Gaussian blur sigma in pixels
 * @param elasticAlpha elastic displacement scale in pixels
 * @param elasticSigma elastic smoothing sigma in pixels
 * @param interpolation how the image is sampled (the label always uses nearest neighbour)
 * @param domain the image-only domain randomisation applied last ({@link DomainConfig#off()} by default;
 *        a JSON config without this key gets it off)
 */
public record AugmentConfig(double flipHorizontal, double flipVertical, double translate, double rotateDegrees,
                            double shearDegrees, Range crop, double elasticProbability, Range blurSigma,
                            Range elasticAlpha, double elasticSigma, Interpolation interpolation,
                            DomainConfig domain) {
    public AugmentConfig {
        requireIn("flipHorizontal", flipHorizontal, 0, 1);
        requireIn("flipVertical", flipVertical, 0, 1);
        requireIn("translate", translate, 0, 0.5);
        requireIn("rotateDegrees", rotateDegrees, 0, 180);
        requireIn("shearDegrees", shearDegrees, 0, 60);
        requireRange("crop", crop, 0, 0.9);
        requireIn("elasticProbability", elasticProbability, 0, 1);
        requireRange("blurSigma", blurSigma, 0, 10);
        requireRange("elasticAlpha", elasticAlpha, 0, 50);
        requireIn("elasticSigma", elasticSigma, 0, 50);
        Objects.requireNonNull(interpolation, "interpolation");
        domain = domain == null ? DomainConfig.off() : domain;
    }

    /** The ranges without domain randomisation. */
    public AugmentConfig(double flipHorizontal, double flipVertical, double translate, double rotateDegrees,
                         double shearDegrees, Range crop, double elasticProbability, Range blurSigma,
                         Range elasticAlpha, double elasticSigma, Interpolation interpolation) {
        this(flipHorizontal, flipVertical, translate, rotateDegrees, shearDegrees, crop, elasticProbability,
                blurSigma, elasticAlpha, elasticSigma, interpolation, DomainConfig.off());
    }

    /** The original XNet augmentation ranges, with bilinear image sampling. */
    public static AugmentConfig defaults() {
        return new AugmentConfig(0.5, 0.5, 0.01, 15, 2, new Range(0.1, 0.4), 0.5, new Range(0, 0.4),
                new Range(0.5, 1.5), 0.25, Interpolation.BILINEAR);
    }

    /** A configuration under which the pipeline returns its input unchanged. */
    public static AugmentConfig identity() {
        return new AugmentConfig(0, 0, 0, 0, 0, Range.of(0), 0, Range.of(0), Range.of(0), 0.25,
                Interpolation.BILINEAR);
    }

    /** A copy sampling the image with {@code value}. */
    public AugmentConfig withInterpolation(Interpolation value) {
        return new AugmentConfig(flipHorizontal, flipVertical, translate, rotateDegrees, shearDegrees, crop,
                elasticProbability, blurSigma, elasticAlpha, elasticSigma, value, domain);
    }

    /** A copy with this domain randomisation. */
    public AugmentConfig withDomain(DomainConfig value) {
        return new AugmentConfig(flipHorizontal, flipVertical, translate, rotateDegrees, shearDegrees, crop,
                elasticProbability, blurSigma, elasticAlpha, elasticSigma, interpolation, value);
    }

    private static void requireIn(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
        }
    }

    private static void requireRange(String name, Range r, double lo, double hi) {
        Objects.requireNonNull(r, name);
        if (!r.within(lo, hi)) {
            throw new IllegalArgumentException(name + " must lie in [" + lo + ", " + hi + "], got ["
                    + r.min() + ", " + r.max() + "]");
        }
    }
}
