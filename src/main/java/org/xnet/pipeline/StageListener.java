package org.xnet.pipeline;

/** Receives the stages of a multi-stage job as they start, and progress within each. */
public interface StageListener {
    /** Stage {@code number} (from 1) is starting. */
    void stage(int number, String description);

    /** Work units done of the stage's total (radiographs, images), for a progress bar. */
    void progress(long done, long total);
}
