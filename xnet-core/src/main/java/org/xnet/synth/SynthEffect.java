package org.xnet.synth;

import java.util.Locale;
import java.util.Set;
import org.xnet.core.EnumNames;

/**
 * The domain randomisation {@code xnet synth} can switch on by name ({@code --domain-randomisation}):
 * what only the projection knows (the line integrals, the labels, the field). The detector and
 * reader effects that act on the image alone are {@code xnet augment}'s.
 */
public enum SynthEffect {
    /** Some views as linear intensity instead of log exposure ({@link SynthConfig#linearProbability()}). */
    LINEAR,
    /** Tilted and blurred collimator edges ({@link SynthConfig#collimatorTiltDeg()}, {@link SynthConfig#collimatorBlurPx()}). */
    COLLIMATOR,
    /** The body partly outside the field ({@link SynthConfig#outsideFraction()}). */
    OUTSIDE;

    /** The command-line name. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code all}, {@code none} or a comma-separated list of names. */
    public static Set<SynthEffect> parse(String text) {
        return EnumNames.parseSet(SynthEffect.class, SynthEffect::key, text, "synth domain randomisation");
    }
}
