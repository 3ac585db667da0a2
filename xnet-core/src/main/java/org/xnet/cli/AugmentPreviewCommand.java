package org.xnet.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xnet.pipeline.Augment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code xnet augment preview}: a contact sheet of training images and augmented versions of them. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Write DIR/augment-preview.png: originals and augmented pairs, labels drawn over the images.")
final class AugmentPreviewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Dataset file (HDF5).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--count", paramLabel = "N", defaultValue = "8", description = "Rows (samples) on the sheet (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DomainOptions domain;

    @Override
    public Integer call() throws Exception {
        Augment.PreviewRequest request = Usage.build(spec, Map.of("count", "--count"),
                () -> new Augment.PreviewRequest(data, count, seed, out, domain.augmentConfig(spec)));
        Augment.Preview preview = Augment.preview(request);
        spec.commandLine().getOut().printf("wrote %s (%d samples)%n", preview.file(), preview.samples());
        return 0;
    }
}
