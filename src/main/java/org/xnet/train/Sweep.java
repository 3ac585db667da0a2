package org.xnet.train;

import org.xnet.core.XNetException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains every run of a {@link SweepGrid}, one folder per run under the sweep folder, then writes
 * {@code summary.csv} and {@code summary.md} sorted by best validation loss. Finished runs are
 * skipped and started ones resumed, so a restarted sweep continues where it stopped.
 */
public final class Sweep {
    public static final String SUMMARY_CSV = "summary.csv";
    public static final String SUMMARY_MD = "summary.md";

    private Sweep() {
    }

    /** One line of the summary. */
    public record Row(String run, TrainConfig config, RunFolder.Result result) {
    }

    /** Runs (or skips, or resumes) every grid point; returns the summary rows of the finished ones. */
    public static List<Row> run(SweepGrid grid, TrainConfig start, Path data, Path out, boolean progress,
                                AtomicBoolean stop) throws XNetException {
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new XNetException("cannot create sweep folder " + out + ": " + e.getMessage(), e);
        }
        List<SweepGrid.Run> runs = grid.runs(start);
        for (SweepGrid.Run run : runs) {
            if (stop.get()) {
                break;
            }
            RunFolder folder = new RunFolder(out.resolve(run.name()));
            if (folder.isFinished()) {
                continue;
            }
            boolean started = Files.isRegularFile(folder.resolve(RunFolder.CONFIG));
            TrainingJob.run(new TrainingJob.Request(run.config(), data, folder.dir(), started, false, progress), stop);
        }
        List<Row> rows = summary(runs, out);
        writeSummary(rows, new RunFolder(out));
        return rows;
    }

    private static List<Row> summary(List<SweepGrid.Run> runs, Path out) throws XNetException {
        List<Row> rows = new ArrayList<>();
        for (SweepGrid.Run run : runs) {
            RunFolder folder = new RunFolder(out.resolve(run.name()));
            if (folder.isFinished()) {
                rows.add(new Row(run.name(), run.config(), folder.readResult()));
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
                    c.batchSize(), c.kernelSize(), filters, c.loss(), x.bestValLoss(), x.bestValAcc(), x.bestEpoch(),
                    x.completedEpochs(), x.stopReason()));
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %s | %s | %.5f | %.4f | %d | %d | %s |%n",
                    r.run(), c.lrate(), c.reg(), c.batchSize(), c.kernelSize(), filters, c.loss(), x.bestValLoss(),
                    x.bestValAcc(), x.bestEpoch(), x.completedEpochs(), x.stopReason()));
        }
        sweep.writeText(SUMMARY_CSV, csv.toString());
        sweep.writeText(SUMMARY_MD, md.toString());
    }
}
