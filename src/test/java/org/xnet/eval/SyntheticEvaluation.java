package org.xnet.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Sample;

/**
 * Fabricated radiograph-like samples and noisy probabilities for tests, benchmarks and the demo report:
 * open beam around, a soft-tissue ellipse, a bone bar inside it; probabilities favour the truth with
 * seeded noise.
 */
public final class SyntheticEvaluation {
    private static final String[] BODY_PARTS = {"hand", "knee", "ankle", "skull", "foot"};

    public final List<Sample> samples = new ArrayList<>();
    public final List<ProbabilityMap> probabilities = new ArrayList<>();

    public SyntheticEvaluation(int count, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            LabelMap label = label(size, random);
            samples.add(new Sample(image(label, random), label, BODY_PARTS[i % BODY_PARTS.length],
                    String.format("synthetic-%04d.tif", i)));
            probabilities.add(noisy(label, random));
        }
    }

    private static LabelMap label(int size, SplittableRandom r) {
        byte[] d = new byte[size * size];
        double cx = size * (0.4 + 0.2 * r.nextDouble());
        double cy = size * (0.4 + 0.2 * r.nextDouble());
        double ax = size * (0.2 + 0.15 * r.nextDouble());
        double ay = size * (0.3 + 0.15 * r.nextDouble());
        double bone = 0.3 + 0.2 * r.nextDouble();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = (x - cx) / ax;
                double dy = (y - cy) / ay;
                if (dx * dx + dy * dy < 1) {
                    d[y * size + x] = (byte) (Math.abs(dx) < bone ? 2 : 1);
                }
            }
        }
        return new LabelMap(size, size, d);
    }

    private static Image2D image(LabelMap label, SplittableRandom r) {
        float[] level = {0.95f, 0.55f, 0.2f};
        byte[] l = label.data();
        float[] d = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            d[i] = (float) Math.min(1, Math.max(0, level[l[i]] + 0.05 * r.nextGaussian()));
        }
        return new Image2D(label.width(), label.height(), d);
    }

    private static ProbabilityMap noisy(LabelMap label, SplittableRandom r) {
        int n = label.width() * label.height();
        byte[] l = label.data();
        float[] p = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double[] logit = new double[3];
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                logit[c] = Math.exp((c == l[i] ? 1.6 : 0) + 1.2 * r.nextGaussian());
                sum += logit[c];
            }
            for (int c = 0; c < 3; c++) {
                p[c * n + i] = (float) (logit[c] / sum);
            }
        }
        return new ProbabilityMap(label.width(), label.height(), 3, p);
    }
}
