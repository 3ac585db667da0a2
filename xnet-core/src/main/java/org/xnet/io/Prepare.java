package org.xnet.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.xnet.core.AtomicFiles;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Normalise;
import org.xnet.core.Resize;
import org.xnet.core.Sample;
import org.xnet.core.Progress;
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
 * ({@link DatasetFile} stores them as {@code raw_max_value}/{@code raw_min_value}). A split that
 * would leave validation or test empty is refused before any image is read. A sample's source is its image
 * path relative to the images folder, with {@code /} separators. Pairs are read on up to four
 * threads; results and errors are taken in file order, so the outcome does not depend on timing.
 */
public final class Prepare {
    private static final double ASPECT_TOLERANCE = 0.01;
    /** Images read at once: each holds a full-resolution radiograph in memory. */
    private static final int MAX_THREADS = 4;

    /** Reads a radiograph and a label image. */
    public interface Readers {
        Image2D image(Path file) throws XNetException;

        LabelMap label(Path file) throws XNetException;

        /** As {@link #label(Path)}, passing any one-line warning about the file to {@code warnings}. */
        default LabelMap label(Path file, Consumer<String> warnings) throws XNetException {
            return label(file);
        }
    }

    private Prepare() {
    }

    /**
     * Prepares a dataset with the standard readers and writes it to {@code out} (atomically). That
     * {@code out} can be written is checked first ({@link AtomicFiles#checkWritable}), before any
     * image is read.
     */
    public static Dataset toFile(PrepareConfig config, Path out, Progress progress) throws XNetException {
        AtomicFiles.checkWritable(out);
        Dataset dataset = run(config, progress);
        DatasetFile.write(dataset, out);
        return dataset;
    }

    /** Prepares a dataset, reading radiographs with {@link ImageReaders} and labels with {@link LabelImages}. */
    public static Dataset run(PrepareConfig config, Progress progress) throws XNetException {
        return run(config, new Readers() {
            @Override
            public Image2D image(Path file) throws XNetException {
                return ImageReaders.read(file);
            }

            @Override
            public LabelMap label(Path file) throws XNetException {
                return LabelImages.read(file, config.colourTable());
            }

            @Override
            public LabelMap label(Path file, Consumer<String> warnings) throws XNetException {
                return LabelImages.read(file, config.colourTable(), warnings);
            }
        }, progress);
    }

    /** Prepares a dataset from the folders in {@code config}, reading files with {@code readers}. */
    public static Dataset run(PrepareConfig config, Readers readers, Progress progress) throws XNetException {
        List<DatasetSources.Pair> pairs = DatasetSources.pair(config.imagesDir(), config.labelsDir());
        List<String> bodyParts = pairs.stream().map(p -> BodyParts.fromFileName(p.image().getFileName().toString()))
                .toList();
        DatasetSplitter.Assignment split = split(config, pairs, bodyParts);
        checkHeldOut(split, bodyParts, config);
        progress.start("prepare", pairs.size());
        List<Sample> samples = new ArrayList<>(pairs.size());
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int threads = Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Prepared>> futures = new ArrayList<>(pairs.size());
            for (int i = 0; i < pairs.size(); i++) {
                DatasetSources.Pair pair = pairs.get(i);
                String bodyPart = bodyParts.get(i);
                futures.add(pool.submit(() -> prepare(config, readers, pair, bodyPart)));
            }
            for (int i = 0; i < futures.size(); i++) {
                progress.stopIfCancelled("prepare", i, futures.size());
                Prepared prepared = await(futures.get(i));
                prepared.warnings().forEach(progress::warn);
                range[0] = Math.min(range[0], prepared.min());
                range[1] = Math.max(range[1], prepared.max());
                samples.add(prepared.sample());
                progress.advance(i + 1, pairs.get(i).image().getFileName().toString());
            }
        } finally {
            pool.shutdownNow();
        }
        return new Dataset(pick(samples, split.train()), pick(samples, split.validation()),
                pick(samples, split.test()), config.size(), range[1], range[0]);
    }

    private static DatasetSplitter.Assignment split(PrepareConfig config, List<DatasetSources.Pair> pairs,
                                                    List<String> bodyParts) throws XNetException {
        if (config.testPattern().isEmpty()) {
            return DatasetSplitter.split(bodyParts, config.trainFraction(), config.seed());
        }
        boolean[] test = new boolean[pairs.size()];
        int count = 0;
        for (int i = 0; i < test.length; i++) {
            test[i] = config.isTestImage(pairs.get(i).image());
            count += test[i] ? 1 : 0;
        }
        if (count == 0 || count == test.length) {
            throw new XNetException("the test pattern '" + config.testPattern() + "' matches " + (count == 0 ? "none"
                    : "all") + " of the " + test.length + " radiographs in " + config.imagesDir()
                    + " (it is matched against file names, e.g. '*_chest_*')");
        }
        return DatasetSplitter.splitWithTest(bodyParts, test, config.trainFraction(), config.seed());
    }

    /**
     * Refuses a split with an empty validation or test part (training would have nothing to
     * validate on, and the original code cannot read a file without {@code val_img}), saying how
     * many images and body parts there are and what is needed.
     */
    static void checkHeldOut(DatasetSplitter.Assignment split, List<String> bodyParts, PrepareConfig config)
            throws XNetException {
        List<String> empty = new ArrayList<>();
        if (split.validation().isEmpty()) {
            empty.add("validation");
        }
        if (split.test().isEmpty()) {
            empty.add("test");
        }
        if (empty.isEmpty()) {
            return;
        }
        Set<Integer> given = config.testPattern().isEmpty() ? Set.of() : Set.copyOf(split.test());
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < bodyParts.size(); i++) {
            if (!given.contains(i)) {
                counts.merge(bodyParts.get(i), 1, Integer::sum);
            }
        }
        int images = bodyParts.size() - given.size();
        long repeated = counts.values().stream().filter(c -> c >= 2).count();
        String need = config.testPattern().isEmpty()
                ? "validation and test need one image each, held out from body parts with two or more images "
                        + "(a body part with a single image stays in training): add images so that at least two "
                        + "body parts have two or more"
                : "validation needs one image held out from a body part with two or more images: add such images";
        String which = given.isEmpty() ? "" : " outside the test pattern";
        throw new XNetException(config.imagesDir() + ": " + images + " images" + which + " of " + counts.size()
                + " body parts (" + repeated + " with two or more images) leave the " + String.join(" and ", empty)
                + " split" + (empty.size() > 1 ? "s" : "") + " empty; " + need);
    }

    /** A prepared sample, the raw value range of its image and the warnings about its files (given in file order). */
    private record Prepared(Sample sample, double min, double max, List<String> warnings) {
    }

    private static Prepared prepare(PrepareConfig config, Readers readers, DatasetSources.Pair pair, String bodyPart)
            throws XNetException {
        Image2D raw = readers.image(pair.image());
        List<String> warnings = new ArrayList<>();
        LabelMap label = readers.label(pair.label(), warnings::add);
        checkSizes(pair, raw, label);
        return new Prepared(sample(config, pair, raw, label, bodyPart), raw.min(), raw.max(), warnings);
    }

    /** The result of one task; its XNetException (or any other failure) rethrown as it was. */
    private static Prepared await(Future<Prepared> future) throws XNetException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XNetException("interrupted while preparing the dataset", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof XNetException x) {
                throw x;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
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
