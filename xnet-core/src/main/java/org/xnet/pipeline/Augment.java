package org.xnet.pipeline;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.xnet.augment.AugmentConfig;
import org.xnet.augment.AugmentPipeline;
import org.xnet.augment.AugmentPreview;
import org.xnet.augment.PreAugmentation;
import org.xnet.core.AtomicFiles;
import org.xnet.core.Dataset;
import org.xnet.core.InvalidSetting;
import org.xnet.core.Progress;
import org.xnet.core.XNetException;
import org.xnet.io.DatasetFile;
import org.xnet.report.ContactSheet;

/**
 * The augment stage from dataset file to dataset file (what {@code xnet augment} does): the training
 * split brought to {@code perCategory} examples per body part by augmented copies
 * ({@link PreAugmentation}), validation and test copied unchanged; and the preview sheet of
 * {@code xnet augment preview}. It lives in pipeline because it reads and writes HDF5 files (io) and
 * draws a sheet (report), which the augment package, seeing only core, must not; callers with
 * datasets in memory (a Spark job) call {@link PreAugmentation#augment} directly.
 */
public final class Augment {
    /** The share of this JVM's maximum heap the augmented dataset may need. */
    static final double HEAP_SHARE = 0.9;
    /** The preview sheet's file name inside its folder. */
    public static final String PREVIEW = "augment-preview.png";

    private Augment() {
    }

    /** The input dataset file, examples per body part (at least 1), the output file, the seed and the augmentation. */
    public record Request(Path data, int perCategory, Path out, long seed, AugmentConfig augment) {
        public Request {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(augment, "augment");
            if (perCategory < 1) {
                throw new InvalidSetting("perCategory", "must be >= 1, got " + perCategory);
            }
        }

        /** With the original's augmentation ({@link AugmentConfig#defaults()}). */
        public Request(Path data, int perCategory, Path out, long seed) {
            this(data, perCategory, out, seed, AugmentConfig.defaults());
        }
    }

    /** Training images before and after, and the unchanged validation and test counts. */
    public record Result(int trainBefore, int trainAfter, int validation, int test) {
        /** The augmented copies added. */
        public int augmented() {
            return trainAfter - trainBefore;
        }
    }

    /**
     * Reads {@code request.data()}, augments its training split and writes the dataset to
     * {@code request.out()}. A {@code perCategory} whose result would not fit in this JVM's heap is
     * refused (an {@link InvalidSetting} of {@code perCategory}) before any work.
     */
    public static Result run(Request request, Progress progress) throws XNetException {
        Dataset in = DatasetFile.read(request.data());
        int perCategory = request.perCategory();
        long copies = PreAugmentation.copyCount(in, perCategory);
        long need = PreAugmentation.estimatedBytes(in, perCategory);
        long heap = Runtime.getRuntime().maxMemory();
        if (need > heap * HEAP_SHARE) {
            throw new InvalidSetting("perCategory", String.format(Locale.ROOT, "%d needs about %,d MB of memory "
                    + "(%,d augmented %dx%d images), more than this JVM's %,d MB: use a smaller N, or more heap "
                    + "(XNET_JAVA_OPTS=-Xmx...)", perCategory, need >> 20, copies, in.imageSize(), in.imageSize(),
                    heap >> 20));
        }
        PreAugmentation.unbalancedReason(in, perCategory)
                .ifPresent(reason -> progress.warn("warning: --per-category " + reason));
        if (copies > 0) {
            progress.start("augment", copies);
        }
        Dataset augmented = PreAugmentation.augment(in, perCategory, new AugmentPipeline(request.augment()),
                request.seed(), done -> progress.advance(done, ""));
        DatasetFile.write(augmented, request.out());
        return new Result(in.train().size(), augmented.train().size(), augmented.validation().size(),
                augmented.test().size());
    }

    /** The dataset file, how many samples the sheet shows (at least 1), its seed, its folder and the augmentation. */
    public record PreviewRequest(Path data, int count, long seed, Path out, AugmentConfig augment) {
        public PreviewRequest {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(augment, "augment");
            if (count < 1) {
                throw new InvalidSetting("count", "must be >= 1, got " + count);
            }
        }

        /** With the original's augmentation ({@link AugmentConfig#defaults()}). */
        public PreviewRequest(Path data, int count, long seed, Path out) {
            this(data, count, seed, out, AugmentConfig.defaults());
        }
    }

    /** The sheet written and the samples it shows. */
    public record Preview(Path file, int samples) {
    }

    /**
     * Writes {@code out/}{@value #PREVIEW}: training samples of every body part in turn, each beside an
     * augmented version, labels drawn over the images.
     */
    public static Preview preview(PreviewRequest request) throws XNetException {
        Dataset dataset = DatasetFile.read(request.data());
        if (dataset.train().isEmpty()) {
            throw new XNetException(request.data() + ": the training split is empty, nothing to preview");
        }
        AugmentPreview.Pairs pairs = AugmentPreview.pairs(dataset.train(), request.count(),
                new AugmentPipeline(request.augment()), request.seed());
        BufferedImage sheet = ContactSheet.render(pairs.originals(), pairs.augmented());
        Path file = request.out().resolve(PREVIEW);
        AtomicFiles.write(file, temp -> ContactSheet.writePng(sheet, temp));
        return new Preview(file, pairs.originals().size());
    }
}
