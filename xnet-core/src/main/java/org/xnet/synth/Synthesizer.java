package org.xnet.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;

/**
 * Makes labelled radiographs from a {@link BodyVolume}: draws views, casts the rays, applies the
 * detector and labels each pixel by what its ray crossed — bone where it crosses at least
 * {@code minPathMm} of bone, else soft tissue where it crosses that much tissue, else open beam.
 * Collimated pixels are a flat level no brighter than the darkest exposed pixel (see
 * {@link Detector#collimate}) plus a glow near the field edge, and labelled open beam: they show no
 * anatomy, and a network must not call them tissue or bone. The collimated field may be tilted and its
 * edge blurred (a pixel more than half in the shadow counts as collimated), and a view may be written
 * as linear intensity instead of log exposure ({@link SynthConfig}'s domain randomisation, off by default). Last, the grey levels go through a
 * clinical reader's processing (unsharp masking, gamma). The same config and view give the same bytes.
 */
public final class Synthesizer {
    /** Mixed into a view's seed for the field draw, so the collimation and noise draws stay as they were. */
    private static final long FIELD_STREAM = 0x5DEECE66DL;
    /** Mixed into a view's seed for the collimator's grey level. */
    private static final long COLLIMATOR_STREAM = 0x2545F4914F6CDD1DL;
    /** Mixed into a view's seed for the glow behind the collimator and the reader's processing. */
    private static final long PROCESSING_STREAM = 0x9E3779B97F4A7C15L;
    /** Mixed into a view's seed for the domain randomisation (collimator tilt and edge, linear output). */
    private static final long DOMAIN_STREAM = 0xD1B54A32D192ED03L;
    private final SynthConfig config;

    public Synthesizer(SynthConfig config) {
        this.config = config;
    }

    public SynthConfig config() {
        return config;
    }

    /** The config's number of views, angles and tilts drawn from {@code seed}. */
    public List<View> drawViews(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<View> views = new ArrayList<>();
        for (int i = 0; i < config.views(); i++) {
            double angle = config.minAngleDeg() + random.nextDouble() * (config.maxAngleDeg() - config.minAngleDeg());
            double tilt = config.maxTiltDeg() * (2 * random.nextDouble() - 1);
            views.add(new View(angle, tilt, random.nextLong()));
        }
        return views;
    }

    /**
     * The radiograph of {@code body} seen from {@code view}: the field of view fitted to the body, or
     * a part of it of the view's drawn size and position when {@code minFieldFraction < 1}.
     */
    public Radiograph render(BodyVolume body, View view) {
        double[] fov = Geometry.fittedFieldOfView(view, body.extentMm());
        double[] field = fieldOf(view);
        double fraction = field[0];
        return render(body, view, fraction * fov[0] / config.size(), fraction * fov[1] / config.size(),
                field[1] * fov[0], field[2] * fov[1]);
    }

    /**
     * The view's field {fraction, centreU, centreV}: the fraction of the fitted field of view, uniform
     * in [minFieldFraction, 1], and the centre's offset as a fraction of the fitted field, uniform
     * within +-(1 - fraction)/2 so the field stays inside the fitted one, across the body widened by
     * {@code outsideFraction} so the field may leave it on one side (along the body it never leaves the
     * scan, beyond which the CT knows nothing). Drawn from its own stream of the view's seed; {1, 0, 0}
     * when the config keeps the whole, centred field.
     */
    double[] fieldOf(View view) {
        double min = config.minFieldFraction();
        double outside = config.outsideFraction();
        if (min >= 1 && outside == 0) {
            return new double[] {1, 0, 0};
        }
        SplittableRandom random = new SplittableRandom(view.seed() ^ FIELD_STREAM);
        double fraction = min >= 1 ? 1 : min + random.nextDouble() * (1 - min);
        double slack = (1 - fraction) / 2;
        double across = slack + outside;
        return new double[] {fraction, across * (2 * random.nextDouble() - 1), slack * (2 * random.nextDouble() - 1)};
    }

    /** The radiograph of {@code body} from {@code view} with square pixels of {@code pitchMm} (at the isocentre). */
    public Radiograph render(BodyVolume body, View view, double pitchMm) {
        return render(body, view, pitchMm, pitchMm, 0, 0);
    }

    private Radiograph render(BodyVolume body, View view, double pitchU, double pitchV, double centreU,
                              double centreV) {
        int n = config.size();
        double source = config.beam() == SynthConfig.Beam.CONE ? config.sourceToIsocentreMm() : 0;
        Geometry g = Geometry.of(view, n, pitchU, pitchV, source).shifted(centreU, centreV);
        double step = config.stepFraction() * Math.min(body.sx(), Math.min(body.sy(), body.sz()));
        Projector.Projection p = new Projector(body, step, config.boneHu(), config.tissueHu()).project(g);
        SplittableRandom random = new SplittableRandom(view.seed());
        int[] margins = Detector.collimatorMargins(n, config.collimation(), random);
        SplittableRandom domain = new SplittableRandom(view.seed() ^ DOMAIN_STREAM);
        double tilt = config.collimatorTiltDeg() * (2 * domain.nextDouble() - 1);
        double edge = config.collimatorBlurPx() * domain.nextDouble();
        boolean linear = domain.nextDouble() < config.linearProbability();
        Detector.Field field = Detector.field(n, margins, tilt);
        float[] t = Detector.transmission(p.lineIntegral());
        if (config.photons() > 0) {
            Detector.addQuantumNoise(t, config.photons(), random);
        }
        t = Detector.blur(t, n, n, config.blurSigmaPx());
        float[] display = new float[n * n];
        byte[] labels = new byte[n * n];
        boolean[] covered = new boolean[n * n];
        for (int i = 0; i < n * n; i++) {
            covered[i] = field.covered(i);
            display[i] = linear ? Detector.linear(t[i]) : Detector.display(t[i], config.maxAttenuation());
            labels[i] = (byte) (covered[i] ? SegClass.OPEN_BEAM : label(p.boneMm()[i], p.tissueMm()[i])).index();
        }
        Detector.collimate(display, covered, Detector.shadow(field, edge),
                new SplittableRandom(view.seed() ^ COLLIMATOR_STREAM));
        display = process(display, field, new SplittableRandom(view.seed() ^ PROCESSING_STREAM));
        return new Radiograph(new Image2D(n, n, display), new LabelMap(n, n, labels),
                new Image2D(n, n, p.lineIntegral()), view);
    }

    /**
     * The glow behind the collimator edge (amplitude uniform in [0, collimatorGlow], decay 1-8 % of
     * the detector) and the reader's processing (unsharp strength uniform in [0, unsharpStrength]
     * with sigma 3-15 % of the detector, gamma log-uniform in [1/maxGamma, maxGamma]). The labels do
     * not change: processing moves grey levels, not anatomy. Returns {@code display} itself when
     * both are off.
     */
    private float[] process(float[] display, Detector.Field field, SplittableRandom random) {
        int n = config.size();
        double glow = config.collimatorGlow() * random.nextDouble();
        double decay = n * (0.01 + 0.07 * random.nextDouble());
        double strength = config.unsharpStrength() * random.nextDouble();
        double sigma = n * (0.03 + 0.12 * random.nextDouble());
        double gamma = Math.exp(Math.log(config.maxGamma()) * (2 * random.nextDouble() - 1));
        Detector.addCollimatorGlow(display, field, glow, decay);
        if (config.unsharpStrength() == 0 && config.maxGamma() == 1) {
            return display;
        }
        return Detector.process(display, n, n, strength, sigma, gamma);
    }

    private SegClass label(double boneMm, double tissueMm) {
        if (boneMm >= config.minPathMm()) {
            return SegClass.BONE;
        }
        return tissueMm >= config.minPathMm() ? SegClass.SOFT_TISSUE : SegClass.OPEN_BEAM;
    }
}
