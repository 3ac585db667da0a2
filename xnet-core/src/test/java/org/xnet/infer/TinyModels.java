package org.xnet.infer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import java.util.SplittableRandom;
import org.xnet.core.Image2D;
import org.xnet.core.Normalise;
import org.xnet.model.ModelSpec;
import org.xnet.model.Networks;
import org.xnet.testutil.TinyModelFiles;

/** Tiny seeded networks and images for the infer tests. */
final class TinyModels {
    static final ModelSpec TINY_XNET = TinyModelFiles.TINY_XNET;

    private TinyModels() {
    }

    /** An untrained tiny XNet (seeded) with a {@code size x size} input, normalised as in training. */
    static Segmenter tinyXNet(int size, int seed) {
        NDManager manager = NDManager.newBaseManager();
        Block net = Networks.initialized(TINY_XNET, manager, seed);
        return new Segmenter(net, manager, 3, size, size, Normalise::meanThenMinMax);
    }

    /**
     * A per-pixel network (one 1x1 convolution to 3 classes, seeded): its prediction at a pixel depends
     * on that pixel only, so any tiling must reproduce the untiled prediction exactly.
     */
    static Block pointwise(NDManager manager, int seed) {
        Block conv = Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(3).optBias(true).build();
        Engine.getInstance().setRandomSeed(seed);
        conv.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4, 4));
        conv.getParameters().get("bias").getArray().set(new float[] {0.3f, -0.2f, 0.1f});
        return conv;
    }

    /** A seeded image with values in [0, 1000). */
    static Image2D random(int width, int height, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[width * height];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (r.nextDouble() * 1000);
        }
        return new Image2D(width, height, d);
    }

    /** A smooth seeded image (a few random low-frequency waves plus noise) that a network can tell apart. */
    static Image2D smooth(int width, int height, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double fx = r.nextDouble(0.02, 0.2);
        double fy = r.nextDouble(0.02, 0.2);
        float[] d = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                d[y * width + x] = (float) (Math.sin(fx * x) * Math.cos(fy * y) * 500 + r.nextDouble() * 50);
            }
        }
        return new Image2D(width, height, d);
    }

    static Image2D flipHorizontal(Image2D image) {
        int w = image.width();
        float[] out = new float[image.data().length];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = image.data()[y * w + (w - 1 - x)];
            }
        }
        return new Image2D(w, image.height(), out);
    }

    static Image2D flipVertical(Image2D image) {
        int w = image.width();
        int h = image.height();
        float[] out = new float[image.data().length];
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.data(), (h - 1 - y) * w, out, y * w, w);
        }
        return new Image2D(w, h, out);
    }
}
