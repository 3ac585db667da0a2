package org.xnet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.xnet.core.XNetException;
import org.xnet.train.StopOnSignal;
import org.xnet.train.Sweep;
import org.xnet.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code xnet sweep}: train every combination of a hyper-parameter grid, one run folder each. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Train every combination of a grid (lists of lrate, reg, batch_size, kernel_size, filters, loss)",
                "into one folder per run under --out, then write summary.csv and summary.md sorted by best "
                        + "validation loss (settings taken from each run's config.json).",
                "Every grid point is checked before anything is trained. On restart, finished runs are skipped "
                        + "and started ones resumed, but only when the run folder's config.json and dataset "
                        + "SHA-256 equal the grid point's: otherwise the sweep stops with the run and the "
                        + "differing keys (delete that folder or use another --out)."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--grid", required = true, paramLabel = "FILE", description = "Grid file (JSON).")
    Path grid;
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Dataset file (HDF5).")
    Path data;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Sweep folder.")
    Path out;
    @Option(names = "--config", paramLabel = "FILE", description = "Base parameter file for every run.")
    Path config;
    @Option(names = "--no-progress", description = "Hide the progress bars.")
    boolean noProgress;
    @picocli.CommandLine.Mixin
    ArithmeticOptions arithmetic;

    @Override
    public Integer call() throws XNetException {
        TrainConfig base = config != null ? TrainConfig.read(config) : TrainConfig.defaults();
        try (StopOnSignal signal = StopOnSignal.install()) {
            List<Sweep.Row> rows = Sweep.run(grid, base, data, out, arithmetic.request(),
                    TrainingProgressBar.listShown(!noProgress), signal.flag());
            if (signal.signalled()) {
                spec.commandLine().getErr().printf("%nxnet: sweep interrupted; run the same command again to continue%n");
                return 130;
            }
            var o = spec.commandLine().getOut();
            o.printf("%d finished runs; summary in %s%n", rows.size(), out.resolve(Sweep.SUMMARY_MD));
            if (!rows.isEmpty()) {
                o.printf("best: %s (val_loss %.5f)%n", rows.get(0).run(), rows.get(0).result().bestValLoss());
            }
            return 0;
        }
    }
}
