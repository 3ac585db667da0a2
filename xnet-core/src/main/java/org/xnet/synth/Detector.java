package org.xnet.synth;

import java.util.SplittableRandom;

/**
 * What the detector does to the transmitted intensity: quantum (Poisson) noise, Gaussian blur,
 * collimation and the glow behind it, the mapping to a display value in [0, 1] (1 = open beam) and
 * the reader's image processing.
 */
final class Detector {
    /** Above this mean the Poisson draw uses its normal approximation. */
    private static final double NORMAL_APPROXIMATION_MEAN = 30;

    private Detector() {
    }

    /** Transmission I/I0 = exp(-line integral) per pixel. */
    static float[] transmission(float[] lineIntegral) {
        float[] t = new float[lineIntegral.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) Math.exp(-lineIntegral[i]);
        }
        return t;
    }

    /** Replaces each transmission by a Poisson photon count with mean {@code photons * t}, divided by photons. */
    static void addQuantumNoise(float[] t, double photons, SplittableRandom random) {
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) (poisson(photons * t[i], random) / photons);
        }
    }

    static double poisson(double mean, SplittableRandom random) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > NORMAL_APPROXIMATION_MEAN) {
            return Math.max(0, Math.rint(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    /** Separable Gaussian blur with edge clamping; returns a new array. */
    static float[] blur(float[] image, int width, int height, double sigma) {
        if (sigma <= 0) {
            return image;
        }
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double total = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
            total += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= total;
        }
        float[] rows = new float[image.length];
        float[] out = new float[image.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    acc += kernel[k + radius] * image[y * width + clamp(x + k, width)];
                }
                rows[y * width + x] = (float) acc;
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    acc += kernel[k + radius] * rows[clamp(y + k, height) * width + x];
                }
                out[y * width + x] = (float) acc;
            }
        }
        return out;
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }

    /**
     * Draws collimator margins {left, top, right, bottom} in pixels, each uniform in
     * [0, fraction * size]; all zero when {@code fraction} is 0.
     */
    static int[] collimatorMargins(int size, double fraction, SplittableRandom random) {
        int[] m = new int[4];
        if (fraction > 0) {
            for (int k = 0; k < 4; k++) {
                m[k] = random.nextInt((int) Math.floor(fraction * size) + 1);
            }
        }
        return m;
    }

    /**
     * Where each pixel lies relative to a collimated field with these margins, rotated by
     * {@code tiltDeg} about the detector centre: {@code beyond}, how far (pixels, along the field's
     * axes) the pixel lies past the nearest edge (0 on the last exposed row of the untilted field, at
     * least 1 on the first collimated one, negative inside), and {@code outside}, its Euclidean distance
     * outside the field (0 inside); a side with margin 0 has no blade. Untilted, these are the integer distances of {@link #collimated}
     * and {@link #addCollimatorGlow} exactly.
     */
    record Field(double[] beyond, double[] outside) {
        /** True when pixel {@code i} counts as collimated: its shadow is more than half (see {@link #shadow}). */
        boolean covered(int i) {
            return beyond[i] > 0.5;
        }
    }

    static Field field(int size, int[] margins, double tiltDeg) {
        double a = Math.toRadians(tiltDeg);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double c = (size - 1) / 2.0;
        double[] beyond = new double[size * size];
        double[] outside = new double[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double u = c + (x - c) * cos + (y - c) * sin;
                double v = c - (x - c) * sin + (y - c) * cos;
                double dx = Math.max(past(margins[0], margins[0] - u), past(margins[2], u - (size - 1 - margins[2])));
                double dy = Math.max(past(margins[1], margins[1] - v), past(margins[3], v - (size - 1 - margins[3])));
                int i = y * size + x;
                beyond[i] = Math.max(dx, dy);
                double ox = Math.max(0, dx);
                double oy = Math.max(0, dy);
                outside[i] = ox > 0 || oy > 0 ? Math.sqrt(ox * ox + oy * oy) : 0;
            }
        }
        return new Field(beyond, outside);
    }

    /** The distance past one blade's edge; a side without a blade (margin 0) is never passed. */
    private static double past(int margin, double distance) {
        return margin > 0 ? distance : Double.NEGATIVE_INFINITY;
    }

    /**
     * The collimator's shadow on each pixel, 0 (exposed) to 1 (fully behind it): a step at
     * {@code beyond = 0.5} when {@code edgeSigmaPx} is 0, else the penumbra {@code Phi((beyond - 0.5) / sigma)}
     * (Phi the standard normal distribution), so a pixel is half shadowed where the sharp edge would be.
     */
    static double[] shadow(Field field, double edgeSigmaPx) {
        double[] w = new double[field.beyond().length];
        for (int i = 0; i < w.length; i++) {
            double d = field.beyond()[i] - 0.5;
            w[i] = edgeSigmaPx > 0 ? normalCdf(d / edgeSigmaPx) : d > 0 ? 1 : 0;
        }
        return w;
    }

    /** The standard normal distribution function (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    /** True when pixel (x, y) lies behind the collimator. */
    static boolean collimated(int x, int y, int size, int[] margins) {
        return x < margins[0] || y < margins[1] || x >= size - margins[2] || y >= size - margins[3];
    }

    /**
     * Moves the pixels in the collimator's {@code shadow} towards one flat level drawn uniformly between 0
     * and the darkest exposed pixel (fully shadowed pixels take it exactly; {@code covered} are those
     * counted collimated). A clinical CR/DR reader finds the collimated area, windows the exposed
     * field to its full output range and masks the rest at or below the darkest anatomy (the NEMA
     * test image RG3 stores 0 there and its bone starts just above it); the range covers both that
     * and a collimator as black as a line integral of {@code maxAttenuation}. Nothing happens when
     * no pixel or every pixel is collimated.
     */
    static void collimate(float[] display, boolean[] covered, SplittableRandom random) {
        double[] sharp = new double[covered.length];
        for (int i = 0; i < sharp.length; i++) {
            sharp[i] = covered[i] ? 1 : 0;
        }
        collimate(display, covered, sharp, random);
    }

    /** As above, with the pixels in a partial {@code shadow} (a blurred edge) moved part of the way. */
    static void collimate(float[] display, boolean[] covered, double[] shadow, SplittableRandom random) {
        float darkest = Float.POSITIVE_INFINITY;
        boolean any = false;
        for (int i = 0; i < display.length; i++) {
            if (covered[i]) {
                any = true;
            } else {
                darkest = Math.min(darkest, display[i]);
            }
        }
        if (!any || darkest == Float.POSITIVE_INFINITY) {
            return;
        }
        float level = (float) (random.nextDouble() * darkest);
        for (int i = 0; i < display.length; i++) {
            if (shadow[i] == 1) {
                display[i] = level;
            } else if (shadow[i] > 0) {
                display[i] = (float) (display[i] + shadow[i] * (level - display[i]));
            }
        }
    }

    /**
     * Adds the glow a clinical image shows just behind the collimator edge (scatter and the
     * collimator's penumbra): {@code amplitude * exp(-d / decayPx)} on each collimated pixel at
     * distance {@code d} pixels from the exposed field, capped at 1. The NEMA image RG3 falls from 30 %
     * of full scale at its field edge to 0 over about 8 % of its width; a network that never saw
     * this calls the ramp bone. Exposed pixels are left as they are.
     */
    static void addCollimatorGlow(float[] display, int size, int[] margins, double amplitude, double decayPx) {
        addCollimatorGlow(display, field(size, margins, 0), amplitude, decayPx);
    }

    /** As above, for any {@link Field} (a tilted one measures distance along its own axes). */
    static void addCollimatorGlow(float[] display, Field field, double amplitude, double decayPx) {
        if (amplitude <= 0) {
            return;
        }
        for (int i = 0; i < display.length; i++) {
            double d = field.outside()[i];
            if (d > 0) {
                display[i] = (float) Math.min(1, display[i] + amplitude * Math.exp(-d / decayPx));
            }
        }
    }

    /**
     * The image processing of a CR/DR reader, which the network meets in every clinical radiograph:
     * large-scale unsharp masking {@code v + strength * (v - blur(v, sigmaPx))} (it compresses the
     * range between thick and thin body parts and sharpens edges), the result windowed back to
     * [0, 1] by its own minimum and maximum, then a gamma curve {@code v^gamma}. Returns a new array;
     * strength 0 and gamma 1 return a copy of the input windowed to [0, 1].
     */
    static float[] process(float[] display, int width, int height, double strength, double sigmaPx, double gamma) {
        float[] out = display.clone();
        if (strength > 0) {
            float[] low = blur(display, width, height, sigmaPx);
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (display[i] + strength * (display[i] - low[i]));
            }
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : out) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max - min;
        for (int i = 0; i < out.length; i++) {
            double v = range > 0 ? (out[i] - min) / range : 0;
            out[i] = (float) Math.pow(v, gamma);
        }
        return out;
    }

    /** Linear-intensity display value: the transmission {@code I/I0} itself, clipped to [0, 1] (open beam 1). */
    static float linear(double transmission) {
        return (float) Math.min(1, Math.max(0, transmission));
    }

    /** Display value: 1 - min(-ln t, max) / max, so open beam is 1 and a line integral of max or more is 0. */
    static float display(double transmission, double maxAttenuation) {
        if (!(transmission > 0)) {
            return 0;
        }
        double p = Math.min(Math.max(-Math.log(transmission), 0), maxAttenuation);
        return (float) (1 - p / maxAttenuation);
    }
}
