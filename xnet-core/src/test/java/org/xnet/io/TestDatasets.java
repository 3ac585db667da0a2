package org.xnet.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;
import org.xnet.core.SegClass;

/** Seeded random samples and datasets for tests. */
final class TestDatasets {
    private TestDatasets() {
    }

    static Sample sample(Random random, int size, String bodyPart, String source) {
        float[] pixels = new float[size * size];
        byte[] classes = new byte[size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
            classes[i] = (byte) random.nextInt(SegClass.COUNT);
        }
        return new Sample(new Image2D(size, size, pixels), new LabelMap(size, size, classes), bodyPart, source);
    }

    static List<Sample> samples(Random random, int count, int size, String prefix) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(sample(random, size, "part" + (i % 3), prefix + "/image" + i + ".tif"));
        }
        return out;
    }

    static Dataset dataset(long seed, int train, int validation, int test, int size) {
        Random random = new Random(seed);
        return new Dataset(samples(random, train, size, "train"), samples(random, validation, size, "val"),
                samples(random, test, size, "test"), size, 65535.0, 12.0);
    }
}
