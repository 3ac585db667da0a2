package org.xnet.train;

import java.util.List;
import java.util.Optional;
import org.xnet.core.XNetException;

/** The listeners a training run in a run folder has: its log, early stopping, time budget and result. */
public final class TrainingListeners {
    private TrainingListeners() {
    }

    /** Writes {@code log.csv} at the start (a resumed run's rows) and after every epoch. */
    public static TrainingListener csvLog(RunFolder folder) {
        return new TrainingListener() {
            @Override
            public void onTrainingStart(List<EpochRow> rows) throws XNetException {
                folder.writeLog(rows);
            }

            @Override
            public void onEpochEnd(EpochRow row, List<EpochRow> rows) throws XNetException {
                folder.writeLog(rows);
            }
        };
    }

    /** Writes {@code result.json} when the run ends other than by interruption (it marks a finished run). */
    public static TrainingListener resultFile(RunFolder folder) {
        return new TrainingListener() {
            @Override
            public void onTrainingEnd(RunFolder.Result result) throws XNetException {
                if (result.stopReason() != StopReason.INTERRUPTED) {
                    folder.writeJson(RunFolder.RESULT, result);
                }
            }
        };
    }

    /**
     * Ends the run when the best validation loss is {@code patience} or more epochs old (0: never),
     * in the manner of Keras' and DJL's early stopping.
     */
    public static TrainingListener earlyStopping(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        return new TrainingListener() {
            @Override
            public Optional<StopReason> stopBefore(int epoch, List<EpochRow> rows) {
                return patience > 0 && epochsSinceBest(rows) >= patience ? Optional.of(StopReason.EARLY_STOP)
                        : Optional.empty();
            }
        };
    }

    /** Starts no new epoch once the logged epochs took {@code minutes} (0: no budget); resumed sessions count. */
    public static TrainingListener timeBudget(double minutes) {
        if (!(minutes >= 0)) {
            throw new IllegalArgumentException("minutes must be >= 0, got " + minutes);
        }
        return new TrainingListener() {
            @Override
            public Optional<StopReason> stopBefore(int epoch, List<EpochRow> rows) {
                double seconds = rows.stream().mapToDouble(EpochRow::seconds).sum();
                return minutes > 0 && seconds >= 60 * minutes ? Optional.of(StopReason.TIME_BUDGET) : Optional.empty();
            }
        };
    }

    /** Epochs logged after the first one with the lowest validation loss (all of them when there is none). */
    static int epochsSinceBest(List<EpochRow> rows) {
        int best = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (best < 0 || rows.get(i).valLoss() < rows.get(best).valLoss()) {
                best = i;
            }
        }
        return rows.size() - 1 - best;
    }
}
