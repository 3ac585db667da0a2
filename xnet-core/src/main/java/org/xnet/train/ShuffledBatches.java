package org.xnet.train;

import org.xnet.core.Sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Batches of the samples as they are (no augmentation), shuffled every epoch with a random stream
 * seeded by (seed, epoch), or in their stored order when {@code shuffle} is false (validation).
 * The last batch of an epoch may be smaller.
 */
public final class ShuffledBatches implements BatchSource {
    private final List<Sample> samples;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;

    public ShuffledBatches(List<Sample> samples, int batchSize, long seed, boolean shuffle) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples to make batches of");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.samples = List.copyOf(samples);
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
    }

    @Override
    public Iterator<SegBatch> epoch(int epoch) {
        List<Sample> order = new ArrayList<>(samples);
        if (shuffle) {
            Collections.shuffle(order, new Random(BatchSource.epochSeed(seed, epoch)));
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.size();
            }

            @Override
            public SegBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + epoch + " has only " + order.size() + " samples");
                }
                int end = Math.min(order.size(), next + batchSize);
                SegBatch b = SegBatch.of(order.subList(next, end));
                next = end;
                return b;
            }
        };
    }

    @Override
    public int batchesPerEpoch() {
        return (samples.size() + batchSize - 1) / batchSize;
    }
}
