package org.xnet.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /**
     * The model (a file or a built-in one), the inputs (files, folders, globs) and a list file of
     * more (or null), the output folder, what to write and how to compute, which part of the inputs
     * this process predicts ({@link Part}) and whether it continues an earlier run in the folder
     * ({@code resume}: see {@link BatchPredictor}).
     */
    public record Request(ModelRef model, List<String> inputs, Path inputList, Path out, PredictConfig config,
                          RuntimeOptions options, Part part, boolean resume) {
        public Request {
            Objects.requireNonNull(model, "model");
            inputs = List.copyOf(inputs);
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(part, "part");
        }

        /** A model file and its inputs as one whole run, no list file, outputs replaced. */
        public Request(Path model, List<String> inputs, Path out, PredictConfig config, RuntimeOptions options) {
            this(ModelRef.file(model), inputs, null, out, config, options, Part.WHOLE, false);
        }
    }

    /**
     * Predicts every input (the arguments, then the lines of the list file). Inputs that are neither
     * a path nor a glob, or that would write the same outputs, are an {@link org.xnet.core.InvalidSetting} of {@code inputs}; a file that cannot be
     * read or segmented is reported to the listener and skipped unless the config fails fast.
     */
    public static PredictionSummary run(Request request, Progress progress) throws XNetException, IOException {
        List<String> arguments = new ArrayList<>(request.inputs());
        if (request.inputList() != null) {
            arguments.addAll(InputFiles.readList(request.inputList()));
        }
        List<InputFiles.Input> files = InputFiles.expand(arguments);
        try (Segmenter segmenter = request.model().open(request.options())) {
            return new BatchPredictor(segmenter, request.config()).run(files, request.out(), request.part(),
                    request.resume(), progress);
        }
    }
}
