package org.xnet.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnet.core.Dataset;
import org.xnet.core.InvalidSetting;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Progress;
import org.xnet.core.Sample;
import org.xnet.core.Split;
import org.xnet.core.XNetException;
import org.xnet.eval.EvaluationConfig;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.ResultsWriter;
import org.xnet.eval.ThresholdTable;
import org.xnet.eval.ThresholdTuning;
import org.xnet.eval.TunedPostProcessing;
import org.xnet.infer.EnsembleManifest;
import org.xnet.infer.Segmenter;
import org.xnet.infer.SegmenterOptions;
import org.xnet.io.DatasetFile;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.Workload;
import org.xnet.train.RunFolder;
import org.xnet.train.StopReason;
import org.xnet.train.TrainConfig;
import org.xnet.train.TrainingJob;
import org.xnet.train.TrainingListener;

/**
 * k-fold cross-validation of one training configuration, nnU-Net style (what {@code xnet crossval}
 * runs). The training and validation splits of a dataset are pooled and dealt to folds by source volume
 * or body part ({@link FoldPlan}); the dataset's test split, if any, is kept out of every fold. For each
 * fold: a dataset file of its own ({@code fold-N/data.h5}: train, validation fold, held-out fold), one
 * model trained by {@link TrainingJob} ({@code fold-N/train}), the soft-tissue post-processing (a
 * threshold or none) tuned on the validation fold, once from plain and once from test-time augmented
 * probabilities ({@link ThresholdTuning}, {@code fold-N/tuning.json}, {@code fold-N/tuning-tta.json}),
 * and the held-out fold evaluated without and with test-time augmentation, each with its own tuning
 * ({@link EvaluationRun}, {@code fold-N/heldout}, {@code fold-N/heldout-tta}). Then the fold models become
 * an ensemble ({@code ensemble.json}, with the tuning pooled over the validation folds as its
 * post-processing), the test split is evaluated by each fold model and by the ensemble ({@code test/}),
 * and {@code crossval.json} and {@code crossval.md} report it all ({@link CrossvalReport}).
 *
 * <p>Resumable: {@code plan.json} records the folds, the dataset's SHA-256 and the training config;
 * a rerun with the same ones skips every finished step (a finished training, an existing results file)
 * and resumes a started training from its checkpoint, and a rerun with others is refused. Every fold
 * trains from the config's seed; the fold plan's shuffle has its own seed.
 */
public final class CrossValidation {
    public static final String PLAN = "plan.json";
    public static final String REPORT_JSON = "crossval.json";
    public static final String REPORT_MD = "crossval.md";
    /** A fold's tuning without and with test-time augmentation (earlier versions wrote thresholds.json). */
    public static final String TUNING = "tuning.json";
    public static final String TUNING_TTA = "tuning-tta.json";
    /** Image panels in each evaluation's HTML report. */
    private static final int REPORT_IMAGES = 6;

    private CrossValidation() {
    }

    /**
     * What to cross-validate: the dataset file, the output folder, the training config of every fold, how
     * to group, the number of folds (0 = one per group), the seed of the fold plan, the soft-tissue FP rate
     * the thresholds are tuned for, the arithmetic, and listeners for every fold's training.
     */
    public record Request(Path data, Path out, TrainConfig config, FoldPlan.GroupBy groupBy, int folds, long seed,
                          double targetFpRate, RuntimeRequest arithmetic, List<TrainingListener> training) {
        public Request {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(groupBy, "groupBy");
            Objects.requireNonNull(arithmetic, "arithmetic");
            training = List.copyOf(training);
            if (folds != 0 && folds < FoldPlan.MIN_FOLDS) {
                throw new InvalidSetting("folds", "must be 0 (one per group) or at least " + FoldPlan.MIN_FOLDS
                        + ", got " + folds);
            }
            if (!(targetFpRate >= 0 && targetFpRate <= 1)) {
                throw new InvalidSetting("targetFpRate", "must be in [0, 1], got " + targetFpRate);
            }
        }
    }

    /** What {@code plan.json} holds: a restarted cross-validation must match it. */
    record Started(@JsonProperty("plan") FoldPlan plan, @JsonProperty("dataset_sha256") String datasetSha256,
                   @JsonProperty("config") String config, @JsonProperty("target_fp_rate") double targetFpRate) {
    }

    /**
     * Runs (or continues) the cross-validation; returns the report, or empty when {@code stop} was raised
     * before every fold was done (run again to continue).
     */
    public static Optional<CrossvalReport> run(Request request, Progress progress, AtomicBoolean stop)
            throws XNetException {
        try {
            return runFolds(request, stoppable(progress, stop), stop);
        } catch (Progress.Cancelled e) {
            return Optional.empty(); // an evaluation stopped between batches; its results were not written
        }
    }

    /** {@code progress}, also cancelled when {@code stop} is raised, so that evaluations stop too. */
    private static Progress stoppable(Progress progress, AtomicBoolean stop) {
        return new Progress() {
            @Override
            public void start(String task, long total) {
                progress.start(task, total);
            }

            @Override
            public void advance(long done, String item) {
                progress.advance(done, item);
            }

            @Override
            public void warn(String message) {
                progress.warn(message);
            }

            @Override
            public boolean cancelled() {
                return stop.get() || progress.cancelled();
            }
        };
    }

    private static Optional<CrossvalReport> runFolds(Request request, Progress progress, AtomicBoolean stop)
            throws XNetException {
        Dataset dataset = DatasetFile.read(request.data());
        String sha = DatasetFile.sha256(request.data());
        List<Sample> pool = new ArrayList<>(dataset.train());
        pool.addAll(dataset.validation());
        FoldPlan plan = FoldPlan.of(FoldPlan.groupSizes(pool, request.groupBy()), request.groupBy(), request.folds(),
                request.seed());
        RunFolder top = new RunFolder(request.out());
        checkOrWritePlan(top, new Started(plan, sha, request.config().toJson(), request.targetFpRate()));
        // the engine's thread count is fixed when it starts: evaluate with the threads training asks for
        RuntimeOptions inference = Kernels.resolve(request.arithmetic().withThreads(request.config().threads()),
                Workload.INFERENCE);
        List<CrossvalReport.Fold> folds = new ArrayList<>();
        List<Path> models = new ArrayList<>();
        ThresholdTuning pooled = new ThresholdTuning(ThresholdTuning.DEFAULT_GRID);
        ThresholdTuning pooledTta = new ThresholdTuning(ThresholdTuning.DEFAULT_GRID);
        List<String> tunedOn = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            if (stop.get()) {
                return Optional.empty();
            }
            FoldPlan.Parts parts = plan.parts(i, pool);
            Path dir = request.out().resolve("fold-" + (i + 1));
            Path foldData = dir.resolve("data.h5");
            if (!Files.isRegularFile(foldData)) {
                DatasetFile.write(new Dataset(parts.train(), parts.validation(), parts.test(), dataset.imageSize(),
                        dataset.maxValue(), dataset.minValue()), foldData);
            }
            Optional<Path> model = train(request, foldData, dir.resolve("train"), stop);
            if (model.isEmpty()) {
                return Optional.empty();
            }
            models.add(model.get());
            tunedOn.add("fold " + (i + 1) + " validation: " + String.join(", ", plan.folds().get(plan.validationFold(i))));
            Map<String, CrossvalScores> scores = new LinkedHashMap<>();
            List<ThresholdTuning.Tuned> tunings = new ArrayList<>();
            for (boolean tta : new boolean[] {false, true}) {
                ThresholdTuning.Tuned tuned = tuned(new RunFolder(dir), model.get(), parts.validation(),
                        request.targetFpRate(), inference, tta);
                (tta ? pooledTta : pooled).merge(tuned.counts());
                tunings.add(tuned);
                EvaluationResult r = evaluate(model.get(), foldData, config(tuned.threshold(), tuned.bodyPartThresholds()),
                        dir.resolve(tta ? "heldout-tta" : "heldout"), inference, tta, progress);
                scores.putAll(CrossvalReport.rows(r, tuned.threshold(), "", tta ? CrossvalReport.WITH_TTA : ""));
            }
            folds.add(new CrossvalReport.Fold(i + 1, plan.folds().get(i), plan.folds().get(plan.validationFold(i)),
                    List.of(parts.train().size(), parts.validation().size(), parts.test().size()),
                    CrossvalReport.Tuning.of(tunings.get(0)), CrossvalReport.Tuning.of(tunings.get(1)), scores));
        }
        ThresholdTuning.Tuned plain = pooled.tune(request.targetFpRate());
        ThresholdTuning.Tuned withTta = pooledTta.tune(request.targetFpRate());
        Path manifest = request.out().resolve(EnsembleManifest.FILE);
        EnsembleManifest.write(manifest, models, new TunedPostProcessing(ThresholdTuning.RULE, request.targetFpRate(),
                plain.maxTpLoss(), tunedOn, TunedPostProcessing.Choice.of(plain), TunedPostProcessing.Choice.of(withTta)));
        CrossvalReport.Test test = dataset.test().isEmpty() ? null
                : test(request, dataset, pool, models, manifest, plain.threshold(), withTta.threshold(), inference, progress);
        CrossvalReport report = new CrossvalReport(plan, sha, request.targetFpRate(), folds,
                CrossvalReport.meanSd(folds), CrossvalReport.Tuning.of(plain), CrossvalReport.Tuning.of(withTta), test);
        top.writeJson(REPORT_JSON, report);
        top.writeText(REPORT_MD, report.markdown());
        return Optional.of(report);
    }

    /** The evaluation of {@code threshold} (or none) and {@code table}, with the default clean-up after it. */
    private static EvaluationConfig config(double threshold, ThresholdTable table) {
        return EvaluationConfig.defaults().withThresholds(List.of(threshold)).withBodyPartThresholds(table);
    }

    /** Refuses a folder started with another plan, dataset, config or target; writes the plan when new. */
    private static void checkOrWritePlan(RunFolder top, Started wanted) throws XNetException {
        if (Files.isRegularFile(top.resolve(PLAN))) {
            Started was = top.readJson(PLAN, Started.class);
            List<String> differences = new ArrayList<>();
            if (!was.plan().equals(wanted.plan())) {
                differences.add("folds " + was.plan().folds() + " vs " + wanted.plan().folds());
            }
            if (!was.datasetSha256().equals(wanted.datasetSha256())) {
                differences.add("dataset SHA-256 " + was.datasetSha256() + " vs " + wanted.datasetSha256());
            }
            differences.addAll(TrainConfig.fromJson(was.config()).differencesFrom(TrainConfig.fromJson(wanted.config())));
            if (was.targetFpRate() != wanted.targetFpRate()) {
                differences.add("target FP rate " + was.targetFpRate() + " vs " + wanted.targetFpRate());
            }
            if (!differences.isEmpty()) {
                throw new XNetException(top.resolve(PLAN) + ": this cross-validation was started with other settings ("
                        + String.join("; ", differences) + "): run it with those, or use another --out");
            }
            return;
        }
        try {
            Files.createDirectories(top.dir());
        } catch (java.io.IOException e) {
            throw new XNetException("cannot create " + top.dir() + ": " + e.getMessage(), e);
        }
        top.writeJson(PLAN, wanted);
    }

    /** Trains (skips, or resumes) one fold's model; empty when stopped before it finished. */
    private static Optional<Path> train(Request request, Path data, Path dir, AtomicBoolean stop) throws XNetException {
        RunFolder folder = new RunFolder(dir);
        if (!folder.isFinished()) {
            boolean started = Files.isRegularFile(folder.resolve(RunFolder.CONFIG));
            RunFolder.Result r = TrainingJob.run(new TrainingJob.Request(request.config(), data, dir, started, false,
                    request.arithmetic(), request.training()), stop);
            if (r.stopReason() == StopReason.INTERRUPTED) {
                return Optional.empty();
            }
        }
        return Optional.of(dir.resolve(folder.readResult().modelFile()));
    }

    /**
     * The post-processing tuned on the validation fold from probabilities without or with ({@code tta})
     * test-time augmentation ({@code tuning.json}, {@code tuning-tta.json}; computed once).
     */
    private static ThresholdTuning.Tuned tuned(RunFolder fold, Path model, List<Sample> validation, double target,
                                               RuntimeOptions options, boolean tta) throws XNetException {
        String file = tta ? TUNING_TTA : TUNING;
        if (Files.isRegularFile(fold.resolve(file))) {
            return fold.readJson(file, ThresholdTuning.Tuned.class);
        }
        ThresholdTuning tuning = new ThresholdTuning(ThresholdTuning.DEFAULT_GRID);
        try (Segmenter segmenter = Segmenter.load(model, options)) {
            SegmenterOptions resize = SegmenterOptions.resize().withTta(tta);
            for (int from = 0; from < validation.size(); from += resize.batchSize()) {
                List<Sample> part = validation.subList(from, Math.min(validation.size(), from + resize.batchSize()));
                List<ProbabilityMap> p = segmenter.probabilities(part.stream().map(Sample::image).toList(), resize);
                for (int i = 0; i < part.size(); i++) {
                    tuning.add(part.get(i), p.get(i));
                }
            }
        }
        ThresholdTuning.Tuned tuned = tuning.tune(target);
        fold.writeJson(file, tuned);
        return tuned;
    }

    /**
     * Evaluates {@code model} (a file or an ensemble) on the test split of {@code data} into {@code out}, once:
     * an existing result is kept when it was made with {@code config} (else, e.g. after a tuning changed, redone).
     */
    private static EvaluationResult evaluate(Path model, Path data, EvaluationConfig config, Path out,
                                             RuntimeOptions options, boolean tta, Progress progress) throws XNetException {
        Path results = out.resolve(ResultsWriter.JSON);
        if (Files.isRegularFile(results)) {
            EvaluationResult done = ResultsWriter.read(results);
            if (done.config().equals(config)) {
                return done;
            }
        }
        return EvaluationRun.run(new EvaluationRun.Request(model, data, List.of(Split.TEST), config, Optional.empty(),
                REPORT_IMAGES, out, options, tta), progress);
    }

    /** Each fold model, the ensemble and the ensemble with TTA on the dataset's own test split. */
    private static CrossvalReport.Test test(Request request, Dataset dataset, List<Sample> pool, List<Path> models,
                                            Path manifest, double threshold, double thresholdTta, RuntimeOptions options,
                                            Progress progress) throws XNetException {
        EvaluationConfig config = config(threshold, ThresholdTable.uniform(threshold));
        Path dir = request.out().resolve("test");
        Map<String, CrossvalScores> scores = new LinkedHashMap<>();
        List<Map<String, CrossvalScores>> perFold = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            EvaluationResult r = evaluate(models.get(i), request.data(), config, dir.resolve("fold-" + (i + 1)), options,
                    false, progress);
            Map<String, CrossvalScores> rows = CrossvalReport.rows(r, threshold, "", "");
            perFold.add(rows);
            String name = "fold " + (i + 1) + " model: ";
            scores.put(name + CrossvalReport.PLAIN, rows.get(CrossvalReport.PLAIN));
            scores.put(name + CrossvalReport.TUNED, rows.get(CrossvalReport.TUNED));
        }
        for (String row : List.of(CrossvalReport.PLAIN, CrossvalReport.TUNED)) {
            Map<String, org.xnet.eval.Spread> spread = CrossvalScores.spread(perFold.stream().map(m -> m.get(row)).toList());
            scores.put("mean of fold models: " + row, meanOf(spread));
        }
        for (boolean tta : new boolean[] {false, true}) {
            double t = tta ? thresholdTta : threshold;
            EvaluationResult r = evaluate(manifest, request.data(), config(t, ThresholdTable.uniform(t)),
                    dir.resolve(tta ? "ensemble-tta" : "ensemble"), options, tta, progress);
            Map<String, CrossvalScores> rows = CrossvalReport.rows(r, t, "", "");
            String name = tta ? "ensemble + TTA: " : "ensemble: ";
            scores.put(name + CrossvalReport.PLAIN, rows.get(CrossvalReport.PLAIN));
            scores.put(name + CrossvalReport.TUNED, rows.get(CrossvalReport.TUNED));
        }
        List<String> groups = FoldPlan.groupSizes(dataset.test(), request.groupBy()).keySet().stream().toList();
        boolean shared = groups.stream().anyMatch(FoldPlan.groupSizes(pool, request.groupBy())::containsKey);
        return new CrossvalReport.Test(groups, shared, scores);
    }

    private static CrossvalScores meanOf(Map<String, org.xnet.eval.Spread> spread) {
        List<Double> m = CrossvalScores.NAMES.stream().map(n -> spread.get(n).mean()).toList();
        return new CrossvalScores(m.get(0), m.get(1), m.get(2), m.get(3), m.get(4), m.get(5), m.get(6));
    }
}
