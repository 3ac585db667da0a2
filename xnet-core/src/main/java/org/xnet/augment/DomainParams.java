package org.xnet.augment;

import java.util.SplittableRandom;

/**
 * One draw of {@link DomainConfig}: the effects that happen to one image and their strengths; an effect
 * that does not happen has its neutral value (0, or gamma 1). Sizes that scale with the image (the
 * low-pass sigmas) are fractions of its larger side.
 *
 * @param linearNepers linear intensity {@code exp(-k (1 - v))} with this {@code k}; 0 = log image kept
 * @param gridPeriodPx period of the grid lines; 0 = none
 * @param gridAmplitude their amplitude (full scale 1)
 * @param gridAlongRows lines run along rows (the cosine varies down the columns) instead of along columns
 * @param gridPhase phase of the cosine in radians
 * @param scatterFraction weight of the added low-pass copy; 0 = none
 * @param scatterSigma its low-pass sigma as a fraction of the image's larger side
 * @param markers how many markers are burnt in; 0 = none
 * @param markerSeed seed of their text, size, place and level
 * @param blurSigmaPx detector blur; 0 = none
 * @param noiseSigma noise standard deviation; 0 = none
 * @param poissonNoise the noise scales with {@code sqrt(v)} (Poisson-like) instead of being constant
 * @param noiseCorrelationPx sigma of the blur that correlates the noise; 0 = white
 * @param noiseSeed seed of the noise field
 * @param processingStrength unsharp-masking strength; 0 = none
 * @param processingSigma its low-pass sigma as a fraction of the image's larger side
 * @param windowLow fraction of the range cut away at the dark end
 * @param windowHigh fraction cut away at the bright end
 * @param gamma exponent of {@code v^gamma}; 1 = none
 * @param invert polarity inverted
 */
public record DomainParams(double linearNepers, double gridPeriodPx, double gridAmplitude, boolean gridAlongRows,
                           double gridPhase, double scatterFraction, double scatterSigma, int markers, long markerSeed,
                           double blurSigmaPx, double noiseSigma, boolean poissonNoise, double noiseCorrelationPx,
                           long noiseSeed, double processingStrength, double processingSigma, double windowLow,
                           double windowHigh, double gamma, boolean invert) {

    /** Low-pass sigmas of scatter are drawn in this range (fraction of the larger side). */
    static final Range SCATTER_SIGMA = new Range(0.1, 0.25);
    /** Low-pass sigmas of the unsharp masking, as in {@code xnet synth}'s reader processing. */
    static final Range PROCESSING_SIGMA = new Range(0.03, 0.15);

    /** Nothing happens. */
    public static DomainParams none() {
        return new DomainParams(0, 0, 0, false, 0, 0, 0, 0, 0, 0, 0, false, 0, 0, 0, 0, 0, 0, 1, false);
    }

    /** True when no effect happens. */
    public boolean isNone() {
        return linearNepers == 0 && gridPeriodPx == 0 && scatterFraction == 0 && markers == 0 && blurSigmaPx == 0
                && noiseSigma == 0 && processingStrength == 0 && windowLow == 0 && windowHigh == 0 && gamma == 1
                && !invert;
    }

    /**
     * Draws from {@code random}, effect by effect in the order of {@link DomainEffect}: first
     * {@code nextDouble() < probability}, then every parameter of the effect, whether it happens or
     * not, so one effect's probability never shifts another's draws.
     */
    public static DomainParams draw(DomainConfig c, SplittableRandom random) {
        boolean linear = random.nextDouble() < c.linear();
        double k = c.linearNepers().draw(random);
        boolean grid = random.nextDouble() < c.grid();
        double period = c.gridPeriodPx().draw(random);
        double amplitude = c.gridAmplitude().draw(random);
        boolean rows = random.nextBoolean();
        double phase = 2 * Math.PI * random.nextDouble();
        boolean scatter = random.nextDouble() < c.scatter();
        double fraction = c.scatterFraction().draw(random);
        double scatterSigma = SCATTER_SIGMA.draw(random);
        boolean markers = random.nextDouble() < c.markers();
        int count = 1 + random.nextInt(c.maxMarkers());
        long markerSeed = random.nextLong();
        boolean blur = random.nextDouble() < c.blur();
        double blurSigma = c.blurSigmaPx().draw(random);
        boolean noise = random.nextDouble() < c.noise();
        double noiseSigma = c.noiseSigma().draw(random);
        boolean poisson = random.nextBoolean();
        double correlation = c.maxNoiseCorrelationPx() * random.nextDouble();
        long noiseSeed = random.nextLong();
        boolean processing = random.nextDouble() < c.processing();
        double strength = c.processingStrength().draw(random);
        double processingSigma = PROCESSING_SIGMA.draw(random);
        boolean window = random.nextDouble() < c.window();
        double low = c.maxWindowCut() * random.nextDouble();
        double high = c.maxWindowCut() * random.nextDouble();
        boolean gamma = random.nextDouble() < c.gamma();
        double g = Math.exp(Math.log(c.maxGamma()) * (2 * random.nextDouble() - 1));
        boolean invert = random.nextDouble() < c.invert();
        return new DomainParams(linear ? k : 0, grid ? period : 0, grid ? amplitude : 0, rows, phase,
                scatter ? fraction : 0, scatterSigma, markers ? count : 0, markerSeed, blur ? blurSigma : 0,
                noise ? noiseSigma : 0, poisson, noise ? correlation : 0, noiseSeed, processing ? strength : 0,
                processingSigma, window ? low : 0, window ? high : 0, gamma ? g : 1, invert);
    }
}
