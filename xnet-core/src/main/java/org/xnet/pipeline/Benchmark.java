package org.xnet.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.xnet.core.Dataset;
import org.xnet.core.SegClass;
import org.xnet.core.Split;
import org.xnet.core.XNetException;
import org.xnet.eval.EvaluationConfig;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.RocCurve;
import org.xnet.bench.PredictBenchmark;
import org.xnet.infer.Segmenter;
import org.xnet.infer.SegmenterOptions;
import org.xnet.io.DatasetFile;
import org.xnet.model.Architecture;
import org.xnet.model.CpuFeatures;
import org.xnet.model.EngineInfo;
import org.xnet.model.ModelSpec;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.Workload;
import org.xnet.report.BenchmarkReport;
import org.xnet.report.BenchmarkRow;
import org.xnet.report.TrainingLog;
import org.xnet.train.RunFolder;
import org.xnet.train.TrainConfig;
import org.xnet.train.TrainingJob;
import org.xnet.train.TrainingListener;
import org.xnet.bench.IsolatedTrainBenchmark;

/**
 * XNet against UNet and the simplified SegNet (what {@code xnet benchmark} runs): every model is
 * trained with the same dataset, split, augmentation, budget and seed, evaluated on the same test
 * split before and after post-processing, and timed (training steps in a fresh JVM, prediction in
 * this one); the tables go to {@link BenchmarkReport}. Each model's run folder and evaluation report
 * stay in {@code out/<model>/}.
 */
public final class Benchmark {
    /** The models a benchmark can compare. */
    public enum Candidate {
        XNET("xnet", Architecture.XNET, false),
        XNET_SHARED("xnet-shared", Architecture.XNET, true),
        UNET("unet", Architecture.UNET, false),
        SEGNET("segnet", Architecture.SEGNET, false);

        private final String cliName;
        private final Architecture architecture;
        private final boolean sharedWeights;

        Candidate(String cliName, Architecture architecture, boolean sharedWeights) {
            this.cliName = cliName;
            this.architecture = architecture;
            this.sharedWeights = sharedWeights;
        }

        public String cliName() {
            return cliName;
        }

        /** Parses "xnet", "xnet-shared", "unet" or "segnet" (any case). */
        public static Candidate parse(String name) {
            for (Candidate c : values()) {
                if (c.cliName.equalsIgnoreCase(name.strip())) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown model '" + name + "', expected one of "
                    + Arrays.stream(values()).map(Candidate::cliName).toList());
        }

        /**
         * The filter depths of this model: the architecture's own when {@code given} is empty; else
         * {@code given}, cut to the architecture's levels, or extended by doubling the last depth
         * (UNet's fifth level, as its defaults go 512 to 1024).
         */
        public List<Integer> filters(List<Integer> given) {
            int levels = architecture.defaultFilters().size();
            if (given.isEmpty()) {
                return architecture.defaultFilters();
            }
            List<Integer> out = new ArrayList<>(given.subList(0, Math.min(levels, given.size())));
            while (out.size() < levels) {
                out.add(2 * out.get(out.size() - 1));
            }
            return out;
        }
    }

    /**
     * What to compare: the dataset, the models, the training settings they share ({@code base}: budget,
     * optimizer, augmentation, seed; its name, architecture and filters are replaced per model), filter
     * depths ({@link Candidate#filters}), timed training steps and predictions, the output folder and
     * the precision asked for (each stage runs in the fastest configuration that passed the kernel
     * check for it: {@link Kernels#resolve}) and whether a non-empty output folder may be written into.
     */
    public record Request(Path data, List<Candidate> models, TrainConfig base, List<Integer> filters,
                          int timedSteps, int timedPredictions, Path out, RuntimeRequest arithmetic,
                          boolean overwrite) {
        public Request {
            Objects.requireNonNull(arithmetic, "arithmetic");
            Objects.requireNonNull(data, "data");
            models = List.copyOf(models);
            Objects.requireNonNull(base, "base");
            filters = List.copyOf(filters);
            Objects.requireNonNull(out, "out");
            if (models.isEmpty()) {
                throw new IllegalArgumentException("name at least one model to benchmark");
            }
            if (models.stream().distinct().count() != models.size()) {
                throw new IllegalArgumentException("a model is named twice: " + models);
            }
            if (timedSteps < 1 || timedPredictions < 1) {
                throw new IllegalArgumentException("timed steps and predictions must be at least 1, got "
                        + timedSteps + " and " + timedPredictions);
            }
        }
    }

    /** Stages reported per model: training, evaluation, timing. */
    public static final int STAGES_PER_MODEL = 3;
    /** Epochs when only a time budget is given: the minutes decide. */
    static final int UNBOUNDED_EPOCHS = 100_000;

    private Benchmark() {
    }

    /**
     * The training settings every model shares: {@code base} with the budget and seed given (null:
     * not given). With minutes but no epochs the minutes alone bound the training.
     */
    public static TrainConfig sharedSettings(TrainConfig base, Integer epochs, Double minutes, Long seed) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (epochs != null) {
            m.put("no_epochs", epochs);
        } else if (minutes != null) {
            m.put("no_epochs", UNBOUNDED_EPOCHS);
        }
        if (minutes != null) {
            m.put("max_minutes", minutes);
        }
        if (seed != null) {
            m.put("seed", seed);
        }
        return base.with(m);
    }

    /**
     * Runs the benchmark; {@code stop} (Ctrl-C) ends the current training after its step and the
     * benchmark with it. A non-empty output folder is refused unless the request overwrites it.
     */
    public static List<BenchmarkRow> run(Request request, StageListener listener, AtomicBoolean stop,
                                         List<TrainingListener> trainingListeners)
            throws XNetException {
        if (!request.overwrite() && isNonEmptyFolder(request.out())) {
            throw new XNetException(request.out() + " is not empty: choose another --out or add --overwrite");
        }
        Dataset dataset = DatasetFile.read(request.data());
        if (dataset.test().isEmpty()) {
            throw new XNetException(request.data() + " has no test images: the benchmark compares the models on them");
        }
        RuntimeOptions training = Kernels.resolve(request.arithmetic(), Workload.TRAINING);
        RuntimeOptions inference = Kernels.resolve(request.arithmetic(), Workload.INFERENCE);
        List<BenchmarkRow> rows = new ArrayList<>();
        Map<String, TrainingLog> logs = new LinkedHashMap<>();
        int stage = 0;
        for (Candidate c : request.models()) {
            TrainConfig config = request.base().with(Map.of("name", c.cliName(), "architecture",
                    c.architecture.cliName(), "share_weights", c.sharedWeights, "filters", c.filters(request.filters())));
            Path dir = request.out().resolve(c.cliName());

            listener.stage(++stage, c.cliName() + ": training " + config.modelSpec().filters() + " (" + budget(config) + ")");
            long t0 = System.nanoTime();
            RunFolder.Result trained = TrainingJob.run(new TrainingJob.Request(config, request.data(),
                    dir.resolve("train"), false, true, request.arithmetic(), trainingListeners), stop);
            double minutes = (System.nanoTime() - t0) / 60e9;
            if (stop.get()) {
                throw new XNetException("benchmark stopped by Ctrl-C while training " + c.cliName() + "; finished: "
                        + rows.stream().map(BenchmarkRow::model).toList());
            }
            Path model = dir.resolve("train").resolve(trained.modelFile());

            listener.stage(++stage, c.cliName() + ": evaluating on " + dataset.test().size() + " test images");
            EvaluationResult eval = EvaluationRun.run(new EvaluationRun.Request(model, request.data(),
                    List.of(Split.TEST), EvaluationConfig.defaults(), Optional.empty(), 6, dir.resolve("report"),
                    inference),
                    listener);

            listener.stage(++stage, c.cliName() + ": timing " + request.timedSteps() + " training steps and "
                    + request.timedPredictions() + " predictions");
            ModelSpec spec = config.modelSpec();
            IsolatedTrainBenchmark.Result steps = IsolatedTrainBenchmark.run(spec, config.batchSize(),
                    dataset.imageSize(), 1, request.timedSteps(), config.seed(), training);
            double msPerImage;
            try (Segmenter segmenter = Segmenter.load(model, inference)) {
                msPerImage = PredictBenchmark.run(segmenter, dataset.imageSize(), request.timedPredictions(), 1,
                        dataset.imageSize(), 0,
                        SegmenterOptions.resize()).timings().get(0).medianMs();
            }
            rows.add(row(c, spec, trained, minutes, eval, steps, config.batchSize(), msPerImage));
            logs.put(c.cliName(), TrainingLog.read(dir.resolve("train").resolve(RunFolder.LOG)));
        }
        BenchmarkReport.write(rows, details(request, dataset, training, inference), logs, request.out());
        return rows;
    }

    private static BenchmarkRow row(Candidate c, ModelSpec spec, RunFolder.Result training, double minutes,
                                    EvaluationResult eval, IsolatedTrainBenchmark.Result steps, int batch,
                                    double msPerImage) {
        String last = eval.variants().get(eval.variants().size() - 1).name();
        List<Double> auc = new ArrayList<>();
        for (SegClass k : SegClass.values()) {
            auc.add(eval.roc().stream().filter(r -> r.className().equals(k.label())).mapToDouble(RocCurve::auc)
                    .findFirst().orElse(Double.NaN));
        }
        return new BenchmarkRow(c.cliName(), spec.filters(), eval.trainableParameters(), training.completedEpochs(),
                training.bestEpoch(), training.stopReason().key(), minutes, eval.prediction(), eval.variant(last).overall(),
                last, auc, steps.medianMs(), batch, msPerImage, steps.peakRssMiB(),
                c.cliName() + "/train/" + RunFolder.LOG, c.cliName() + "/report/index.html");
    }

    private static boolean isNonEmptyFolder(Path dir) throws XNetException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isPresent();
        } catch (IOException e) {
            throw new XNetException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String budget(TrainConfig config) {
        return "at most " + config.noEpochs() + " epochs" + (config.maxMinutes() > 0
                ? String.format(Locale.ROOT, " or %.3g minutes", config.maxMinutes()) : "")
                + ", patience " + config.patience();
    }

    private static Map<String, String> details(Request request, Dataset dataset, RuntimeOptions training,
                                               RuntimeOptions inference) throws XNetException {
        TrainConfig base = request.base();
        EngineInfo engine = EngineInfo.current();
        Map<String, String> d = new LinkedHashMap<>();
        d.put("dataset", request.data() + " (SHA-256 " + DatasetFile.sha256(request.data()).substring(0, 16) + "…)");
        d.put("images", String.format(Locale.ROOT, "%d training, %d validation, %d test (body parts %s), %dx%d",
                dataset.train().size(), dataset.validation().size(), dataset.test().size(),
                dataset.test().stream().map(s -> s.bodyPart()).distinct().sorted().toList(),
                dataset.imageSize(), dataset.imageSize()));
        d.put("training", budget(base) + "; batch " + base.batchSize() + ", " + base.optimizer().key() + " lr " + base.lrate()
                + ", loss " + base.loss().key() + ", L2 " + base.reg() + ", augmentation " + base.augmentation().key()
                + (base.duplicate() ? " with body-part balancing" : "") + ", seed " + base.seed() + ", "
                + "arithmetic " + training.describe() + " (inference " + inference.describe() + ")");
        d.put("engine", engine.engine() + " " + engine.engineVersion() + " (DJL " + engine.djlVersion() + "), threads "
                + engine.threads());
        d.put("machine", CpuFeatures.detect().model() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version"));
        return d;
    }
}
