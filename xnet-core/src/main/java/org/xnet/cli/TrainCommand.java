package org.xnet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.xnet.core.XNetException;
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
    @picocli.CommandLine.Mixin
    TrainSettings settings;
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
        TrainConfig cfg = resume != null ? null : Usage.build(spec, () -> base.with(settings.overrides()));
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
}
