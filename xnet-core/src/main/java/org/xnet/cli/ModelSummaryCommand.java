package org.xnet.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.xnet.model.ModelSpec;
import org.xnet.model.ModelSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xnet model summary}: per-layer output shapes and trainable parameter counts. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print each layer's output shape and parameters, and the trainable parameter total.")
final class ModelSummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelSpecOptions model;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "200", description = "input side length (default: ${DEFAULT-VALUE})")
    int size;

    @Override
    public Integer call() throws Exception {
        ModelSpec modelSpec = model.toSpec();
        ModelSummary summary = Usage.run(spec, () -> ModelSummary.of(modelSpec, size));
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s, filters %s, kernel %d%s; input %s, runs at %s%n",
                summary.spec().architecture().cliName(), summary.spec().filters(), summary.spec().kernelSize(),
                summary.spec().shareWeights() ? ", shared weights" : "", summary.inputShape(), summary.paddedShape());
        out.printf(Locale.ROOT, "%-10s %-22s %12s%n", "layer", "output shape", "parameters");
        for (ModelSummary.Row row : summary.rows()) {
            out.println(String.format(Locale.ROOT, "%-10s %-22s %,12d  %s", row.name(), row.outputShape(),
                    row.parameters(), row.note()).stripTrailing());
        }
        out.printf(Locale.ROOT, "trainable parameters: %,d%n", summary.total());
        return 0;
    }
}
