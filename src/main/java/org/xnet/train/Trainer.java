package org.xnet.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.xnet.core.XNetException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The training loop: each epoch trains on every batch, validates, appends a log row, keeps the
 * best model by validation loss and stops early after {@code patience} epochs without improvement
 * (0 disables early stopping). At every epoch end it writes a {@link Checkpoint}; a stop request
 * (Ctrl-C) ends the run after the current step and writes a checkpoint of that step (the epoch's
 * progress included), and {@code resume} continues from there exactly as an uninterrupted run would
 * have: the batches already trained on in that epoch are skipped.
 */
public final class Trainer {
    /** Saves the best model so far; called with the net right after the epoch that improved. */
    @FunctionalInterface
    public interface ModelSink {
        void save(TrainableNet net, EpochRow row) throws XNetException;
    }

    private final TrainConfig config;
    private final RunFolder folder;
    private final ModelSink sink;
    private final AtomicBoolean stop;
    private boolean progress = true;
    private Runnable afterStep = () -> { };

    public Trainer(TrainConfig config, RunFolder folder, ModelSink sink, AtomicBoolean stop) {
        this.config = config;
        this.folder = folder;
        this.sink = sink;
        this.stop = stop;
    }

    /** Shows (default) or hides the per-epoch progress bar on stderr. */
    public Trainer progress(boolean show) {
        this.progress = show;
        return this;
    }

    /** Runs after every training step (tests use it to request a stop at a given step). */
    public Trainer afterStep(Runnable action) {
        this.afterStep = action;
        return this;
    }

    /**
     * Trains {@code net} (fresh or, with {@code resume}, restored from the folder's checkpoint)
     * until the configured epochs are done, early stopping triggers, or a stop is requested.
     */
    public RunFolder.Result run(TrainableNet net, BatchSource train, BatchSource validation, boolean resume)
            throws XNetException {
        KerasOptimizer optimizer = config.newOptimizer();
        Checkpoint.State state = resume ? Checkpoint.read(folder.resolve(Checkpoint.FILE), net, optimizer)
                : Checkpoint.State.initial();
        List<EpochRow> rows = new ArrayList<>(state.rows());
        folder.writeLog(rows);
        String reason = "finished";
        for (int epoch = state.completedEpochs() + 1; epoch <= config.noEpochs(); epoch++) {
            if (config.patience() > 0 && state.epochsSinceBest() >= config.patience()) {
                reason = "early-stop";
                break;
            }
            if (config.maxMinutes() > 0 && trainingSeconds(rows) >= 60 * config.maxMinutes()) {
                reason = "time-budget";
                break;
            }
            long start = System.nanoTime();
            EpochProgress progress = trainEpoch(net, optimizer, train, epoch, state);
            if (progress == null) {
                return interrupted(state);
            }
            TrainableNet.StepResult trained = progress.mean();
            TrainableNet.StepResult validated = validate(net, validation);
            if (!Double.isFinite(validated.loss())) {
                throw brokenNumbers("after epoch " + epoch + ": the validation loss is " + validated.loss(), state);
            }
            double seconds = state.epoch().seconds() + (System.nanoTime() - start) / 1e9; // earlier sessions too
            EpochRow row = new EpochRow(epoch, trained.loss(), accuracy(trained), validated.loss(),
                    accuracy(validated), seconds, progress.waitSeconds());
            rows.add(row);
            state = advance(state, row, net, rows);
            Checkpoint.write(folder.resolve(Checkpoint.FILE), state, net, optimizer);
            folder.writeLog(rows);
        }
        if (state.bestEpoch() == 0) {
            throw new XNetException("training ended after " + state.completedEpochs() + " epochs without a model: "
                    + "no epoch was completed (" + reason + ")");
        }
        RunFolder.Result result = new RunFolder.Result(state.completedEpochs(), state.bestEpoch(), state.bestValLoss(),
                state.bestEpoch() > 0 ? rows.get(state.bestEpoch() - 1).valAcc() : Double.NaN, reason, config.modelPath());
        folder.writeJson(RunFolder.RESULT, result);
        return result;
    }

    /** Seconds spent in the epochs so far, resumed runs included (the log's time column). */
    private static double trainingSeconds(List<EpochRow> rows) {
        return rows.stream().mapToDouble(EpochRow::seconds).sum();
    }

    private RunFolder.Result interrupted(Checkpoint.State state) {
        return new RunFolder.Result(state.completedEpochs(), state.bestEpoch(), state.bestValLoss(), Double.NaN,
                "interrupted", config.modelPath());
    }

    /**
     * The stop for a NaN or infinite loss or gradient: one line saying where, what may cause it, and
     * which files were kept (the checkpoint of the last completed epoch and the best model so far;
     * neither is overwritten).
     */
    private XNetException brokenNumbers(String where, Checkpoint.State state) {
        String checkpoint = state.completedEpochs() > 0
                ? "the checkpoint of epoch " + state.completedEpochs() + " (" + folder.resolve(Checkpoint.FILE) + ")"
                : "no checkpoint";
        String model = state.bestEpoch() > 0
                ? "the best model " + folder.resolve(config.modelPath()) + " (epoch " + state.bestEpoch() + ")"
                : "no model file (none was written)";
        return new XNetException("training stopped " + where + " (data with non-finite pixels, a learning rate "
                + "too large, or wrong arithmetic: xnet info --check-kernels); kept: " + checkpoint + ", " + model);
    }

    private Checkpoint.State advance(Checkpoint.State s, EpochRow row, TrainableNet net, List<EpochRow> rows)
            throws XNetException {
        if (row.valLoss() < s.bestValLoss()) {
            sink.save(net, row);
            return new Checkpoint.State(row.epoch(), row.valLoss(), row.epoch(), 0, rows, EpochProgress.NONE);
        }
        return new Checkpoint.State(row.epoch(), s.bestValLoss(), s.bestEpoch(), s.epochsSinceBest() + 1, rows,
                EpochProgress.NONE);
    }

    /**
     * The updates of one epoch from where {@code done} left it (its first {@code done.steps()} batches
     * are skipped); null when a stop was requested before the epoch ended, after writing a checkpoint
     * of the step reached. The first epoch of a run ends by taking the batch-norm start values out of
     * the running statistics (counting the steps of every session), so that validation sees the
     * statistics of the data from the first epoch on.
     */
    private EpochProgress trainEpoch(TrainableNet net, KerasOptimizer optimizer, BatchSource train, int epoch,
                                     Checkpoint.State state) throws XNetException {
        EpochProgress done = state.epoch();
        EpochProgress progress = done;
        long start = System.nanoTime();
        long imagesBefore = done.images();
        Iterator<SegBatch> it = train.epoch(epoch);
        try (ProgressBar bar = progressBar("epoch " + epoch + "/" + config.noEpochs(), train.batchesPerEpoch())) {
            for (int skipped = 0; skipped < done.steps() && it.hasNext(); skipped++) {
                it.next();
            }
            if (bar != null) {
                bar.stepTo(done.steps());
            }
            while (true) {
                long asked = System.nanoTime();
                if (!it.hasNext()) {
                    break;
                }
                if (stop.get()) {
                    progress = progress.plusSeconds((System.nanoTime() - start) / 1e9);
                    Checkpoint.write(folder.resolve(Checkpoint.FILE), state.withEpoch(progress), net, optimizer);
                    return null;
                }
                SegBatch batch = it.next();
                progress = progress.plusWait((System.nanoTime() - asked) / 1e9);
                try {
                    progress = progress.plus(net.trainStep(batch, config.lossKind(), (float) config.reg(), optimizer),
                            batch.count());
                } catch (NonFiniteStepException e) {
                    throw brokenNumbers("at epoch " + epoch + ", step " + (progress.steps() + 1) + " of "
                            + train.batchesPerEpoch() + ": " + e.getMessage(), state);
                }
                afterStep.run();
                if (bar != null) {
                    double perSecond = (progress.images() - imagesBefore) / ((System.nanoTime() - start) / 1e9);
                    bar.step();
                    bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f acc %.3f %.1f img/s",
                            progress.lossSum() / progress.images(), (double) progress.correct() / progress.pixels(),
                            perSecond));
                }
            }
        } finally {
            closeIfCloseable(it);
        }
        if (epoch == 1) {
            net.removeBatchNormStartValues(progress.steps());
        }
        return progress;
    }

    private static void closeIfCloseable(Iterator<SegBatch> it) {
        if (it instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the batch workers: " + e.getMessage(), e);
            }
        }
    }

    private TrainableNet.StepResult validate(TrainableNet net, BatchSource validation) {
        double lossSum = 0;
        long images = 0;
        long correct = 0;
        long pixels = 0;
        for (Iterator<SegBatch> it = validation.epoch(0); it.hasNext(); ) {
            SegBatch batch = it.next();
            TrainableNet.StepResult r = net.evaluate(batch, config.lossKind(), (float) config.reg());
            lossSum += r.loss() * batch.count();
            images += batch.count();
            correct += r.correct();
            pixels += r.pixels();
        }
        return new TrainableNet.StepResult(lossSum / images, correct, pixels);
    }

    private static double accuracy(TrainableNet.StepResult r) {
        return (double) r.correct() / r.pixels();
    }

    private ProgressBar progressBar(String task, int steps) {
        if (!progress) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build();
    }
}
