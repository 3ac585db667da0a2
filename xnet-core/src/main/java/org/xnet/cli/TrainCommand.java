package org.xnet.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.xnet.core.XNetException;
import org.xnet.model.Architecture;
import org.xnet.train.RunFolder;
import org.xnet.train.StopReason;
import org.xnet.train.StopOnSignal;
import org.xnet.train.TrainConfig;
import org.xnet.train.TrainingJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code xnet train}: train XNet, UNet or SegNet on a dataset file into a run folder; resumable. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a segmentation network on a dataset file (from xnet prepare).",
                "Writes config.json, provenance.json, log.csv, checkpoint.zip, the best model (NAME.xnet) and "
                        + "result.json into --out and nowhere else; every option and the --config file are checked "
                        + "before anything is written. Ctrl-C stops after the current step and saves a checkpoint "
                        + "of that step; --resume DIR continues from it exactly as an uninterrupted run would, with "
                        + "the run's own settings: only --no-progress, --precision and --layout may be given with it.",
                "A --config file may be one the original XNet's generate_parameters.py wrote: its model_path "
                        + "(e.g. Architectures/DoubleLinked.py) selects the architecture (XNet.py and "
                        + "DoubleLinked.py: xnet, UNet.py: unet, SimpleSegNet.py: segnet), loss \"fancy\" is "
                        + "Lovász, and filter entries the architecture does not read (XNet and SegNet read 4, "
                        + "UNet 5) are dropped as the original's modules ignored them."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", description = "Dataset file (HDF5).")
    Path data;
    @Option(names = "--out", paramLabel = "DIR", description = "Run folder to write.")
    Path out;
    @Option(names = "--config", paramLabel = "FILE", description = "Parameter file (JSON, original XNet keys accepted).")
    Path config;
    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR with its own config "
            + "(other options than --no-progress, --precision and --layout are refused).")
    Path resume;
    @Option(names = "--overwrite", description = "Replace an earlier run in --out.")
    boolean overwrite;
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
    @picocli.CommandLine.Mixin
    ArithmeticOptions arithmetic;

    @Option(names = "--no-progress", description = "Hide the progress bar.")
    boolean noProgress;

    /** The options that do not change a run, so they may be given with --resume. */
    private static final Set<String> ALLOWED_WITH_RESUME = Set.of("--resume", "--no-progress", "--precision", "--layout");

    @Override
    public Integer call() throws XNetException {
        refuseRunOptionsWithResume();
        TrainConfig base = config != null ? TrainConfig.read(config) : TrainConfig.defaults();
        if (out == null && resume == null && !base.saveFolder().isEmpty()) {
            out = Path.of(base.saveFolder());
        }
        if ((out == null) == (resume == null)) {
            throw new ParameterException(spec.commandLine(),
                    "give exactly one of --out DIR (or a --config with save_folder) or --resume DIR");
        }
        if (resume == null && data == null && base.dataPath().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--data FILE (or a --config with data_path) is required");
        }
        TrainConfig cfg = resume != null ? null : Usage.build(spec, () -> base.with(overrides()));
        Path folder = resume != null ? resume : out;
        var err = spec.commandLine().getErr();
        try (StopOnSignal signal = StopOnSignal.install()) {
            RunFolder.Result r = TrainingJob.run(new TrainingJob.Request(cfg, data, folder, resume != null, overwrite,
                    arithmetic.request(), TrainingProgressBar.listShown(!noProgress)), signal.flag());
            if (r.stopReason() == StopReason.INTERRUPTED) {
                err.printf("%nxnet: interrupted after %d completed epochs, checkpoint saved at the last step; "
                        + "continue with: xnet train --resume %s%n", r.completedEpochs(), folder);
                return 130;
            }
            spec.commandLine().getOut().printf("%s after %d epochs: best val_loss %.5f at epoch %d (val_acc %.4f), model %s%n",
                    r.stopReason().key(), r.completedEpochs(), r.bestValLoss(), r.bestEpoch(), r.bestValAcc(),
                    folder.resolve(r.modelFile()));
            return 0;
        }
    }

    private void refuseRunOptionsWithResume() {
        if (resume == null) {
            return;
        }
        List<String> given = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(OptionSpec::longestName).filter(n -> !ALLOWED_WITH_RESUME.contains(n)).distinct().toList();
        if (!given.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--resume continues the run with the settings it was "
                    + "started with; " + String.join(", ", given) + " cannot be given with it (only --no-progress, "
                    + "--precision and --layout can)");
        }
    }

    private Map<String, Object> overrides() {
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
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
