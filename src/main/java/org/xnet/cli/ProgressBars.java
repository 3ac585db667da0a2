package org.xnet.cli;

import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.xnet.io.Prepare;

/** A text progress bar on standard error for {@link Prepare.Progress}; created when the total is known. */
final class ProgressBars implements Prepare.Progress, AutoCloseable {
    private final String task;
    private ProgressBar bar;

    ProgressBars(String task) {
        this.task = task;
    }

    @Override
    public void start(int total) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).build();
    }

    @Override
    public void done(Path image) {
        bar.setExtraMessage(image.getFileName().toString());
        bar.step();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
