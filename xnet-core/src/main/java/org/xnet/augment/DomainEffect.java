package org.xnet.augment;

import java.util.Locale;
import java.util.Set;
import org.xnet.core.EnumNames;

/**
 * The detector and reader differences that {@link DomainConfig} randomises, by the names the
 * command line uses ({@code --domain-randomisation invert,noise} or {@code all}).
 */
public enum DomainEffect {
    /** Log-exposure image shown as linear detector intensity. */
    LINEAR,
    /** Anti-scatter grid lines. */
    GRID,
    /** A low-pass signal added (scatter). */
    SCATTER,
    /** Markers and text burnt into the image. */
    MARKERS,
    /** Detector blur. */
    BLUR,
    /** Gaussian or Poisson-like noise, white or correlated. */
    NOISE,
    /** The reader's unsharp masking. */
    PROCESSING,
    /** A display window narrower than the image's range. */
    WINDOW,
    /** A gamma curve. */
    GAMMA,
    /** Inverted polarity. */
    INVERT;

    /** The command-line name, e.g. {@code linear}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code all}, {@code none} or a comma-separated list of names (any case); an unknown name is an
     * IllegalArgumentException naming it and the known ones.
     */
    public static Set<DomainEffect> parse(String text) {
        return EnumNames.parseSet(DomainEffect.class, DomainEffect::key, text, "domain randomisation");
    }
}
