package org.xnet.cli;

import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.xnet.train.EpochRow;
import org.xnet.train.RunFolder;
import org.xnet.train.TrainingListener;

/** A progress bar per training epoch on standard error: steps, mean loss, pixel accuracy and images per second. */
final class TrainingProgressBar implements TrainingListener {
    private ProgressBar bar;

    /** This bar, or a listener that shows nothing when {@code show} is false. */
    static TrainingListener shown(boolean show) {
        return show ? new TrainingProgressBar() : new TrainingListener() { };
    }

    /** As {@link #shown(boolean)}, as the list the training requests take. */
    static List<TrainingListener> listShown(boolean show) {
        return show ? List.of(new TrainingProgressBar()) : List.of();
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int stepsDone, int steps) {
        close();
        bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build();
        bar.stepTo(stepsDone);
    }

    @Override
    public void onStep(Step step) {
        if (bar != null) {
            bar.stepTo(step.step());
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f acc %.3f %.1f img/s", step.loss(),
                    step.accuracy(), step.imagesPerSecond()));
        }
    }

    @Override
    public void onEpochEnd(EpochRow row, List<EpochRow> rows) {
        close();
    }

    @Override
    public void onTrainingEnd(RunFolder.Result result) {
        close();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
