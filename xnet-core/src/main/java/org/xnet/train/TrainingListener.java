package org.xnet.train;

import java.util.List;
import java.util.Optional;
import org.xnet.core.XNetException;

/**
 * Hears a training run as it goes, in the manner of DJL's {@code TrainingListener}: the log, early
 * stopping, the time budget, saving the best model, result files and progress bars are listeners of
 * the {@link Trainer}, and a front end adds its own. Every method has a default that does nothing;
 * the trainer calls the listeners in the order given.
 */
public interface TrainingListener {
    /** The run starts, or resumes with {@code rows} already logged (empty for a new run). */
    default void onTrainingStart(List<EpochRow> rows) throws XNetException {
    }

    /**
     * Asked before every epoch, with the log so far: a reason to end the run instead, or empty to go
     * on. The first listener that gives a reason ends it.
     */
    default Optional<StopReason> stopBefore(int epoch, List<EpochRow> rows) {
        return Optional.empty();
    }

    /** Epoch {@code epoch} of {@code epochs} starts with {@code stepsDone} of its {@code steps} done (a resumed epoch). */
    default void onEpochStart(int epoch, int epochs, int stepsDone, int steps) {
    }

    /** A training step is done. */
    default void onStep(Step step) {
    }

    /** An epoch ended and was validated; {@code rows} is the whole log, this epoch's row last. */
    default void onEpochEnd(EpochRow row, List<EpochRow> rows) throws XNetException {
    }

    /** {@code row}'s epoch has the best validation loss so far; {@code net} holds its weights. */
    default void onBestModel(TrainableNet net, EpochRow row) throws XNetException {
    }

    /** The run ended (finished, stopped early, out of time or interrupted); not called when it failed. */
    default void onTrainingEnd(RunFolder.Result result) throws XNetException {
    }

    /**
     * One training step: its place ({@code step} of {@code steps} in epoch {@code epoch} of
     * {@code epochs}), the epoch's mean loss and pixel accuracy so far, and the images trained per
     * second in this session.
     */
    record Step(int epoch, int epochs, int step, int steps, double loss, double accuracy, double imagesPerSecond) {
    }
}
