package org.xnet.train;

import java.util.Iterator;

/**
 * The batches of one epoch. Implementations make the batches a function of (seed, epoch) only, so
 * that a run resumed at an epoch boundary sees exactly the batches it would have seen.
 */
public interface BatchSource extends AutoCloseable {
    /** The batches of epoch {@code epoch} (1-based). */
    Iterator<SegBatch> epoch(int epoch);

    /** How many batches every epoch has. */
    int batchesPerEpoch();

    /** Stops whatever makes the batches (worker threads); nothing by default. */
    @Override
    default void close() {
    }

    /** A seed for epoch {@code epoch} derived from the run's seed (SplitMix64 finaliser of both). */
    static long epochSeed(long seed, int epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
