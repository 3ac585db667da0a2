package org.xnet.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.xnet.model.Architecture;
import org.xnet.model.ModelSpec;
import org.xnet.train.TrainBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code xnet train-bench}: time training steps of a network on random data. */
@Command(name = "train-bench", mixinStandardHelpOptions = true,
        description = "Time training steps (forward, cross-entropy + L2, backward, RMSProp) on random images; "
                + "report ms/step, images/s and peak RSS.")
final class TrainBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "xnet", description = "xnet, unet or segnet (default ${DEFAULT-VALUE}).")
    String arch;
    @Option(names = "--filters", paramLabel = "F", split = ",", converter = ModelSpecOptions.FilterDepthConverter.class,
            description = "Filter depths (default: the architecture's).")
    List<Integer> filters;
    @Option(names = "--batch", paramLabel = "N", defaultValue = "5", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--size", paramLabel = "PX", defaultValue = "200", description = "Image side (default ${DEFAULT-VALUE}).")
    int size;
    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Timed steps (default ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
    int warmup;

    @picocli.CommandLine.Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        ModelSpec s = ModelSpec.of(Architecture.parse(arch));
        if (filters != null) {
            s = s.withFilters(filters);
        }
        TrainBenchmark.Result r = TrainBenchmark.run(s, batch, size, warmup, steps, 42, precision.resolve());
        spec.commandLine().getOut().printf("%s filters %s batch %d %dx%d: median %.1f ms/step (mean %.1f), "
                        + "%.2f images/s, %d parameters, peak RSS %d MB (%d steps after %d warm-up)%n",
                s.architecture().cliName(), s.filters(), batch, size, size, r.medianMs(), r.meanMs(),
                r.imagesPerSecond(), r.parameters(), r.peakRssMb(), steps, warmup);
        return 0;
    }
}
