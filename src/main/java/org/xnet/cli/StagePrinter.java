package org.xnet.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import org.xnet.pipeline.StageListener;

/** Prints each stage of a multi-stage job as "[k/N] description" and shows a progress bar for it. */
final class StagePrinter implements StageListener, AutoCloseable {
    private final PrintWriter err;
    private final int stages;
    private String stage = "";
    private ProgressBar bar;

    StagePrinter(PrintWriter err, int stages) {
        this.err = err;
        this.stages = stages;
    }

    @Override
    public void stage(int number, String description) {
        close();
        stage = "step " + number;
        err.printf("[%d/%d] %s%n", number, stages, description);
        err.flush();
    }

    @Override
    public void progress(long done, long total) {
        if (bar == null) {
            bar = ProgressBars.create(stage, total);
        }
        bar.maxHint(total).stepTo(done);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
