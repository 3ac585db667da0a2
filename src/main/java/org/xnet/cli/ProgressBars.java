package org.xnet.cli;

import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.xnet.io.Prepare;

/**
 * Text progress bars on standard error, one style for every command; also a {@link Prepare.Progress}
 * whose bar is created when the total is known.
 */
final class ProgressBars implements Prepare.Progress, AutoCloseable {
    private final String task;
    private ProgressBar bar;

    ProgressBars(String task) {
        this.task = task;
    }

    /** A bar for {@code total} steps (0 when unknown) on standard error. */
    static ProgressBar create(String task, long total) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250).build();
    }

    @Override
    public void start(int total) {
        bar = create(task, total);
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
