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

    /** Softmax of (3.2 for the true class + spatially correlated noise), so errors come in blobs as a model's do. */
    private static ProbabilityMap noisy(LabelMap label, SplittableRandom r) {
        int w = label.width();
        int h = label.height();
        int n = w * h;
        byte[] l = label.data();
        float[][] noise = new float[3][];
        for (int c = 0; c < 3; c++) {
            noise[c] = smoothNoise(w, h, 3, r);
        }
        float[] p = new float[3 * n];
        double[] e = new double[3];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                e[c] = Math.exp((c == l[i] ? 3.2 : 0) + 1.6 * noise[c][i] + 0.3 * r.nextGaussian());
                sum += e[c];
            }
            for (int c = 0; c < 3; c++) {
                p[c * n + i] = (float) (e[c] / sum);
            }
        }
        return new ProbabilityMap(w, h, 3, p);
    }

    /** White noise box-blurred with radius {@code k} (clipped at the border), rescaled to unit variance. */
    private static float[] smoothNoise(int w, int h, int k, SplittableRandom r) {
        float[] white = new float[w * h];
        for (int i = 0; i < white.length; i++) {
            white[i] = (float) r.nextGaussian();
        }
        float[] out = new float[w * h];
        double scale = 2 * k + 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int dy = -k; dy <= k; dy++) {
                    for (int dx = -k; dx <= k; dx++) {
                        int xx = Math.min(w - 1, Math.max(0, x + dx));
                        int yy = Math.min(h - 1, Math.max(0, y + dy));
                        s += white[yy * w + xx];
                    }
                }
                out[y * w + x] = (float) (s / scale);
            }
        }
        return out;
    }
}
