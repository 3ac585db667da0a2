package org.xnet.augment;

import java.util.SplittableRandom;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;

/** Seeded random samples for the augmentation tests. */
final class TestSamples {
    private TestSamples() {
    }

    /** A w x h sample with uniform [0, 1) pixels and labels drawn from {@code classes}. */
    static Sample random(SplittableRandom random, int w, int h, byte... classes) {
        float[] img = new float[w * h];
        byte[] lab = new byte[w * h];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) random.nextDouble();
            lab[i] = classes[random.nextInt(classes.length)];
        }
        return new Sample(new Image2D(w, h, img), new LabelMap(w, h, lab), "hand", "random.tif");
    }

    /** A sample with the given pixel values (row-major) and label values. */
    static Sample of(int w, int h, float[] image, int... labels) {
        byte[] lab = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            lab[i] = (byte) labels[i];
        }
        return new Sample(new Image2D(w, h, image), new LabelMap(w, h, lab), "hand", "known.tif");
    }
}
