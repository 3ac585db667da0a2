package org.xnet.train;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.ndarray.types.Shape;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A tiny synthetic segmentation task for trainer tests: open beam bright (0.9), soft tissue a
 * rectangle of middle intensity (0.55), bone a smaller rectangle inside it (0.2), plus noise, so a
 * small convolutional net separates the classes by intensity and local context.
 */
final class TinySegData {
    private TinySegData() {
    }

    static Dataset dataset(int size, int train, int validation, long seed) {
        Random r = new Random(seed);
        return new Dataset(samples(train, size, r, "train"), samples(validation, size, r, "val"), List.of(), size, 1, 0);
    }

    private static List<Sample> samples(int n, int size, Random r, String prefix) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] img = new float[size * size];
            byte[] lab = new byte[size * size];
            int tx0 = r.nextInt(size / 3);
            int ty0 = r.nextInt(size / 3);
            int tx1 = size - 1 - r.nextInt(size / 3);
            int ty1 = size - 1 - r.nextInt(size / 3);
            int bx0 = tx0 + 2 + r.nextInt(2);
            int by0 = ty0 + 2 + r.nextInt(2);
            int bx1 = tx1 - 2 - r.nextInt(2);
            int by1 = ty1 - 2 - r.nextInt(2);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int c = 0;
                    if (x >= tx0 && x <= tx1 && y >= ty0 && y <= ty1) {
                        c = (x >= bx0 && x <= bx1 && y >= by0 && y <= by1) ? 2 : 1;
                    }
                    float base = c == 0 ? 0.9f : c == 1 ? 0.55f : 0.2f;
                    img[y * size + x] = base + (float) (r.nextGaussian() * 0.08);
                    lab[y * size + x] = (byte) c;
                }
            }
            out.add(new Sample(new Image2D(size, size, img), new LabelMap(size, size, lab), "phantom", prefix + i));
        }
        return out;
    }

    /** conv3x3(8) - BN - ReLU - conv1x1(3): enough for intensity classes. */
    static Block tinyNet() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(3).build());
    }
}
