package org.xnet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xnet.core.SegClass;
import org.xnet.core.Split;
import org.xnet.core.XNetException;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.Workload;
import org.xnet.eval.ClassMetrics;
import org.xnet.eval.EvaluationConfig;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.Metrics;
import org.xnet.eval.VariantResult;
import org.xnet.infer.ModelRef;
import org.xnet.pipeline.EvaluationRun;
import org.xnet.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xnet evaluate}: metrics, post-processing and the HTML report for a model on a dataset. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on a dataset split: accuracy, per-class precision/recall/F1/IoU/Dice, "
                + "confusion matrix, ROC/AUC, soft-tissue TP/FP rates before and after post-processing "
                + "(soft-tissue thresholds, bone clean-up and dilation).",
                "Writes results.json, results.txt, PNG plots and index.html to --out."})
final class EvaluateCommand implements Callable<Integer> {
    /** The library's names of the settings, and this command's. */
    private static final Map<String, String> OPTIONS = Map.of("thresholds", "--threshold", "dilationSize", "--dilate",
            "reportImages", "--report-images");

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.xnet|DIR|builtin[:NAME]", description = "The model "
            + "file, an ensemble whose probabilities are averaged (a folder holding ensemble.json, as xnet crossval "
            + "writes, or such a manifest file), or a model built into the jar (builtin: the default one; "
            + "xnet models lists them).")
    String model;

    @Option(names = "--tta", description = "Test-time augmentation: average the probabilities over the four flips.")
    boolean tta;

    @Option(names = "--data", required = true, paramLabel = "data.h5", description = "The dataset file.")
    Path data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "test|val|train|all",
            description = "Which split to evaluate. Default ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--threshold", arity = "1..*", paramLabel = "T",
            description = "Soft-tissue probability thresholds. Default 0.9 0.99, or the threshold an ensemble's "
                    + "ensemble.json records (tuned by xnet crossval, with or without --tta); give --threshold 0.9 "
                    + "0.99 to evaluate an ensemble without it.")
    List<Double> thresholds;

    @Option(names = "--dilate", paramLabel = "N", description = "Bone dilation (square side, pixels) after "
            + "removing bone islands by a 10x10 opening. Default 3.")
    Integer dilate;

    @Option(names = "--training-log", paramLabel = "log.csv",
            description = "Training CSV for the learning curve (default: log.csv next to the model, if any).")
    Path trainingLog;

    @Option(names = "--report-images", defaultValue = "12", paramLabel = "N",
            description = "Image panels in the report. Default ${DEFAULT-VALUE}.")
    int reportImages;

    @picocli.CommandLine.Mixin
    ArithmeticOptions arithmetic;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws XNetException {
        ModelRef ref = ModelRef.parse(model);
        EvaluationConfig given = Usage.build(spec, OPTIONS, this::config);
        EvaluationConfig config = TunedDefault.choose(spec, ref, tta, thresholds != null || dilate != null,
                " = the prediction row").map(given::withTuned).orElse(given);
        List<Split> splits = Usage.build(spec, () -> Split.named(split));
        RuntimeOptions options = arithmetic.resolve(Workload.INFERENCE);
        var request = Usage.build(spec, OPTIONS, () -> new EvaluationRun.Request(ref, data, splits, config,
                Optional.ofNullable(trainingLog), reportImages, out, options, tta));
        EvaluationResult result;
        try (ProgressBars progress = new ProgressBars(spec.commandLine().getErr(), true)) {
            result = EvaluationRun.run(request, progress);
        }
        print(result);
        return 0;
    }

    /** The defaults with the thresholds and dilation given (EvaluationConfig checks them). */
    private EvaluationConfig config() {
        EvaluationConfig config = EvaluationConfig.defaults();
        config = thresholds == null ? config : config.withThresholds(thresholds);
        return dilate == null ? config : config.withDilationSize(dilate);
    }

    private void print(EvaluationResult result) {
        var o = spec.commandLine().getOut();
        for (VariantResult v : result.variants()) {
            Metrics m = v.overall();
            ClassMetrics tissue = m.of(SegClass.SOFT_TISSUE);
            o.printf("%-26s accuracy %6.2f %%  soft tissue F1 %.3f  TP rate %6.2f %%  FP rate %6.2f %%%n",
                    v.name(), 100 * m.accuracy(), tissue.f1(), 100 * m.tissueTruePositiveRate(),
                    100 * m.tissueFalsePositiveRate());
        }
        o.printf("report: %s%n", out.resolve(Report.INDEX).toAbsolutePath());
    }
}
