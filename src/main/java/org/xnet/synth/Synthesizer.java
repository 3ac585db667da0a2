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
 * Collimated pixels (collimation is off by default) are dark and labelled open beam: they show no
 * anatomy, and a network must not call them tissue. The same config and view give the same bytes.
 */
public final class Synthesizer {
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

    /** The radiograph of {@code body} seen from {@code view}, with a field of view fitted to the body. */
    public Radiograph render(BodyVolume body, View view) {
        double[] fov = Geometry.fittedFieldOfView(view, body.extentMm());
        return render(body, view, fov[0] / config.size(), fov[1] / config.size());
    }

    /** The radiograph of {@code body} from {@code view} with square pixels of {@code pitchMm} (at the isocentre). */
    public Radiograph render(BodyVolume body, View view, double pitchMm) {
        return render(body, view, pitchMm, pitchMm);
    }

    private Radiograph render(BodyVolume body, View view, double pitchU, double pitchV) {
        int n = config.size();
        double source = config.beam() == SynthConfig.Beam.CONE ? config.sourceToIsocentreMm() : 0;
        Geometry g = Geometry.of(view, n, pitchU, pitchV, source);
        double step = config.stepFraction() * Math.min(body.sx(), Math.min(body.sy(), body.sz()));
        Projector.Projection p = new Projector(body, step, config.boneHu(), config.tissueHu()).project(g);
        SplittableRandom random = new SplittableRandom(view.seed());
        int[] margins = Detector.collimatorMargins(n, config.collimation(), random);
        float[] t = Detector.transmission(p.lineIntegral());
        if (config.photons() > 0) {
            Detector.addQuantumNoise(t, config.photons(), random);
        }
        t = Detector.blur(t, n, n, config.blurSigmaPx());
        float[] display = new float[n * n];
        byte[] labels = new byte[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                if (Detector.collimated(x, y, n, margins)) {
                    labels[i] = (byte) SegClass.OPEN_BEAM.index();
                    continue;
                }
                display[i] = Detector.display(t[i], config.maxAttenuation());
                labels[i] = (byte) label(p.boneMm()[i], p.tissueMm()[i]).index();
            }
        }
        return new Radiograph(new Image2D(n, n, display), new LabelMap(n, n, labels),
                new Image2D(n, n, p.lineIntegral()), view);
    }

    private SegClass label(double boneMm, double tissueMm) {
        if (boneMm >= config.minPathMm()) {
            return SegClass.BONE;
        }
        return tissueMm >= config.minPathMm() ? SegClass.SOFT_TISSUE : SegClass.OPEN_BEAM;
    }
}
