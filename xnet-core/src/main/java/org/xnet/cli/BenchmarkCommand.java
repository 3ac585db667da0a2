package org.xnet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;
import org.xnet.eval.ResultsText;
import org.xnet.pipeline.Benchmark;
import org.xnet.report.BenchmarkReport;
import org.xnet.report.BenchmarkRow;
import org.xnet.train.StopOnSignal;
import org.xnet.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code xnet benchmark}: XNet, UNet and SegNet trained, evaluated and timed alike on one dataset. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Train each model with the same split, augmentation, budget and seed, evaluate each on the "
                + "same test split before and after post-processing, time training steps and predictions, and "
                + "write benchmark.md, benchmark.html (with the learning curves side by side) and benchmark.json.",
                "Each model's run folder and evaluation report stay in OUT/MODEL/."})
final class BenchmarkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Dataset file (HDF5, from xnet prepare) with a test split.")
    Path data;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;
    @Option(names = "--models", split = ",", defaultValue = "xnet,xnet-shared,unet,segnet", paramLabel = "M",
            description = "Models to compare: xnet, xnet-shared, unet, segnet (default: ${DEFAULT-VALUE}).")
    List<String> models;
    @Option(names = "--epochs", paramLabel = "N", description = "At most N epochs per model (default 100, or unbounded with --minutes).")
    Integer epochs;
    @Option(names = "--minutes", paramLabel = "M", description = "Training time per model: no new epoch starts after M minutes.")
    Double minutes;
    @Option(names = "--filters", split = ",", converter = ModelSpecOptions.FilterDepthConverter.class,
            paramLabel = "F", description = "Filter depths, e.g. 16,32,64,128; UNet "
            + "adds a fifth level of twice the last (default: each architecture's own).")
    List<Integer> filters = List.of();
    @Option(names = "--config", paramLabel = "FILE", description = "Training parameters shared by all models (JSON, original keys accepted).")
    Path config;
    @Option(names = "--seed", paramLabel = "N", description = "Seed of every model's training (default 42).")
    Long seed;
    @Option(names = "--timed-steps", defaultValue = "3", paramLabel = "N", description = "Training steps timed per model (default ${DEFAULT-VALUE}).")
    int timedSteps;
    @Option(names = "--timed-predictions", defaultValue = "10", paramLabel = "N", description = "Predictions timed per model (default ${DEFAULT-VALUE}).")
    int timedPredictions;
    @Mixin
    ArithmeticOptions arithmetic;
    @Option(names = "--overwrite", description = "Replace the contents of a non-empty --out.")
    boolean overwrite;
    @Option(names = "--no-progress", description = "Hide the training progress bars.")
    boolean noProgress;

    @Override
    public Integer call() throws XNetException {
        TrainConfig base = config != null ? TrainConfig.read(config) : TrainConfig.defaults();
        Benchmark.Request request;
        try {
            request = new Benchmark.Request(data, models.stream().map(Benchmark.Candidate::parse).toList(),
                    Benchmark.sharedSettings(base, epochs, minutes, seed), filters, timedSteps, timedPredictions, out,
                    arithmetic.request(), overwrite);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (StopOnSignal stop = StopOnSignal.install();
             StagePrinter printer = new StagePrinter(spec.commandLine().getErr(),
                     request.models().size() * Benchmark.STAGES_PER_MODEL)) {
            List<BenchmarkRow> rows = Benchmark.run(request, printer, stop.flag(),
                    TrainingProgressBar.listShown(!noProgress));
            printer.close();
            print(rows);
        }
        return 0;
    }

    private void print(List<BenchmarkRow> rows) {
        var o = spec.commandLine().getOut();
        int tissue = SegClass.SOFT_TISSUE.index();
        for (BenchmarkRow r : rows) {
            o.printf(Locale.ROOT, "%-12s accuracy %s -> %s, soft-tissue F1 %s, soft-tissue FP %s -> %s (post-processed),"
                            + " %,d parameters, %.0f ms/step, %.1f ms/image%n", r.model(),
                    ResultsText.pct(r.prediction().accuracy()), ResultsText.pct(r.postProcessed().accuracy()),
                    ResultsText.num(r.prediction().perClass().get(tissue).f1()),
                    ResultsText.pct(r.prediction().tissueFalsePositiveRate()),
                    ResultsText.pct(r.postProcessed().tissueFalsePositiveRate()), r.parameters(), r.msPerStep(),
                    r.msPerImage());
        }
        o.printf("tables: %s and %s%n", out.resolve(BenchmarkReport.MARKDOWN), out.resolve(BenchmarkReport.HTML));
        o.flush();
    }
}
