package org.xnet.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xnet.model.Architecture;
import picocli.CommandLine.Option;

/**
 * The training settings of {@code xnet train}, shared by every command that trains (crossval): each
 * option given overrides its key of the config ({@link #overrides()}); an option left out keeps the
 * config's value.
 */
final class TrainSettings {
    @Option(names = "--name", paramLabel = "NAME", description = "Run name (model file NAME.xnet).")
    String name;
    @Option(names = "--arch", paramLabel = "ARCH", converter = ModelSpecOptions.ArchitectureConverter.class,
            description = "xnet (default), unet or segnet.")
    Architecture arch;
    @Option(names = "--share-weights", description = "XNet: second stage reuses the first stage's kernels.")
    Boolean shareWeights;
    @Option(names = "--filters", paramLabel = "F", split = ",", converter = ModelSpecOptions.FilterDepthConverter.class,
            description = "Filter depths, e.g. 64,128,256,512 (xnet and segnet read 4, unet 5; further entries are "
                    + "ignored).")
    List<Integer> filters;
    @Option(names = "--kernel", paramLabel = "K", description = "Kernel size (3 or 5).")
    Integer kernel;
    @Option(names = "--epochs", paramLabel = "N", description = "Number of epochs (default 100).")
    Integer epochs;
    @Option(names = "--batch", paramLabel = "N", description = "Batch size (default 5).")
    Integer batch;
    @Option(names = "--lr", paramLabel = "LR", description = "Learning rate (default 1e-4).")
    Double lr;
    @Option(names = "--reg", paramLabel = "L2", description = "L2 factor on convolution kernels (default 1e-4).")
    Double reg;
    @Option(names = "--loss", paramLabel = "LOSS", description = "ce (default), jaccard or lovasz (the original's "
            + "categorical_crossentropy and fancy are accepted too).")
    String loss;
    @Option(names = "--optimizer", paramLabel = "NAME", description = "rmsprop (default), adam or sgd (Nesterov).")
    String optimizer;
    @Option(names = "--augment", paramLabel = "MODE", description = "on-the-fly (default), pre-augmented or none.")
    String augment;
    @Option(names = "--balance", negatable = true, description = "Duplicate the training images of under-represented "
            + "body parts so every part is seen equally often (on-the-fly augmentation; default on, as the original).")
    Boolean balance;
    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 42).")
    Long seed;
    @Option(names = "--patience", paramLabel = "N", description = "Early-stopping patience in epochs, 0 = off (default 20).")
    Integer patience;
    @Option(names = "--threads", paramLabel = "N", description = "Engine threads, 0 = engine default.")
    Integer threads;
    @Option(names = "--minutes", paramLabel = "M", description = "Time budget: no new epoch starts after M minutes of training (0 = none).")
    Double minutes;
    @Option(names = "--domain-randomisation", paramLabel = "EFFECTS", description = "On-the-fly augmentation also "
            + "randomises the image alone like other detectors and readers: all, none (default) or a comma-separated "
            + "list of linear, grid, scatter, markers, blur, noise, processing, window, gamma, invert, each at its "
            + "preset probability (README, \"Domain randomisation\"); labels never change.")
    String domainRandomisation;

    /** The config keys of the options given, with their values. */
    Map<String, Object> overrides() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "name", name);
        put(m, "architecture", arch == null ? null : arch.cliName());
        put(m, "share_weights", shareWeights);
        put(m, "filters", filters);
        put(m, "kernel_size", kernel);
        put(m, "no_epochs", epochs);
        put(m, "batch_size", batch);
        put(m, "lrate", lr);
        put(m, "reg", reg);
        put(m, "loss", loss);
        put(m, "optimizer", optimizer);
        put(m, "augmentation", augment);
        put(m, "duplicate", balance);
        put(m, "seed", seed);
        put(m, "patience", patience);
        put(m, "threads", threads);
        put(m, "max_minutes", minutes);
        put(m, "domain_randomisation", domainRandomisation);
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
