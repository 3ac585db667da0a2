package org.xnet.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.xnet.bench.ModelBench;
import org.xnet.model.InferenceGraph;
import org.xnet.model.ModelSpec;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xnet model bench}: milliseconds per inference forward pass and peak memory. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time inference forward passes of an untrained network; print median/min ms and peak RSS.")
final class ModelBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelSpecOptions model;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "200", description = "input side length (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "images per pass (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3", description = "untimed passes first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "10", description = "timed passes (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--graph", paramLabel = "G", description = "folded (one call into the folded inference program, "
            + "what predict runs) or layers (the training graph layer by layer); default: folded, or -D"
            + InferenceGraph.PROPERTY)
    String graph;

    @picocli.CommandLine.Mixin
    ArithmeticOptions arithmetic;

    @Override
    public Integer call() throws Exception {
        ModelSpec modelSpec = model.toSpec();
        InferenceGraph g = graph == null ? InferenceGraph.configured() : Usage.build(spec, () -> InferenceGraph.parse(graph));
        RuntimeOptions options = arithmetic.resolve(Workload.INFERENCE);
        ModelBench.Result r = Usage.run(spec, () -> ModelBench.run(modelSpec, size, batch, warmup, repeat, options, g));
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s input %s " + options.describe() + ", " + g.cliName() + " graph: median %.1f ms, min %.1f ms per forward pass (%d passes after %d warm-up)%n",
                r.spec().architecture().cliName(), r.inputShape(), r.medianMillis(), r.minMillis(), r.millis().size(),
                r.warmup());
        out.println(peakRss(r.peakRssMiB()));
        return 0;
    }

    /** "peak RSS 812 MiB", the one way the bench commands print a peak-memory figure in MiB (-1: unknown). */
    static String peakRss(long mib) {
        return mib < 0 ? "peak RSS unknown (no /proc/self/status)" : "peak RSS " + mib + " MiB";
    }
}
