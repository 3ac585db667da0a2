package org.xnet.pipeline;

import org.xnet.core.Progress;

/**
 * The progress of a job made of stages (the demo, the benchmark): told when each stage starts, and
 * its {@link Progress} within the stage, so that the stages' own calls report to it directly.
 */
public interface StageListener extends Progress {
    /** Stage {@code number} (from 1) is starting. */
    void stage(int number, String description);
}
