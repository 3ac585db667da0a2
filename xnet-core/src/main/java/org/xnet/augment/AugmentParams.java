package org.xnet.augment;

import java.util.Objects;

/** Every parameter of one augmentation: the geometric warp and the image-only effect. */
public record AugmentParams(WarpParams warp, ImageEffect effect) {
    public AugmentParams {
        Objects.requireNonNull(warp, "warp");
        Objects.requireNonNull(effect, "effect");
    }

    /** Parameters that leave a sample unchanged. */
    public static AugmentParams identity() {
        return new AugmentParams(WarpParams.identity(), new ImageEffect.Blur(0));
    }
}
