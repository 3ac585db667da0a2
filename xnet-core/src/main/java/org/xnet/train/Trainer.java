package org.xnet.train;

import org.xnet.core.XNetException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The training loop: each epoch trains on every batch, validates and tells the
 * {@link TrainingListener}s, which keep the log, decide on early stopping and the time budget, save
 * the best model by validation loss and show progress. At every epoch end the trainer writes a
 * {@link Checkpoint}; that stays here and not in a listener because resuming depends on it holding
 * the weights, the optimizer's state and the log of one and the same moment. A stop request
 * (Ctrl-C) ends the run after the current step with a checkpoint of that step (the epoch's progress
 * included), and {@code resume} continues from there exactly as an uninterrupted run would have: the
 * batches already trained on in that epoch are skipped. A NaN or infinite loss or gradient ends the
 * run with an {@link XNetException} naming epoch and step; the last checkpoint and best model stay.
 */
public final class Trainer {
    private final TrainConfig config;
    private final RunFolder folder;
    private final AtomicBoolean stop;
    private final List<TrainingListener> listeners;

    /** A trainer reporting to {@code listeners}, in that order; {@code stop} requests an interruption. */
    public Trainer(TrainConfig config, RunFolder folder, AtomicBoolean stop, List<TrainingListener> listeners) {
        this.config = config;
        this.folder = folder;
        this.stop = stop;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * The listeners every run folder gets from its config: the CSV log, early stopping
     * ({@code patience}), the time budget ({@code max_minutes}) and {@code result.json}.
     */
    public static List<TrainingListener> standardListeners(TrainConfig config, RunFolder folder) {
        return List.of(TrainingListeners.csvLog(folder), TrainingListeners.earlyStopping(config.patience()),
                TrainingListeners.timeBudget(config.maxMinutes()), TrainingListeners.resultFile(folder));
    }

    /**
     * Trains {@code net} (fresh or, with {@code resume}, restored from the folder's checkpoint)
     * until the configured epochs are done, a listener ends the run, or a stop is requested.
     */
    public RunFolder.Result run(TrainableNet net, BatchSource train, BatchSource validation, boolean resume)
            throws XNetException {
        KerasOptimizer optimizer = config.newOptimizer();
        Checkpoint.State state = resume ? Checkpoint.read(folder.resolve(Checkpoint.FILE), net, optimizer)
                : Checkpoint.State.initial();
        List<EpochRow> rows = new ArrayList<>(state.rows());
        for (TrainingListener l : listeners) {
            l.onTrainingStart(List.copyOf(rows));
        }
        StopReason reason = StopReason.FINISHED;
        for (int epoch = state.completedEpochs() + 1; epoch <= config.noEpochs(); epoch++) {
            Optional<StopReason> stopHere = stopBefore(epoch, rows);
            if (stopHere.isPresent()) {
                reason = stopHere.get();
                break;
            }
            long start = System.nanoTime();
            EpochRun run = trainEpoch(net, optimizer, train, epoch, state);
            if (run.interrupted()) {
                return end(new RunFolder.Result(state.completedEpochs(), state.bestEpoch(), state.bestValLoss(),
                        Double.NaN, StopReason.INTERRUPTED, config.modelPath()));
            }
            TrainableNet.StepResult trained = run.progress().mean();
            TrainableNet.StepResult validated = validate(net, validation);
            if (!Double.isFinite(validated.loss())) {
                throw brokenNumbers("after epoch " + epoch + ": the validation loss is " + validated.loss(), state);
            }
            double seconds = state.epoch().seconds() + (System.nanoTime() - start) / 1e9; // earlier sessions too
            EpochRow row = new EpochRow(epoch, trained.loss(), accuracy(trained), validated.loss(),
                    accuracy(validated), seconds, run.progress().waitSeconds());
            rows.add(row);
            state = advance(state, row, net, rows);
            Checkpoint.write(folder.resolve(Checkpoint.FILE), state, net, optimizer);
            for (TrainingListener l : listeners) {
                l.onEpochEnd(row, List.copyOf(rows));
            }
        }
        if (state.bestEpoch() == 0) {
            throw new XNetException("training ended after " + state.completedEpochs() + " epochs without a model: "
                    + "no epoch was completed (" + reason.key() + ")");
        }
        return end(new RunFolder.Result(state.completedEpochs(), state.bestEpoch(), state.bestValLoss(),
                rows.get(state.bestEpoch() - 1).valAcc(), reason, config.modelPath()));
    }

    private Optional<StopReason> stopBefore(int epoch, List<EpochRow> rows) {
        for (TrainingListener l : listeners) {
            Optional<StopReason> reason = l.stopBefore(epoch, List.copyOf(rows));
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    private RunFolder.Result end(RunFolder.Result result) throws XNetException {
        for (TrainingListener l : listeners) {
            l.onTrainingEnd(result);
        }
        return result;
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
            for (TrainingListener l : listeners) {
                l.onBestModel(net, row);
            }
            return new Checkpoint.State(row.epoch(), row.valLoss(), row.epoch(), 0, rows, EpochProgress.NONE);
        }
        return new Checkpoint.State(row.epoch(), s.bestValLoss(), s.bestEpoch(), s.epochsSinceBest() + 1, rows,
                EpochProgress.NONE);
    }

    /** The progress of one epoch, and whether a stop request cut it short. */
    private record EpochRun(EpochProgress progress, boolean interrupted) {
    }

    /**
     * The updates of one epoch from where {@code state} left it (its first steps are skipped); cut
     * short when a stop was requested, after writing a checkpoint of the step reached. The first
     * epoch of a run ends by taking the batch-norm start values out of the running statistics
     * (counting the steps of every session), so that validation sees the statistics of the data from
     * the first epoch on.
     */
    private EpochRun trainEpoch(TrainableNet net, KerasOptimizer optimizer, BatchSource train, int epoch,
                                Checkpoint.State state) throws XNetException {
        EpochProgress progress = state.epoch();
        long start = System.nanoTime();
        long imagesBefore = progress.images();
        int steps = train.batchesPerEpoch();
        float l2 = (float) config.modelSpec().l2();
        Iterator<SegBatch> it = train.epoch(epoch);
        try {
            for (int skipped = 0; skipped < progress.steps() && it.hasNext(); skipped++) {
                it.next();
            }
            for (TrainingListener l : listeners) {
                l.onEpochStart(epoch, config.noEpochs(), progress.steps(), steps);
            }
            while (true) {
                long asked = System.nanoTime();
                if (!it.hasNext()) {
                    break;
                }
                if (stop.get()) {
                    progress = progress.plusSeconds((System.nanoTime() - start) / 1e9);
                    Checkpoint.write(folder.resolve(Checkpoint.FILE), state.withEpoch(progress), net, optimizer);
                    return new EpochRun(progress, true);
                }
                SegBatch batch = it.next();
                progress = progress.plusWait((System.nanoTime() - asked) / 1e9);
                try {
                    progress = progress.plus(net.trainStep(batch, config.loss(), l2, optimizer), batch.count());
                } catch (NonFiniteStepException e) {
                    throw brokenNumbers("at epoch " + epoch + ", step " + (progress.steps() + 1) + " of "
                            + steps + ": " + e.getMessage(), state);
                }
                TrainingListener.Step step = new TrainingListener.Step(epoch, config.noEpochs(), progress.steps(), steps,
                        progress.lossSum() / progress.images(), (double) progress.correct() / progress.pixels(),
                        (progress.images() - imagesBefore) / ((System.nanoTime() - start) / 1e9));
                for (TrainingListener l : listeners) {
                    l.onStep(step);
                }
            }
        } finally {
            closeIfCloseable(it);
        }
        if (epoch == 1) {
            net.removeBatchNormStartValues(progress.steps());
        }
        return new EpochRun(progress, false);
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
        float l2 = (float) config.modelSpec().l2();
        double lossSum = 0;
        long images = 0;
        long correct = 0;
        long pixels = 0;
        for (Iterator<SegBatch> it = validation.epoch(0); it.hasNext(); ) {
            SegBatch batch = it.next();
            TrainableNet.StepResult r = net.evaluate(batch, config.loss(), l2);
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
}
