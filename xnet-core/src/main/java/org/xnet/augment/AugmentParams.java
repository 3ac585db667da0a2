package org.xnet.augment;

import java.util.Objects;

/** Every parameter of one augmentation: the geometric warp, the image-only effect and the domain randomisation. */
public record AugmentParams(WarpParams warp, ImageEffect effect, DomainParams domain) {
    public AugmentParams {
        Objects.requireNonNull(warp, "warp");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(domain, "domain");
    }

    /** A warp and an effect without domain randomisation. */
    public AugmentParams(WarpParams warp, ImageEffect effect) {
        this(warp, effect, DomainParams.none());
    }

    /** Parameters that leave a sample unchanged. */
    public static AugmentParams identity() {
        return new AugmentParams(WarpParams.identity(), new ImageEffect.Blur(0));
    }
}
