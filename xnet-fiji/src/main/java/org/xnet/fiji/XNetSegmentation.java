package org.xnet.fiji;

import ij.ImagePlus;
import ij.gui.Overlay;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Progress;
import org.xnet.core.XNetException;
import org.xnet.infer.ModelRef;
import org.xnet.infer.ScaledProbabilities;
import org.xnet.infer.Segmenter;
import org.xnet.infer.SegmenterOptions;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelMetadata.ClassInfo;

/**
 * What the Fiji command does, without the command: segments an ImageJ image's current slice with a
 * model (built-in or a {@code .xnet} file) as {@link Segmenter} does for {@code xnet predict}, and
 * returns the mask, optionally the probabilities and the overlay, as ImageJ objects. Nothing is
 * shown here; the command shows the result.
 */
public final class XNetSegmentation {
    private XNetSegmentation() {
    }

    /**
     * What to run: the model, how to segment ({@link SegmenterOptions}), and which optional results
     * to make.
     */
    public record Settings(ModelRef model, SegmenterOptions options, boolean probabilities, boolean overlay) {
        public Settings {
            if (model == null || options == null) {
                throw new IllegalArgumentException("model and options must not be null");
            }
        }

        /**
         * The command's choices: the built-in model or {@code modelFile}; tiled (one tile per
         * forward pass, so a cancel is honoured between tiles) or resized as {@code xnet predict}
         * does by default.
         *
         * @throws XNetException when a model file is asked for and none is given
         */
        public static Settings of(boolean builtin, Path modelFile, boolean tiled, boolean tta, boolean probabilities,
                                  boolean overlay) throws XNetException {
            if (!builtin && modelFile == null) {
                throw new XNetException("XNet: choose a model file (.xnet), or the built-in model");
            }
            ModelRef model = builtin ? ModelRef.builtin("") : ModelRef.file(modelFile);
            SegmenterOptions options = (tiled ? SegmenterOptions.tiled().withBatchSize(1) : SegmenterOptions.resize())
                    .withTta(tta);
            return new Settings(model, options, probabilities, overlay);
        }
    }

    /** The results: the mask image, and the probability stack and overlay where they were asked for. */
    public record Result(ImagePlus mask, Optional<ImagePlus> probabilities, Optional<Overlay> overlay) {
    }

    /**
     * Segments {@code image}'s current slice, reporting each forward pass to {@code progress}.
     *
     * @throws Progress.Cancelled when {@code progress} asked to stop (nothing is returned)
     * @throws XNetException when the model cannot be read (the message names it)
     */
    public static Result run(ImagePlus image, Settings settings, Progress progress) throws XNetException {
        Image2D pixels = ImageConversion.toImage2D(image);
        ScaledProbabilities probabilities;
        List<ClassInfo> classes;
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        // DJL finds its engine and natives through the context class loader; Fiji's threads may carry another.
        thread.setContextClassLoader(XNetSegmentation.class.getClassLoader());
        try {
            String name = settings.model().toString();
            byte[] model = settings.model().bytes();
            classes = ModelFile.readMetadata(model, name).classes();
            try (Segmenter segmenter = Segmenter.load(model, name, EngineSettings.inference())) {
                probabilities = segmenter.scaledProbabilities(pixels, settings.options(), progress);
            }
        } finally {
            thread.setContextClassLoader(caller);
        }
        LabelMap mask = probabilities.argmax();
        String title = baseTitle(image) + "-xnet";
        ImagePlus maskImage = ResultImages.mask(mask, classes, title + "-mask", image.getCalibration());
        Optional<ImagePlus> probabilityStack = settings.probabilities()
                ? Optional.of(ResultImages.probabilities(probabilities.full(), classes, title + "-probabilities",
                        image.getCalibration()))
                : Optional.empty();
        Optional<Overlay> overlay = settings.overlay() ? Optional.of(ResultImages.overlay(mask, classes)) : Optional.empty();
        return new Result(maskImage, probabilityStack, overlay);
    }

    /** The image's title without its file extension. */
    static String baseTitle(ImagePlus image) {
        String title = image.getTitle();
        int dot = title.lastIndexOf('.');
        return dot > 0 ? title.substring(0, dot) : title;
    }
}
