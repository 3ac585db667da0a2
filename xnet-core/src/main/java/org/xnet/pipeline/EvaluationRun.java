package org.xnet.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xnet.core.Dataset;
import org.xnet.core.InvalidSetting;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Progress;
import org.xnet.core.Provenance;
import org.xnet.core.Sample;
import org.xnet.core.Split;
import org.xnet.core.XNetException;
import org.xnet.eval.EvaluationConfig;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.Evaluator;
import org.xnet.eval.PostProcessed;
import org.xnet.eval.ResultsWriter;
import org.xnet.infer.ModelRef;
import org.xnet.infer.Segmenter;
import org.xnet.model.RuntimeOptions;
import org.xnet.infer.SegmenterOptions;
import org.xnet.io.DatasetFile;
import org.xnet.report.Report;
import org.xnet.report.ReportInputs;
import org.xnet.report.TrainingLog;

/**
 * Evaluates a model file on splits of a dataset file: predicts every sample, computes every metric
 * before and after post-processing, and writes {@code results.json}, {@code results.txt} and the
 * HTML report (with the learning curve when a training log is given or lies next to the model).
 */
public final class EvaluationRun {
    /** The training log a run folder holds next to its model. */
    public static final String TRAINING_LOG = "log.csv";

    /**
     * What to evaluate and where to write it; {@code reportImages} bounds the panel rows. {@code model} is a
     * model file, an ensemble or a built-in model ({@link ModelRef#open}); {@code tta} averages the four flips.
     */
    public record Request(ModelRef model, Path data, List<Split> splits, EvaluationConfig config,
                          Optional<Path> trainingLog, int reportImages, Path out, RuntimeOptions options,
                          boolean tta) {
        public Request {
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(data, "data");
            splits = List.copyOf(splits);
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(trainingLog, "trainingLog");
            Objects.requireNonNull(out, "out");
            if (splits.isEmpty()) {
                throw new IllegalArgumentException("name at least one split to evaluate");
            }
            if (reportImages < 0) {
                throw new InvalidSetting("reportImages", reportImages + ": expected 0 or more",
                        "reportImages must be >= 0, got " + reportImages);
            }
        }

        /** A request for a model file or an ensemble folder or manifest. */
        public Request(Path model, Path data, List<Split> splits, EvaluationConfig config, Optional<Path> trainingLog,
                       int reportImages, Path out, RuntimeOptions options, boolean tta) {
            this(ModelRef.file(model), data, splits, config, trainingLog, reportImages, out, options, tta);
        }

        /** A request for a model file or an ensemble, without test-time augmentation. */
        public Request(Path model, Path data, List<Split> splits, EvaluationConfig config, Optional<Path> trainingLog,
                       int reportImages, Path out, RuntimeOptions options) {
            this(model, data, splits, config, trainingLog, reportImages, out, options, false);
        }
    }

    private EvaluationRun() {
    }

    /** Runs the evaluation and writes its results and report. */
    public static EvaluationResult run(Request request, Progress progress) throws XNetException {
        Optional<Path> log = request.trainingLog().or(() -> besideModel(request.model()));
        if (log.isPresent()) {
            TrainingLog.read(log.get()); // a missing or bad log fails now, not after the inference
        }
        checkOutputFolder(request.out());
        Dataset dataset = DatasetFile.read(request.data(), EnumSet.copyOf(request.splits()));
        List<Sample> samples = new ArrayList<>();
        for (Split split : request.splits()) {
            samples.addAll(dataset.get(split));
        }
        if (samples.isEmpty()) {
            throw new XNetException(request.data() + ": the split(s) " + request.splits() + " hold no images");
        }
        EvaluationResult result;
        List<PostProcessed> shown = new ArrayList<>();
        try (Segmenter segmenter = request.model().open(request.options())) {
            Evaluator evaluator = new Evaluator(request.config(), samples.size() * dataset.imageSize() * dataset.imageSize());
            SegmenterOptions options = SegmenterOptions.resize().withTta(request.tta());
            int batch = options.batchSize();
            progress.start("evaluate", samples.size());
            for (int from = 0; from < samples.size(); from += batch) {
                progress.stopIfCancelled("evaluate", from, samples.size());
                List<Sample> part = samples.subList(from, Math.min(samples.size(), from + batch));
                List<ProbabilityMap> probabilities = segmenter.probabilities(part.stream().map(Sample::image).toList(), options);
                for (PostProcessed maps : evaluator.addAll(part, probabilities)) {
                    if (shown.size() < request.reportImages()) {
                        shown.add(maps);
                    }
                }
                progress.advance(from + part.size(), "");
            }
            Map<String, String> details = new LinkedHashMap<>(segmenter.provenance());
            details.put("data", request.data().toString());
            details.put("splits", request.splits().toString());
            details.put("tta", Boolean.toString(request.tta()));
            Provenance provenance = Provenance.now(0, DatasetFile.sha256(request.data()), details);
            result = evaluator.result(segmenter.trainableParameters(), provenance);
        }
        ResultsWriter.write(result, request.out());
        ReportInputs inputs = ReportInputs.of(samples.subList(0, shown.size()), shown);
        Report.write(result, log.map(inputs::withTrainingLog).orElse(inputs), request.out());
        return result;
    }

    /** Fails unless {@code out} is a folder or can be created as one; creates nothing. */
    static void checkOutputFolder(Path out) throws XNetException {
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new XNetException(out + ": exists and is not a folder (--out needs a folder)");
            }
            if (!Files.isWritable(out)) {
                throw new XNetException(out + ": folder is not writable");
            }
            return;
        }
        Path parent = out.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new XNetException(out + ": cannot create the folder, " + parent + " is not a folder");
        }
        if (!Files.isWritable(parent)) {
            throw new XNetException(out + ": cannot create the folder, " + parent + " is not writable");
        }
    }

    private static Optional<Path> besideModel(ModelRef ref) {
        Path model = ref.file();
        if (model == null || !Files.isRegularFile(model) || model.getFileName().toString().endsWith(".json")) {
            return Optional.empty(); // a built-in model or an ensemble has no one training log
        }
        Path dir = model.toAbsolutePath().getParent();
        Path log = dir == null ? null : dir.resolve(TRAINING_LOG);
        return log != null && Files.isRegularFile(log) ? Optional.of(log) : Optional.empty();
    }
}
