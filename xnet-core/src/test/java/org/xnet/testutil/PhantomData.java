package org.xnet.testutil;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;

/**
 * A tiny synthetic segmentation task for training and benchmark tests: open beam bright (0.9), soft tissue a
 * rectangle of middle intensity (0.55), bone a smaller rectangle inside it (0.2), plus noise, so a
 * small convolutional net separates the classes by intensity and local context.
 */
public final class PhantomData {
    private PhantomData() {
    }

    /** {@code train}, {@code validation} and {@code test} phantoms of {@code size x size}, body part "phantom". */
    public static Dataset dataset(int size, int train, int validation, int test, long seed) {
        Random r = new Random(seed);
        List<Sample> trainSamples = samples(train, size, r, "train");
        List<Sample> validationSamples = samples(validation, size, r, "val");
        return new Dataset(trainSamples, validationSamples, samples(test, size, r, "test"), size, 1, 0);
    }

    /** {@code data} with pixel {@code index} of its first training image set to {@code value} (NaN, say). */
    public static Dataset withTrainingPixel(Dataset data, int index, float value) {
        List<Sample> train = new ArrayList<>(data.train());
        Sample first = train.get(0);
        float[] pixels = first.image().data().clone();
        pixels[index] = value;
        train.set(0, new Sample(new Image2D(first.image().width(), first.image().height(), pixels), first.label(),
                first.bodyPart(), first.source()));
        return new Dataset(train, data.validation(), data.test(), data.imageSize(), data.maxValue(), data.minValue());
    }

    /**
     * {@code n} samples of body part {@code part} with uniform random pixels and random labels (no task to
     * learn: for evaluation plumbing), drawn from {@code r} in order; sample i comes from {@code source.apply(i)}.
     */
    public static List<Sample> noise(Random r, int n, int size, String part, IntFunction<String> source) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] img = new float[size * size];
            byte[] lab = new byte[size * size];
            for (int p = 0; p < img.length; p++) {
                lab[p] = (byte) r.nextInt(3);
                img[p] = r.nextFloat();
            }
            out.add(new Sample(new Image2D(size, size, img), new LabelMap(size, size, lab), part, source.apply(i)));
        }
        return out;
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
}
