package org.xnet.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.xnet.core.Progress;

/**
 * The command line's {@link Progress}: a text progress bar on standard error for each task that has
 * units (none when hidden), showing the last item's file name; warnings as one "xnet: " line each.
 */
final class ProgressBars implements Progress, AutoCloseable {
    private final PrintWriter err;
    private final boolean show;
    private ProgressBar bar;

    /** Bars (when {@code show}) and warnings on {@code err}. */
    ProgressBars(PrintWriter err, boolean show) {
        this(err, show, true);
    }

    /** Bars when {@code show} and {@code terminal}; warnings on {@code err} in any case. */
    ProgressBars(PrintWriter err, boolean show, boolean terminal) {
        this.err = err;
        this.show = show && terminal;
    }

    /**
     * Bars when {@code show} and this JVM runs on a terminal ({@link System#console()}): none into
     * a log file or a pipe, where a batch job's bars would only be noise. Warnings in any case.
     */
    static ProgressBars onTerminal(PrintWriter err, boolean show) {
        return new ProgressBars(err, show, System.console() != null);
    }

    /** A bar for {@code total} steps (0 when unknown) on standard error, in the style of every command. */
    static ProgressBar create(String task, long total) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250).build();
    }

    @Override
    public void start(String task, long total) {
        close();
        if (show && total > 0) {
            bar = create(task, total);
        }
    }

    @Override
    public void advance(long done, String item) {
        if (bar != null) {
            bar.stepTo(done);
            if (!item.isEmpty()) {
                Path name = Path.of(item).getFileName();
                bar.setExtraMessage(name == null ? item : name.toString());
            }
        }
    }

    @Override
    public void warn(String message) {
        err.println("xnet: " + message);
        err.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
