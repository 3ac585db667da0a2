package org.xnet.train;

import org.xnet.core.Provenance;
import org.xnet.core.XNetException;
import org.xnet.model.RuntimeRequest;
import org.xnet.io.DatasetFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains every run of a {@link SweepGrid}, one folder per run under the sweep folder, then writes
 * {@code summary.csv} and {@code summary.md} sorted by best validation loss. Before anything is
 * written every grid point is validated and every existing run folder is compared with its grid
 * point: a folder whose {@code config.json} or dataset SHA-256 differs is refused (nothing is
 * trained), finished runs are skipped and started ones resumed, so a restarted sweep continues
 * where it stopped. The summary is built from each run folder's own {@code config.json}.
 */
public final class Sweep {
    public static final String SUMMARY_CSV = "summary.csv";
    public static final String SUMMARY_MD = "summary.md";

    private Sweep() {
    }

    /** One line of the summary. */
    public record Row(String run, TrainConfig config, RunFolder.Result result) {
    }

    /** Reads the grid file and runs it (see {@link #run(SweepGrid, String, TrainConfig, Path, Path, RuntimeRequest, List, AtomicBoolean)}). */
    public static List<Row> run(Path gridFile, TrainConfig start, Path data, Path out, RuntimeRequest arithmetic,
                                List<TrainingListener> training, AtomicBoolean stop) throws XNetException {
        return run(SweepGrid.read(gridFile), gridFile.toString(), start, data, out, arithmetic, training, stop);
    }

    /**
     * Runs (or skips, or resumes) every grid point in the arithmetic asked for (as {@code xnet train}
     * would); returns the summary rows of the finished ones. {@code gridName} names the grid in error
     * messages.
     */
    public static List<Row> run(SweepGrid grid, String gridName, TrainConfig start, Path data, Path out,
                                RuntimeRequest arithmetic, List<TrainingListener> training, AtomicBoolean stop)
            throws XNetException {
        List<SweepGrid.Run> runs = plan(grid, gridName, start, data, out);
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new XNetException("cannot create sweep folder " + out + ": " + e.getMessage(), e);
        }
        new RunFolder(out).deleteStaleTemporaryFiles();
        for (SweepGrid.Run run : runs) {
            if (stop.get()) {
                break;
            }
            RunFolder folder = new RunFolder(out.resolve(run.name()));
            if (folder.isFinished()) {
                continue;
            }
            boolean started = Files.isRegularFile(folder.resolve(RunFolder.CONFIG));
            TrainingJob.run(new TrainingJob.Request(run.config(), data, folder.dir(), started, false, arithmetic,
                    training), stop);
        }
        List<Row> rows = summary(runs, out);
        writeSummary(rows, new RunFolder(out));
        return rows;
    }

    /**
     * Every grid point, checked before anything is written: each is a valid config, no two share a
     * folder, the dataset is readable, and an existing run folder holds the same config and dataset.
     */
    private static List<SweepGrid.Run> plan(SweepGrid grid, String gridName, TrainConfig start, Path data, Path out)
            throws XNetException {
        List<SweepGrid.Run> runs;
        try {
            runs = grid.runs(start);
        } catch (IllegalArgumentException e) {
            throw new XNetException(gridName + ": " + e.getMessage(), e);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Integer earlier = seen.put(runs.get(i).name(), i + 1);
            if (earlier != null) {
                throw new XNetException(gridName + ": combinations " + earlier + " and " + (i + 1) + " are the same run "
                        + runs.get(i).name() + " (filter entries beyond what the architecture reads are ignored)");
            }
        }
        TrainingJob.checkDataset(DatasetFile.read(data), data);
        String sha = DatasetFile.sha256(data);
        for (SweepGrid.Run run : runs) {
            checkExisting(new RunFolder(out.resolve(run.name())), run.config(), sha);
        }
        return runs;
    }

    /** Refuses a run folder that was started with another config or on other data than this grid point. */
    private static void checkExisting(RunFolder folder, TrainConfig wanted, String sha) throws XNetException {
        if (!Files.isRegularFile(folder.resolve(RunFolder.CONFIG))) {
            return;
        }
        List<String> differences = folder.readConfig().differencesFrom(wanted);
        if (!differences.isEmpty()) {
            throw new XNetException(folder.dir() + " was trained with other settings than this grid point ("
                    + String.join(", ", differences) + "): delete that folder to train it again, or use another --out");
        }
        if (Files.isRegularFile(folder.resolve(RunFolder.PROVENANCE))) {
            String was = folder.readJson(RunFolder.PROVENANCE, Provenance.class).datasetSha256();
            if (!was.equals(sha)) {
                throw new XNetException(folder.dir() + " was trained on another dataset (SHA-256 " + was
                        + ", --data has " + sha + "): delete that folder to train it again, or use another --out");
            }
        }
    }

    private static List<Row> summary(List<SweepGrid.Run> runs, Path out) throws XNetException {
        List<Row> rows = new ArrayList<>();
        for (SweepGrid.Run run : runs) {
            RunFolder folder = new RunFolder(out.resolve(run.name()));
            if (folder.isFinished()) {
                rows.add(new Row(run.name(), folder.readConfig(), folder.readResult()));
            }
        }
        rows.sort(Comparator.comparingDouble((Row r) -> r.result().bestValLoss()).thenComparing(Row::run));
        return rows;
    }

    private static void writeSummary(List<Row> rows, RunFolder sweep) throws XNetException {
        StringBuilder csv = new StringBuilder("run,lrate,reg,batch_size,kernel_size,filters,loss,best_val_loss,"
                + "best_val_acc,best_epoch,epochs,stop_reason\n");
        StringBuilder md = new StringBuilder("| run | lrate | reg | batch | kernel | filters | loss | best val_loss "
                + "| val_acc | best epoch | epochs | stop |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            TrainConfig c = r.config();
            RunFolder.Result x = r.result();
            String filters = c.modelSpec().filters().toString().replace(", ", "-").replaceAll("[\\[\\]]", "");
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%s,%s,%s,%s,%d,%d,%s%n", r.run(), c.lrate(), c.reg(),
                    c.batchSize(), c.kernelSize(), filters, c.loss().key(), x.bestValLoss(), x.bestValAcc(), x.bestEpoch(),
                    x.completedEpochs(), x.stopReason().key()));
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %s | %s | %.5f | %.4f | %d | %d | %s |%n",
                    r.run(), c.lrate(), c.reg(), c.batchSize(), c.kernelSize(), filters, c.loss().key(), x.bestValLoss(),
                    x.bestValAcc(), x.bestEpoch(), x.completedEpochs(), x.stopReason().key()));
        }
        sweep.writeText(SUMMARY_CSV, csv.toString());
        sweep.writeText(SUMMARY_MD, md.toString());
    }
}
