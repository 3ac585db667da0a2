package org.xnet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xnet.augment.AugmentConfig;
import org.xnet.pipeline.Augment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code xnet augment}: the pre-augmented dataset (training split balanced by body part and augmented). */
@Command(name = "augment", mixinStandardHelpOptions = true, subcommands = AugmentPreviewCommand.class,
        description = {"Write a pre-augmented dataset: every body part of the training split brought to N examples "
                + "(originals first, then augmented copies); validation and test are copied unchanged.",
                "Use 'xnet augment preview' to look at the augmentation first."})
final class AugmentCommand implements Callable<Integer> {
    /** The library's names of the settings, and this command's. */
    private static final Map<String, String> OPTIONS = Map.of("perCategory", "--per-category");

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", description = "Dataset file (HDF5) from 'xnet prepare'.")
    Path data;

    @Option(names = "--per-category", paramLabel = "N", description = "Training examples per body part.")
    Integer perCategory;

    @Option(names = "--out", paramLabel = "FILE", description = "Output dataset file (HDF5).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DomainOptions domain;

    @Override
    public Integer call() throws Exception {
        // not picocli-required: 'xnet augment preview' must parse without them
        require(data, "--data");
        require(perCategory, "--per-category");
        require(out, "--out");
        AugmentConfig augment = domain.augmentConfig(spec);
        Augment.Request request = Usage.build(spec, OPTIONS,
                () -> new Augment.Request(data, perCategory, out, seed, augment));
        if (sameFile(data, out)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--out must differ from --data (" + data + "): writing would replace the input dataset");
        }
        Augment.Result r;
        try (ProgressBars progress = new ProgressBars(spec.commandLine().getErr(), true)) {
            r = Usage.run(spec, OPTIONS, () -> Augment.run(request, progress));
        }
        var o = spec.commandLine().getOut();
        o.printf("train %d -> %d images (%d augmented), validation %d, test %d%n", r.trainBefore(), r.trainAfter(),
                r.augmented(), r.validation(), r.test());
        o.printf("wrote %s%n", out);
        return 0;
    }

    /**
     * Refusing {@code --out} equal to {@code --data} guards against a slip on the command line; the
     * library would write the augmented dataset over the input (atomically, after reading it) as asked.
     */
    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) ? Files.isSameFile(a, b) : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }

    private void require(Object value, String option) {
        if (value == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '" + option + "'");
        }
    }
}
