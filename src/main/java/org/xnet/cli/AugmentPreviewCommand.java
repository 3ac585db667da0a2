package org.xnet.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xnet.augment.AugmentConfig;
import org.xnet.augment.AugmentPipeline;
import org.xnet.augment.AugmentPreview;
import org.xnet.core.Dataset;
import org.xnet.core.XNetException;
import org.xnet.core.AtomicFiles;
import org.xnet.io.DatasetFile;
import org.xnet.report.ContactSheet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

    @Override
    public Integer call() throws XNetException {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be >= 1, got " + count);
        }
        Dataset dataset = DatasetFile.read(data);
        if (dataset.train().isEmpty()) {
            throw new XNetException(data + ": the training split is empty, nothing to preview");
        }
        AugmentPreview.Pairs pairs = AugmentPreview.pairs(dataset.train(), count,
                new AugmentPipeline(AugmentConfig.defaults()), seed);
        BufferedImage sheet = ContactSheet.render(pairs.originals(), pairs.augmented());
        Path file = out.resolve("augment-preview.png");
        AtomicFiles.write(file, temp -> ContactSheet.writePng(sheet, temp));
        spec.commandLine().getOut().printf("wrote %s (%d samples)%n", file, pairs.originals().size());
        return 0;
    }
}
