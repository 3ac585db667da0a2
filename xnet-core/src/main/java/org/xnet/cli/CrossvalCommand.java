package org.xnet.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xnet.pipeline.CrossValidation;
import org.xnet.pipeline.CrossvalReport;
import org.xnet.pipeline.FoldPlan;
import org.xnet.infer.EnsembleManifest;
import org.xnet.train.StopOnSignal;
import org.xnet.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code xnet crossval}: k-fold cross-validation by source volume or body part, the fold models kept as an ensemble. */
@Command(name = "crossval", mixinStandardHelpOptions = true,
        description = {"Cross-validate a training configuration: the training and validation images of --data are "
                + "dealt to folds by source volume (views of one CT volume never on both sides) or body part; each "
                + "fold trains one model (validated on the next fold), tunes the soft-tissue post-processing (a "
                + "threshold, or none when no threshold helps) on that validation fold and is evaluated on its held-out fold, without and with flip TTA.",
                "The fold models become an ensemble (ensemble.json: each .xnet file with its SHA-256 and the "
                        + "post-processing tuned on the validation folds), which "
                        + "predict and evaluate take as --model DIR; the test split of --data, if any, is kept out "
                        + "of every fold and scores each fold model, the ensemble and the ensemble with TTA.",
                "Writes plan.json, fold-N/ (data.h5, train/, tuning.json, tuning-tta.json, heldout/, heldout-tta/), "
                        + "test/, ensemble.json, crossval.json and crossval.md. Run the same command again to continue "
                        + "after a stop (finished steps are skipped, a started training resumes); other settings "
                        + "on the same --out are refused."})
final class CrossvalCommand implements Callable<Integer> {
    /** The library's names of the settings, and this command's. */
    private static final Map<String, String> OPTIONS = Map.of("folds", "--folds", "groupBy", "--group-by",
            "targetFpRate", "--target-fp");

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "data.h5", description = "The dataset file (from xnet prepare).")
    Path data;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The cross-validation folder.")
    Path out;
    @Option(names = "--config", paramLabel = "FILE", description = "Parameter file for every fold's training "
            + "(as xnet train --config).")
    Path config;
    @Option(names = "--group-by", defaultValue = "volume", paramLabel = "volume|body-part",
            description = "What a fold keeps together: the views of one source volume, or one body part. "
                    + "Default ${DEFAULT-VALUE}.")
    String groupBy;
    @Option(names = "--folds", defaultValue = "0", paramLabel = "K",
            description = "Number of folds, at least 3; 0 = one per group (leave one volume out). Default ${DEFAULT-VALUE}.")
    int folds;
    @Option(names = "--fold-seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the deal of groups to folds (when K is less than the groups). Default ${DEFAULT-VALUE}.")
    long foldSeed;
    @Option(names = "--target-fp", defaultValue = "0.01", paramLabel = "RATE",
            description = "Soft-tissue false-positive rate the thresholds are tuned for on each validation fold. "
                    + "Default ${DEFAULT-VALUE}.")
    double targetFp;
    @Mixin
    TrainSettings settings;
    @Mixin
    ArithmeticOptions arithmetic;
    @Option(names = "--no-progress", description = "Hide the progress bars.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        TrainConfig base = config != null ? TrainConfig.read(config) : TrainConfig.defaults();
        TrainConfig cfg = Usage.build(spec, () -> base.with(settings.overrides()));
        var request = Usage.build(spec, OPTIONS, () -> new CrossValidation.Request(data, out, cfg,
                FoldPlan.GroupBy.parse(groupBy), folds, foldSeed, targetFp, arithmetic.request(),
                TrainingProgressBar.listShown(!noProgress)));
        Optional<CrossvalReport> report;
        try (StopOnSignal signal = StopOnSignal.install();
             ProgressBars progress = new ProgressBars(spec.commandLine().getErr(), !noProgress)) {
            report = Usage.run(spec, OPTIONS, () -> CrossValidation.run(request, progress, signal.flag()));
        }
        if (report.isEmpty()) {
            spec.commandLine().getErr().printf("%nxnet: crossval interrupted; run the same command again to continue%n");
            return 130;
        }
        var o = spec.commandLine().getOut();
        o.print(report.get().markdown());
        o.printf("%nreport: %s%nensemble: %s%n", out.resolve(CrossValidation.REPORT_MD).toAbsolutePath(),
                out.resolve(EnsembleManifest.FILE).toAbsolutePath());
        return 0;
    }
}
