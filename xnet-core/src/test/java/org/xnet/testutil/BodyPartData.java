package org.xnet.testutil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;
import org.xnet.core.XNetException;
import org.xnet.io.DatasetFile;

/**
 * A small unbalanced dataset file for augmentation tests: training hand x3, knee, skull; one
 * validation (hand) and one test image (knee); 16x16 random pixels, soft tissue left, bone right.
 */
public final class BodyPartData {
    private BodyPartData() {
    }

    /** Writes the dataset drawn from {@code seed} to {@code file} and returns the file. */
    public static Path write(Path file, long seed) throws XNetException {
        Random random = new Random(seed);
        List<Sample> train = new ArrayList<>();
        String[] parts = {"hand", "hand", "hand", "knee", "skull"};
        for (int i = 0; i < parts.length; i++) {
            train.add(sample(random, parts[i], "train" + i + ".tif"));
        }
        List<Sample> val = List.of(sample(random, "hand", "val.tif"));
        List<Sample> test = List.of(sample(random, "knee", "test.tif"));
        DatasetFile.write(new Dataset(train, val, test, 16, 255, 0), file);
        return file;
    }

    private static Sample sample(Random random, String part, String source) {
        float[] img = new float[256];
        byte[] lab = new byte[256];
        for (int i = 0; i < img.length; i++) {
            img[i] = random.nextFloat();
            lab[i] = (byte) (i % 16 < 8 ? 1 : 2);
        }
        return new Sample(new Image2D(16, 16, img), new LabelMap(16, 16, lab), part, source);
    }
}
