package org.xnet.cli;

import java.io.PrintWriter;
import org.xnet.pipeline.StageListener;

/** Prints each stage of a multi-stage job as "[k/N] description" and shows a progress bar for its work. */
final class StagePrinter implements StageListener, AutoCloseable {
    private final PrintWriter err;
    private final int stages;
    private final ProgressBars bars;
    private String stage = "";

    StagePrinter(PrintWriter err, int stages) {
        this.err = err;
        this.stages = stages;
        this.bars = new ProgressBars(err, true);
    }

    @Override
    public void stage(int number, String description) {
        bars.close();
        stage = "step " + number;
        err.printf("[%d/%d] %s%n", number, stages, description);
        err.flush();
    }

    /** The stage's work, shown as "step k" whatever the task's own name. */
    @Override
    public void start(String task, long total) {
        bars.start(stage, total);
    }

    @Override
    public void advance(long done, String item) {
        bars.advance(done, "");
    }

    @Override
    public void warn(String message) {
        bars.warn(message);
    }

    @Override
    public void close() {
        bars.close();
    }
}
