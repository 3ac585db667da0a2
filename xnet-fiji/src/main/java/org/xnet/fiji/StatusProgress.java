package org.xnet.fiji;

import ij.IJ;
import java.util.function.BooleanSupplier;
import org.xnet.core.Progress;

/**
 * Shows the segmentation's progress in ImageJ's status bar and progress bar ("XNet: tile 3 of 9")
 * and asks {@code stop} whether the user wants it to end (the command passes Esc, ImageJ's
 * cancel key, or an interrupt of its thread); the segmenter asks before every forward pass.
 */
final class StatusProgress implements Progress {
    private final BooleanSupplier stop;
    private long total;

    StatusProgress(BooleanSupplier stop) {
        this.stop = stop;
    }

    @Override
    public void start(String task, long units) {
        total = units;
        show(0);
    }

    @Override
    public void advance(long done, String item) {
        show(done);
    }

    @Override
    public boolean cancelled() {
        return stop.getAsBoolean();
    }

    private void show(long done) {
        IJ.showStatus(status(done, total));
        IJ.showProgress((int) done, (int) total);
    }

    /** The status line after {@code done} of {@code total} forward passes (tiles, or one resized image). */
    static String status(long done, long total) {
        return total == 1 ? (done == 0 ? "XNet: segmenting (press Esc to cancel)" : "XNet: segmented")
                : "XNet: tile " + done + " of " + total + " (press Esc to cancel)";
    }
}
