package org.xnet.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelMetadata;
import org.xnet.model.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xnet model init}: write an untrained, seeded model file. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write an untrained model file (weights drawn from --seed).")
final class ModelInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelSpecOptions model;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "random seed of the weights (default: ${DEFAULT-VALUE})")
    int seed;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "" + ModelMetadata.DEFAULT_INPUT_SIZE,
            description = "input size recorded in the model file (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--out", required = true, paramLabel = "FILE.xnet", description = "the model file to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        ModelSpec modelSpec = model.toSpec();
        Usage.run(spec, () -> {
            ModelFile.writeUntrained(out, modelSpec, size, seed);
            return null;
        });
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (untrained %s, seed %d)%n", out,
                modelSpec.architecture().cliName(), seed);
        return 0;
    }
}
