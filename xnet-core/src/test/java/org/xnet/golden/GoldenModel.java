package org.xnet.golden;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Normalise;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Sample;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;
import org.xnet.infer.Segmenter;
import org.xnet.infer.SegmenterOptions;
import org.xnet.io.DatasetFile;
import org.xnet.io.ImageReaders;
import org.xnet.io.ImageWriters;
import org.xnet.io.LabelImages;
import org.xnet.model.MemoryLayout;
import org.xnet.model.PrecisionRequest;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.RuntimeRequest;
import org.xnet.testutil.PhantomData;
import org.xnet.train.TrainConfig;
import org.xnet.train.TrainingJob;

/**
 * Not a test: the golden model fixture in {@code src/test/resources/org/xnet/golden/} and the
 * method that regenerates it. {@code GoldenModelTest} checks that today's code still loads the
 * model and computes what it computed when the files were made.
 *
 * <p>The files: {@value #MODEL}, an XNet with filters 2,4,4,8 (17 KB) and a 32x32 input trained by
 * {@link TrainingJob} (FP32 NCHW, one thread, seed {@value #SEED}, Adam at 0.02, batch 4, 20
 * epochs, no augmentation; the best epoch by validation loss) on 48 normalised 32x32 phantoms of
 * {@link PhantomData}, 12 more for validation; {@value #INPUT}, a 40x28 phantom radiograph (32-bit float TIFF,
 * not square and not the model's size, so resizing both ways is part of the check); its class
 * probabilities from {@link Segmenter} in resize mode, FP32 NCHW, one thread, as
 * {@value #PROBABILITIES} (32-bit float TIFF 40 wide and 3 x 28 high: open beam, soft tissue and
 * bone one below the other, the layout of {@link ProbabilityMap#data()}); and their argmax as
 * {@value #MASK} (colour label PNG, {@link LabelImages}).
 *
 * <p>Regenerate only when a change of the results is intended (a new model format, a deliberate
 * change of the arithmetic), and say so in the commit:
 *
 * <pre>{@code
 * mvn -q -B -o test-compile
 * mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.xnet.golden.GoldenModel [DIR]
 * }</pre>
 *
 * <p>Run from the project folder; DIR defaults to {@code src/test/resources/org/xnet/golden}. It
 * trains in about ten seconds, refuses to write a model that segments its own input worse than
 * 90 % correct (this one: 95 %), reads every file back and compares it with what it wrote. The same machine and libtorch give the same weights and
 * probabilities each time; only the creation time and the temporary folder named in
 * {@code model.json} differ.
 */
public final class GoldenModel {
    /** The model file. */
    public static final String MODEL = "golden.xnet";
    /** The fixed input radiograph. */
    public static final String INPUT = "input.tif";
    /** The expected class probabilities, channels stacked vertically. */
    public static final String PROBABILITIES = "probabilities.tif";
    /** The expected mask. */
    public static final String MASK = "mask.png";

    static final int MODEL_SIZE = 32;
    static final int INPUT_WIDTH = 40;
    static final int INPUT_HEIGHT = 28;
    static final long SEED = 17;
    private static final String RESOURCES = "/org/xnet/golden/";

    private GoldenModel() {
    }

    /** A golden file on the test class path. */
    public static Path resource(String name) {
        URL url = GoldenModel.class.getResource(RESOURCES + name);
        if (url == null) {
            throw new IllegalStateException("golden file " + RESOURCES + name + " is not on the class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url + ": not a file", e);
        }
    }

    /** The expected probabilities read from {@code file} (the stacked layout of {@value #PROBABILITIES}). */
    public static ProbabilityMap readProbabilities(Path file) throws XNetException {
        Image2D stacked = ImageReaders.read(file);
        if (stacked.height() % SegClass.COUNT != 0) {
            throw new XNetException(file + ": height " + stacked.height() + " is not " + SegClass.COUNT
                    + " class channels stacked");
        }
        return new ProbabilityMap(stacked.width(), stacked.height() / SegClass.COUNT, SegClass.COUNT, stacked.data());
    }

    /** At every pixel, the largest class probability minus the second largest. */
    public static float[] topTwoMargins(ProbabilityMap p) {
        int n = p.width() * p.height();
        float[] out = new float[n];
        float[] d = p.data();
        for (int i = 0; i < n; i++) {
            float first = Float.NEGATIVE_INFINITY;
            float second = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < p.classes(); c++) {
                float v = d[c * n + i];
                if (v > first) {
                    second = first;
                    first = v;
                } else if (v > second) {
                    second = v;
                }
            }
            out[i] = first - second;
        }
        return out;
    }

    /** Regenerates the golden files in {@code args[0]} (default {@code src/test/resources/org/xnet/golden}). */
    public static void main(String[] args) throws Exception {
        // before any DJL use: PyTorch reads its thread count once
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/org/xnet/golden");
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("xnet-golden");
        try {
            Path model = train(work);
            Sample input = input();
            ProbabilityMap probabilities;
            try (Segmenter segmenter = Segmenter.load(model, RuntimeOptions.FP32_NCHW)) {
                probabilities = segmenter.probabilities(input.image(), SegmenterOptions.resize());
            }
            LabelMap mask = probabilities.argmax();
            double accuracy = agreement(mask, input.label());
            if (accuracy < 0.9) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "the trained model labels only %.1f %% of its input right; not written", 100 * accuracy));
            }
            Files.copy(model, out.resolve(MODEL), StandardCopyOption.REPLACE_EXISTING);
            ImageWriters.writeTiffFloat(input.image(), out.resolve(INPUT));
            ImageWriters.writeTiffFloat(new Image2D(probabilities.width(), probabilities.height() * SegClass.COUNT,
                    probabilities.data()), out.resolve(PROBABILITIES));
            LabelImages.writeColour(mask, out.resolve(MASK));
            checkReadBack(out, input.image(), probabilities, mask);
            float[] margins = topTwoMargins(probabilities);
            Arrays.sort(margins);
            System.out.printf(Locale.ROOT, "%s: model %,d bytes, %.1f %% of the input labelled right, top-two margin "
                            + "min %.4f, 1st percentile %.4f, median %.4f%n", out, Files.size(out.resolve(MODEL)),
                    100 * accuracy, margins[0], margins[margins.length / 100], margins[margins.length / 2]);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Trains the model on normalised phantoms (what {@code xnet prepare} would give) and returns its file. */
    private static Path train(Path work) throws XNetException, IOException {
        Dataset raw = PhantomData.dataset(MODEL_SIZE, 48, 12, 0, SEED);
        Dataset data = new Dataset(normalised(raw.train()), normalised(raw.validation()), List.of(), MODEL_SIZE, 1, 0);
        Path h5 = work.resolve("phantoms.h5");
        DatasetFile.write(data, h5);
        TrainConfig config = TrainConfig.defaults().with(Map.of("name", "golden", "filters", List.of(2, 4, 4, 8),
                "batch_size", 4, "no_epochs", 20, "lrate", 0.02, "optimizer", "adam", "augmentation", "none",
                "seed", SEED, "threads", 1));
        Path run = work.resolve("run");
        TrainingJob.run(new TrainingJob.Request(config, h5, run, false, false,
                new RuntimeRequest(PrecisionRequest.FP32, Optional.of(MemoryLayout.NCHW)), List.of()),
                new AtomicBoolean());
        return run.resolve(MODEL);
    }

    private static List<Sample> normalised(List<Sample> samples) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            out.add(new Sample(Normalise.meanThenMinMax(s.image()), s.label(), s.bodyPart(), s.source()));
        }
        return out;
    }

    /** A phantom of another seed, 40 pixels square, cut to 40x28 (the middle rows): raw, not normalised. */
    private static Sample input() {
        Sample square = PhantomData.dataset(INPUT_WIDTH, 0, 0, 1, SEED + 1).test().get(0);
        int top = (INPUT_WIDTH - INPUT_HEIGHT) / 2;
        int n = INPUT_WIDTH * INPUT_HEIGHT;
        float[] image = Arrays.copyOfRange(square.image().data(), top * INPUT_WIDTH, top * INPUT_WIDTH + n);
        byte[] label = Arrays.copyOfRange(square.label().data(), top * INPUT_WIDTH, top * INPUT_WIDTH + n);
        return new Sample(new Image2D(INPUT_WIDTH, INPUT_HEIGHT, image), new LabelMap(INPUT_WIDTH, INPUT_HEIGHT, label),
                square.bodyPart(), "golden input");
    }

    private static double agreement(LabelMap a, LabelMap b) {
        int same = 0;
        for (int i = 0; i < a.data().length; i++) {
            same += a.data()[i] == b.data()[i] ? 1 : 0;
        }
        return (double) same / a.data().length;
    }

    private static void checkReadBack(Path dir, Image2D input, ProbabilityMap probabilities, LabelMap mask)
            throws XNetException {
        if (!ImageReaders.read(dir.resolve(INPUT)).equals(input)) {
            throw new IllegalStateException(dir.resolve(INPUT) + " does not read back as written");
        }
        if (!readProbabilities(dir.resolve(PROBABILITIES)).equals(probabilities)) {
            throw new IllegalStateException(dir.resolve(PROBABILITIES) + " does not read back as written");
        }
        if (!LabelImages.read(dir.resolve(MASK)).equals(mask)) {
            throw new IllegalStateException(dir.resolve(MASK) + " does not read back as written");
        }
    }
}
