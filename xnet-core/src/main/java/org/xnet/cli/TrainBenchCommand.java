package org.xnet.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xnet.augment.DataWait;
import org.xnet.core.Dataset;
import org.xnet.core.XNetException;
import org.xnet.model.Workload;
import org.xnet.io.DatasetFile;
import org.xnet.model.ModelSpec;
import org.xnet.model.RuntimeOptions;
import org.xnet.bench.OnTheFlyTrainBenchmark;
import org.xnet.bench.TrainBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code xnet train-bench}: time training steps of a network on random data. */
@Command(name = "train-bench", mixinStandardHelpOptions = true,
        description = {"Time training steps (forward, cross-entropy + L2, backward, RMSProp) on random images; "
                + "report ms/step, images/s and peak RSS.",
                "With --on-the-fly FILE: train on freshly augmented batches of FILE's training split for --epochs "
                + "epochs (validating after each) and report every step's time and how long training waited for data."})
final class TrainBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    ModelSpecOptions model;
    @Option(names = "--batch", paramLabel = "N", defaultValue = "5", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--size", paramLabel = "PX", defaultValue = "200", description = "Image side (default ${DEFAULT-VALUE}).")
    int size;
    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Timed steps (default ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--on-the-fly", paramLabel = "FILE",
            description = "Dataset (HDF5): train on on-the-fly augmented batches of its training split (image size from the file).")
    Path onTheFly;
    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", description = "Epochs with --on-the-fly (default ${DEFAULT-VALUE}).")
    int epochs;

    @picocli.CommandLine.Mixin
    ArithmeticOptions arithmetic;

    @Override
    public Integer call() throws Exception {
        ModelSpec s = model.toSpec();
        if (onTheFly != null) {
            return onTheFly(s);
        }
        RuntimeOptions options = arithmetic.resolve(Workload.TRAINING);
        TrainBenchmark.Result r = Usage.run(spec, () -> TrainBenchmark.run(s, batch, size, warmup, steps, 42, options));
        spec.commandLine().getOut().printf("%s filters %s batch %d %dx%d " + options.describe() + ": median %.1f ms/step (mean %.1f), "
                        + "%.2f images/s, %d parameters, %s (%d steps after %d warm-up)%n",
                s.architecture().cliName(), s.filters(), batch, size, size, r.medianMs(), r.meanMs(),
                r.imagesPerSecond(), r.parameters(), ModelBenchCommand.peakRss(r.peakRssMiB()), steps, warmup);
        return 0;
    }

    private int onTheFly(ModelSpec s) throws XNetException {
        if (epochs < 1 || batch < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--epochs and --batch must be >= 1, got " + epochs + " and " + batch);
        }
        Dataset data = DatasetFile.read(onTheFly);
        if (data.train().isEmpty() || data.validation().isEmpty()) {
            throw new XNetException(onTheFly + " needs training and validation images, has " + data.train().size()
                    + " and " + data.validation().size());
        }
        PrintWriter out = spec.commandLine().getOut();
        RuntimeOptions p = arithmetic.resolve(Workload.TRAINING);
        out.printf("%s filters %s batch %d %dx%d %s, on-the-fly from %s (%d training, %d validation images)%n",
                s.architecture().cliName(), s.filters(), batch, data.imageSize(), data.imageSize(), p.describe(),
                onTheFly, data.train().size(), data.validation().size());
        OnTheFlyTrainBenchmark.run(s, data, batch, epochs, 42, p, e -> {
            DataWait w = e.dataWait();
            StringBuilder steps = new StringBuilder();
            for (double ms : e.stepMs()) {
                steps.append(steps.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", ms));
            }
            out.printf(Locale.ROOT, "epoch %d: steps [%s] ms (median %.0f); data wait total %.2f ms, max %.2f ms, "
                            + "first batch %.2f ms, %d/%d batches ready when asked; validation %.1f s%n",
                    e.epoch(), steps, e.medianStepMs(), w.totalSeconds() * 1e3, w.maxSeconds() * 1e3,
                    w.firstSeconds() * 1e3, w.readyOnArrival(), w.batches(), e.validationSeconds());
            out.flush();
        });
        return 0;
    }
}
