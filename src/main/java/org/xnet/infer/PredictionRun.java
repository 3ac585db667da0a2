package org.xnet.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.xnet.core.Progress;
import org.xnet.core.XNetException;
import org.xnet.model.RuntimeOptions;

/**
 * The predict stage as one call (what {@code xnet predict} does): the inputs expanded into image
 * files ({@link InputFiles}), the model loaded to compute as {@code options} say, and every input
 * segmented into the output folder ({@link BatchPredictor}).
 */
public final class PredictionRun {
    private PredictionRun() {
    }

    /** The model (a file or a built-in one), the inputs (files, folders, globs), the output folder, what to write and how to compute. */
    public record Request(ModelRef model, List<String> inputs, Path out, PredictConfig config, RuntimeOptions options) {
        public Request {
            Objects.requireNonNull(model, "model");
            inputs = List.copyOf(inputs);
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(options, "options");
        }

        /** With a model file. */
        public Request(Path model, List<String> inputs, Path out, PredictConfig config, RuntimeOptions options) {
            this(ModelRef.file(model), inputs, out, config, options);
        }
    }

    /**
     * Predicts every input. Inputs that are neither a path nor a glob, or that would write the same
     * outputs, are an {@link org.xnet.core.InvalidSetting} of {@code inputs}; a file that cannot be
     * read or segmented is reported to the listener and skipped unless the config fails fast.
     */
    public static PredictionSummary run(Request request, Progress progress) throws XNetException, IOException {
        List<InputFiles.Input> files = InputFiles.expand(request.inputs());
        try (Segmenter segmenter = request.model().open(request.options())) {
            return new BatchPredictor(segmenter, request.config()).run(files, request.out(), progress);
        }
    }
}
