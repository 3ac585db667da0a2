package org.xnet.augment;

import java.util.Objects;
import java.util.Set;

/**
 * Domain randomisation of the image alone (the label never changes): what differs between real
 * detectors and readers and the synth data the network learns from. Each effect is applied with its
 * own probability (0 = off, the default: {@link #off()} leaves every augmentation as it was) and draws
 * its strength uniformly from its range; {@link #preset} switches effects on by name. Images are
 * taken as prepared (min-max normalised to [0, 1], open beam bright as {@code xnet synth} writes them)
 * and are min-max normalised again at the end, as {@code prepare} would have done. The effects run
 * in the order of a detector chain (see {@link DomainRandomiser}).
 *
 * @param linear probability of showing the image as linear intensity {@code exp(-k (1 - v))}
 * @param linearNepers the attenuation {@code k} (nepers) that full scale of the log image stands for
 * @param grid probability of anti-scatter grid lines
 * @param gridPeriodPx their period in pixels (lines along rows or columns, equally likely)
 * @param gridAmplitude their amplitude as a fraction of full scale (a cosine of this amplitude)
 * @param scatter probability of scatter: a low-pass copy of the image added
 * @param scatterFraction its weight relative to the image ({@code v + f * lowpass(v)})
 * @param markers probability of markers and text burnt in (1 to {@code maxMarkers} of them)
 * @param maxMarkers most markers per image
 * @param blur probability of detector blur
 * @param blurSigmaPx its Gaussian sigma in pixels
 * @param noise probability of noise (Gaussian or Poisson-like, equally likely)
 * @param noiseSigma its standard deviation as a fraction of full scale (at full scale for Poisson-like)
 * @param maxNoiseCorrelationPx the noise is blurred with a sigma drawn in [0, this] (0 = white noise)
 * @param processing probability of the reader's unsharp masking
 * @param processingStrength its strength {@code s} in {@code v + s (v - lowpass(v))}
 * @param window probability of a display window
 * @param maxWindowCut the window cuts up to this fraction of the range at each end
 * @param gamma probability of a gamma curve
 * @param maxGamma gamma drawn log-uniformly in [1/maxGamma, maxGamma]
 * @param invert probability of inverted polarity ({@code 1 - v})
 */
public record DomainConfig(double linear, Range linearNepers, double grid, Range gridPeriodPx, Range gridAmplitude,
                           double scatter, Range scatterFraction, double markers, int maxMarkers, double blur,
                           Range blurSigmaPx, double noise, Range noiseSigma, double maxNoiseCorrelationPx,
                           double processing, Range processingStrength, double window, double maxWindowCut,
                           double gamma, double maxGamma, double invert) {
    public DomainConfig {
        for (double p : new double[] {linear, grid, scatter, markers, blur, noise, processing, window, gamma, invert}) {
            check(p >= 0 && p <= 1, "probabilities must be in [0, 1], got " + p);
        }
        within("linearNepers", linearNepers, 0.1, 20);
        within("gridPeriodPx", gridPeriodPx, 2, 1000);
        within("gridAmplitude", gridAmplitude, 0, 1);
        within("scatterFraction", scatterFraction, 0, 10);
        check(maxMarkers >= 1 && maxMarkers <= 20, "maxMarkers must be in [1, 20], got " + maxMarkers);
        within("blurSigmaPx", blurSigmaPx, 0, 10);
        within("noiseSigma", noiseSigma, 0, 1);
        check(maxNoiseCorrelationPx >= 0 && maxNoiseCorrelationPx <= 10,
                "maxNoiseCorrelationPx must be in [0, 10], got " + maxNoiseCorrelationPx);
        within("processingStrength", processingStrength, 0, 10);
        check(maxWindowCut >= 0 && maxWindowCut <= 0.45, "maxWindowCut must be in [0, 0.45], got " + maxWindowCut);
        check(maxGamma >= 1 && maxGamma <= 5, "maxGamma must be in [1, 5], got " + maxGamma);
    }

    /** Every effect off, with the preset strengths kept for when one is switched on. */
    public static DomainConfig off() {
        return new DomainConfig(0, new Range(2, 8), 0, new Range(2.5, 10), new Range(0.01, 0.05), 0,
                new Range(0.1, 0.6), 0, 3, 0, new Range(0.3, 1.5), 0, new Range(0.005, 0.04), 2, 0,
                new Range(0.5, 3), 0, 0.2, 0, 2, 0);
    }

    /**
     * The effects named switched on with their preset probabilities (linear 0.3, grid 0.2, scatter 0.3,
     * markers 0.3, blur 0.3, noise 0.5, processing 0.3, window 0.3, gamma 0.5, invert 0.3), so that
     * with all on an image still has a few per cent chance of none; the others off.
     */
    public static DomainConfig preset(Set<DomainEffect> effects) {
        return with(effects, false);
    }

    /** The effects named applied to every image (probability 1) at the preset strengths; to measure or show one alone. */
    public static DomainConfig always(Set<DomainEffect> effects) {
        return with(effects, true);
    }

    private static DomainConfig with(Set<DomainEffect> effects, boolean always) {
        DomainConfig o = off();
        java.util.function.BiFunction<DomainEffect, Double, Double> p =
                (e, preset) -> effects.contains(e) ? (always ? 1 : preset) : 0;
        return new DomainConfig(p.apply(DomainEffect.LINEAR, 0.3), o.linearNepers, p.apply(DomainEffect.GRID, 0.2),
                o.gridPeriodPx, o.gridAmplitude, p.apply(DomainEffect.SCATTER, 0.3), o.scatterFraction,
                p.apply(DomainEffect.MARKERS, 0.3), o.maxMarkers, p.apply(DomainEffect.BLUR, 0.3), o.blurSigmaPx,
                p.apply(DomainEffect.NOISE, 0.5), o.noiseSigma, o.maxNoiseCorrelationPx,
                p.apply(DomainEffect.PROCESSING, 0.3), o.processingStrength, p.apply(DomainEffect.WINDOW, 0.3),
                o.maxWindowCut, p.apply(DomainEffect.GAMMA, 0.5), o.maxGamma, p.apply(DomainEffect.INVERT, 0.3));
    }

    /** True when some effect can happen (otherwise the pipeline makes no draw for it). */
    public boolean anyOn() {
        return linear + grid + scatter + markers + blur + noise + processing + window + gamma + invert > 0;
    }

    private static void within(String name, Range r, double lo, double hi) {
        Objects.requireNonNull(r, name);
        check(r.within(lo, hi), name + " must lie in [" + lo + ", " + hi + "], got [" + r.min() + ", " + r.max() + "]");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
