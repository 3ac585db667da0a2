package org.xnet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.xnet.augment.AugmentConfig;
import org.xnet.augment.AugmentPipeline;
import org.xnet.augment.PreAugmentation;
import org.xnet.core.Dataset;
import org.xnet.core.XNetException;
import org.xnet.io.DatasetFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code xnet augment}: the pre-augmented dataset (training split balanced by body part and augmented). */
@Command(name = "augment", mixinStandardHelpOptions = true, subcommands = AugmentPreviewCommand.class,
        description = {"Write a pre-augmented dataset: every body part of the training split brought to N examples "
                + "(originals first, then augmented copies); validation and test are copied unchanged.",
                "Use 'xnet augment preview' to look at the augmentation first."})
final class AugmentCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws XNetException {
        // not picocli-required: 'xnet augment preview' must parse without them
        require(data, "--data");
        require(perCategory, "--per-category");
        require(out, "--out");
        if (perCategory < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--per-category must be >= 1, got " + perCategory);
        }
        if (sameFile(data, out)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--out must differ from --data (" + data + "): writing would replace the input dataset");
        }
        Dataset in = DatasetFile.read(data);
        long need = PreAugmentation.estimatedBytes(in, perCategory);
        long heap = Runtime.getRuntime().maxMemory();
        if (need > heap * 0.9) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--per-category %d needs about %,d MB of memory (%,d augmented %dx%d images), more than this JVM's "
                            + "%,d MB: use a smaller N, or more heap (XNET_JAVA_OPTS=-Xmx...)", perCategory, need >> 20,
                    PreAugmentation.copyCount(in, perCategory), in.imageSize(), in.imageSize(), heap >> 20));
        }
        PreAugmentation.unbalancedReason(in, perCategory)
                .ifPresent(reason -> spec.commandLine().getErr().println("xnet: warning: --per-category " + reason));
        AugmentPipeline pipeline = new AugmentPipeline(AugmentConfig.defaults());
        Dataset augmented;
        long copies = PreAugmentation.copyCount(in, perCategory);
        if (copies == 0) {
            augmented = PreAugmentation.augment(in, perCategory, pipeline, seed, done -> { });
        } else {
            try (ProgressBar bar = ProgressBars.create("augment", copies)) {
                augmented = PreAugmentation.augment(in, perCategory, pipeline, seed, done -> bar.step());
            }
        }
        DatasetFile.write(augmented, out);
        var o = spec.commandLine().getOut();
        o.printf("train %d -> %d images (%d augmented), validation %d, test %d%n", in.train().size(),
                augmented.train().size(), augmented.train().size() - in.train().size(), augmented.validation().size(),
                augmented.test().size());
        o.printf("wrote %s%n", out);
        return 0;
    }

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
