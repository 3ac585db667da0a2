package org.xnet.augment;

/**
 * How {@link OnTheFlyBatches} makes an epoch.
 *
 * @param batchSize samples per batch
 * @param seed the training seed; with the epoch number it fixes every batch
 * @param workers augmentation threads
 * @param prefetch batches prepared ahead of the consumer (the bound of the queue)
 * @param balanceBodyParts duplicate under-represented body parts up to the largest ({@link Balancing#oversample})
 * @param dropLast drop a last batch smaller than {@code batchSize} (the original's {@code n // batch_size} steps)
 */
public record OnTheFlyOptions(int batchSize, long seed, int workers, int prefetch, boolean balanceBodyParts,
                              boolean dropLast) {
    public OnTheFlyOptions {
        if (batchSize < 1 || workers < 1 || prefetch < 1) {
            throw new IllegalArgumentException("batchSize, workers and prefetch must be >= 1, got " + batchSize
                    + ", " + workers + ", " + prefetch);
        }
    }

    /** Batches of {@code batchSize}, 2 workers, 4 batches ahead, body parts balanced, last partial batch dropped. */
    public static OnTheFlyOptions of(int batchSize, long seed) {
        return new OnTheFlyOptions(batchSize, seed, 2, 4, true, true);
    }
}
