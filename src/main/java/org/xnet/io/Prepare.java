package org.xnet.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Normalise;
import org.xnet.core.Resize;
import org.xnet.core.Sample;
import org.xnet.core.XNetException;

/**
 * The prepare stage: pairs radiographs with label images, derives body parts, resizes (area
 * averaging for images, nearest neighbour for labels) to the model size, normalises each image
 * (mean, then min-max) and makes the balanced split.
 *
 * <p>Images of any aspect are resized to a square, as the original did. A label must have the
 * size of its image or the same aspect ratio (within 1 %), since it is resized with nearest
 * neighbour anyway; otherwise the error names both files and sizes. {@link Dataset#maxValue()} and
 * {@link Dataset#minValue()} are the largest and smallest raw pixel values over all images read
 * (the original wrote 1 and 0, the range after normalisation). A sample's source is its image
 * path relative to the images folder, with {@code /} separators.
 */
public final class Prepare {
    private static final double ASPECT_TOLERANCE = 0.01;

    /** Reads a radiograph and a label image. */
    public interface Readers {
        Image2D image(Path file) throws XNetException;

        LabelMap label(Path file) throws XNetException;
    }

    /** Told the number of pairs once, then each image as it is done. */
    public interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void start(int total) {
            }

            @Override
            public void done(Path image) {
            }
        };

        void start(int total);

        void done(Path image);
    }

    private Prepare() {
    }

    /** Prepares a dataset from the folders in {@code config}, reading files with {@code readers}. */
    public static Dataset run(PrepareConfig config, Readers readers, Progress progress) throws XNetException {
        List<DatasetSources.Pair> pairs = DatasetSources.pair(config.imagesDir(), config.labelsDir());
        List<String> bodyParts = pairs.stream().map(p -> BodyParts.fromFileName(p.image().getFileName().toString()))
                .toList();
        DatasetSplitter.Assignment split = DatasetSplitter.split(bodyParts, config.trainFraction(), config.seed());
        progress.start(pairs.size());
        List<Sample> samples = new ArrayList<>(pairs.size());
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < pairs.size(); i++) {
            DatasetSources.Pair pair = pairs.get(i);
            Image2D raw = readers.image(pair.image());
            LabelMap label = readers.label(pair.label());
            checkSizes(pair, raw, label);
            max = Math.max(max, raw.max());
            min = Math.min(min, raw.min());
            samples.add(sample(config, pair, raw, label, bodyParts.get(i)));
            progress.done(pair.image());
        }
        return new Dataset(pick(samples, split.train()), pick(samples, split.validation()),
                pick(samples, split.test()), config.size(), max, min);
    }

    /** One resized, normalised sample. */
    static Sample sample(PrepareConfig config, DatasetSources.Pair pair, Image2D raw, LabelMap label, String bodyPart) {
        int size = config.size();
        Image2D image = Normalise.meanThenMinMax(Resize.area(raw, size, size));
        String source = config.imagesDir().relativize(pair.image()).toString().replace('\\', '/');
        return new Sample(image, Resize.nearest(label, size, size), bodyPart, source);
    }

    /** Rejects a label whose size differs from its image's unless the aspect ratios agree. */
    static void checkSizes(DatasetSources.Pair pair, Image2D image, LabelMap label) throws XNetException {
        if (label.sameSize(image)) {
            return;
        }
        double imageAspect = (double) image.width() / image.height();
        double labelAspect = (double) label.width() / label.height();
        if (Math.abs(labelAspect / imageAspect - 1) > ASPECT_TOLERANCE) {
            throw new XNetException("label " + pair.label() + " is " + label.sizeString() + " but image "
                    + pair.image() + " is " + image.sizeString() + ": the aspect ratios differ");
        }
    }

    private static List<Sample> pick(List<Sample> samples, List<Integer> indices) {
        return indices.stream().map(samples::get).toList();
    }
}
