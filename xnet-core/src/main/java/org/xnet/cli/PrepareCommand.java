package org.xnet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xnet.core.Dataset;
import org.xnet.core.XNetException;
import org.xnet.io.ColourTable;
import org.xnet.io.DatasetSummary;
import org.xnet.io.Prepare;
import org.xnet.io.PrepareConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xnet prepare}: radiographs and label images in, one balanced HDF5 dataset out. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Pair radiographs with label images, resize, normalise, split balanced by body part "
                + "and write one HDF5 dataset (original XNet layout).")
final class PrepareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of radiographs (searched recursively).")
    Path images;

    @Option(names = "--labels", required = true, paramLabel = "DIR", description = "Folder of label images (searched recursively).")
    Path labels;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Dataset file to write (.h5).")
    Path out;

    @Option(names = "--size", defaultValue = "200", paramLabel = "PIXELS", description = "Square model size in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--train-fraction", defaultValue = "0.7", paramLabel = "F", description = "Fraction of images for training (default: ${DEFAULT-VALUE}).")
    double trainFraction;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of the split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--test-match", paramLabel = "GLOB", description = "Images whose file names match this glob "
            + "form the test split, e.g. all views of one CT volume: '*totalseg*'; the others are split into "
            + "training and validation (default: test drawn like validation).")
    String testMatch;

    @Option(names = "--colours", paramLabel = "FILE.json", description = "Colours of the label images as JSON: "
            + "{\"colours\": [\"#FFFFFF\", \"#FFFF00\", \"#0000FF\"] (open beam, soft tissue, bone), \"farThreshold\": 100, "
            + "\"maxFarFraction\": 0.5}; keys left out keep these defaults.")
    Path colours;

    @Override
    public Integer call() throws XNetException {
        ColourTable table = colours == null ? ColourTable.defaults() : ColourTable.read(colours);
        PrepareConfig config = Usage.build(spec,
                () -> new PrepareConfig(images, labels, size, trainFraction, seed, table, testMatch));
        Dataset dataset;
        try (ProgressBars progress = new ProgressBars(spec.commandLine().getErr(), true)) {
            dataset = Prepare.toFile(config, out, progress);
        }
        var w = spec.commandLine().getOut();
        w.printf("wrote %s: %d images, seed %d%n", out, dataset.all().size(), seed);
        w.print(DatasetSummary.of(dataset).format());
        w.flush();
        return 0;
    }
}
