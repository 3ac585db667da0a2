package org.xnet.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.SplittableRandom;
import org.xnet.model.ModelSpec;
import org.xnet.model.Networks;
import org.xnet.model.SegmentationNet;

/** Tiny seeded networks whose biases and batch norms are far from their initial values. */
public final class TinyNets {
    public static final ModelSpec XNET = ModelSpec.xnet().withFilters(2, 4, 4, 8);
    public static final ModelSpec XNET_SHARED = XNET.withSharedWeights(true);
    public static final ModelSpec UNET = ModelSpec.unet().withFilters(2, 4, 4, 8, 8);
    public static final ModelSpec SEGNET = ModelSpec.segnet().withFilters(2, 4, 4, 8);

    private TinyNets() {
    }

    /**
     * A network with Xavier kernels from {@code seed} and, drawn from the same seed, biases and
     * batch-norm shifts in [-0.3, 0.3], scales in [0.5, 1.5], running means in [-0.5, 0.5] and running
     * variances in [0.3, 2]: a folding or wiring mistake cannot hide behind identity batch norms.
     */
    public static SegmentationNet random(ModelSpec spec, NDManager manager, int seed) {
        SegmentationNet net = Networks.initialized(spec, manager, seed);
        SplittableRandom r = new SplittableRandom(seed);
        for (Parameter p : Networks.distinctParameters(net)) {
            NDArray a = p.getArray();
            float[] v = a.toFloatArray();
            switch (p.getName()) {
                case "bias", "beta" -> fill(v, r, -0.3, 0.3);
                case "gamma" -> fill(v, r, 0.5, 1.5);
                case "runningMean" -> fill(v, r, -0.5, 0.5);
                case "runningVar" -> fill(v, r, 0.3, 2.0);
                case "weight" -> {
                    continue;
                }
                default -> throw new IllegalStateException("unexpected parameter " + p.getName());
            }
            a.set(v);
        }
        return net;
    }

    /** {@code n} seeded values in [0, 1): a normalised image batch. */
    public static float[] image(int n, long seed) {
        float[] v = new float[n];
        fill(v, new SplittableRandom(seed), 0, 1);
        return v;
    }

    private static void fill(float[] v, SplittableRandom r, double low, double high) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble(low, high);
        }
    }
}
