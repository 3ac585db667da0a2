package org.xnet.augment;

import java.util.SplittableRandom;

/**
 * Applies one {@link DomainParams} draw to an image in place, in the order of a detector chain:
 * linear intensity (the detector's convention), scatter and grid lines (what reaches the detector),
 * markers (lead letters in the beam), detector blur, noise, then the reader's unsharp masking, window,
 * gamma and polarity, and last the min-max normalisation to [0, 1] that {@code prepare} applies. The
 * label is never touched. Each step is a package-private method so tests can check it alone.
 */
final class DomainRandomiser {
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private DomainRandomiser() {
    }

    /** Applies {@code p} to {@code w*h} pixels of {@code image} from {@code offset}; nothing when {@code p.isNone()}. */
    static void apply(DomainParams p, float[] image, int offset, int w, int h) {
        if (p.isNone()) {
            return;
        }
        Scratch s = SCRATCH.get().ensure(w, h);
        int side = Math.max(w, h);
        normalise(image, offset, w * h);
        if (p.linearNepers() > 0) {
            linear(image, offset, w * h, p.linearNepers());
        }
        if (p.scatterFraction() > 0) {
            LowPass.apply(image, offset, w, h, p.scatterSigma() * side, s.low, s.line);
            for (int i = 0; i < w * h; i++) {
                image[offset + i] += (float) (p.scatterFraction() * s.low[i]);
            }
        }
        if (p.gridPeriodPx() > 0) {
            grid(image, offset, w, h, p.gridPeriodPx(), p.gridAmplitude(), p.gridAlongRows(), p.gridPhase());
        }
        if (p.markers() > 0) {
            Markers.burn(image, offset, w, h, p.markers(), p.markerSeed());
        }
        if (p.blurSigmaPx() > 0) {
            blur(image, offset, w, h, p.blurSigmaPx(), s.tmp);
        }
        if (p.noiseSigma() > 0) {
            noise(image, offset, w, h, p, s);
        }
        if (p.processingStrength() > 0) {
            LowPass.apply(image, offset, w, h, p.processingSigma() * side, s.low, s.line);
            for (int i = 0; i < w * h; i++) {
                float v = image[offset + i];
                image[offset + i] = (float) (v + p.processingStrength() * (v - s.low[i]));
            }
        }
        if (p.windowLow() > 0 || p.windowHigh() > 0) {
            normalise(image, offset, w * h);
            window(image, offset, w * h, p.windowLow(), p.windowHigh());
        }
        if (p.gamma() != 1) {
            normalise(image, offset, w * h);
            for (int i = offset; i < offset + w * h; i++) {
                image[i] = (float) Math.pow(image[i], p.gamma());
            }
        }
        normalise(image, offset, w * h);
        if (p.invert()) {
            for (int i = offset; i < offset + w * h; i++) {
                image[i] = 1 - image[i];
            }
        }
    }

    /** Min-max to [0, 1] in place; a constant image becomes zeros (as {@code core.Normalise}). */
    static void normalise(float[] v, int offset, int n) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + n; i++) {
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        double range = max - min;
        for (int i = offset; i < offset + n; i++) {
            v[i] = range > 0 ? (float) ((v[i] - min) / range) : 0f;
        }
    }

    /**
     * A log-exposure image {@code v = 1 - p / k} (p the line integral, full scale k nepers; open beam
     * 1) shown as the detector's linear intensity {@code I / I0 = exp(-p) = exp(-k (1 - v))}.
     */
    static void linear(float[] v, int offset, int n, double k) {
        for (int i = offset; i < offset + n; i++) {
            v[i] = (float) Math.exp(-k * (1 - v[i]));
        }
    }

    /** Adds {@code amplitude * cos(2 pi t / period + phase)}, t the row ({@code alongRows}) or the column. */
    static void grid(float[] v, int offset, int w, int h, double period, double amplitude, boolean alongRows,
                     double phase) {
        float[] wave = new float[alongRows ? h : w];
        for (int t = 0; t < wave.length; t++) {
            wave[t] = (float) (amplitude * Math.cos(2 * Math.PI * t / period + phase));
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[offset + y * w + x] += wave[alongRows ? y : x];
            }
        }
    }

    /** Gaussian detector blur ({@link GaussianBlur}, symmetric border). */
    static void blur(float[] v, int offset, int w, int h, double sigma, float[] tmp) {
        float[] kernel = GaussianBlur.kernel(sigma);
        if (kernel.length > 1) {
            GaussianBlur.blurInPlace(v, offset, w, h, kernel, tmp, Border.SYMMETRIC);
        }
    }

    /**
     * Adds noise of standard deviation {@code sigma} times the image's range: constant (Gaussian) or
     * {@code sqrt((v - min) / range)} times that (the normal approximation of Poisson counts, full
     * scale = most photons). Correlated noise is white noise blurred with {@code noiseCorrelationPx}
     * and scaled back to unit standard deviation, so only its texture changes, not its strength.
     */
    static void noise(float[] v, int offset, int w, int h, DomainParams p, Scratch s) {
        int n = w * h;
        SplittableRandom random = new SplittableRandom(p.noiseSeed());
        for (int i = 0; i < n; i++) {
            s.low[i] = (float) random.nextGaussian();
        }
        if (p.noiseCorrelationPx() > 0) {
            blur(s.low, 0, w, h, p.noiseCorrelationPx(), s.tmp);
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                sum += s.low[i];
                squares += (double) s.low[i] * s.low[i];
            }
            double mean = sum / n;
            double sd = Math.sqrt(Math.max(squares / n - mean * mean, 1e-12));
            for (int i = 0; i < n; i++) {
                s.low[i] = (float) ((s.low[i] - mean) / sd);
            }
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + n; i++) {
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        double range = Math.max(max - min, 1e-12);
        for (int i = 0; i < n; i++) {
            double scale = p.poissonNoise() ? Math.sqrt((v[offset + i] - min) / range) : 1;
            v[offset + i] += (float) (p.noiseSigma() * range * scale * s.low[i]);
        }
    }

    /** Maps [low, 1 - high] of a [0, 1] image to [0, 1], clipping outside it. */
    static void window(float[] v, int offset, int n, double low, double high) {
        double width = Math.max(1 - low - high, 1e-6);
        for (int i = offset; i < offset + n; i++) {
            v[i] = (float) Math.min(1, Math.max(0, (v[i] - low) / width));
        }
    }

    /** Per-thread work arrays. */
    static final class Scratch {
        float[] low = new float[0];
        float[] tmp = new float[0];
        double[] line = new double[0];

        Scratch ensure(int w, int h) {
            if (low.length != w * h) {
                low = new float[w * h];
                tmp = new float[w * h];
            }
            int room = 3 * Math.max(w, h) + 2;
            if (line.length < room) {
                line = new double[room];
            }
            return this;
        }
    }
}
