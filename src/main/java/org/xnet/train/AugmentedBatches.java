package org.xnet.train;

import org.xnet.augment.AugmentPipeline;
import org.xnet.core.Sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;

/**
 * On-the-fly augmentation: every epoch shuffles the training samples and gives each one a fresh
 * augmentation. The parameters of sample {@code i} of epoch {@code e} come from a random stream
 * seeded by (seed, e, i) alone, so batches do not depend on thread scheduling and a resumed run
 * sees the same images. The next batch is prepared on {@code executor} while the current one
 * trains; the samples of a batch are augmented in parallel.
 */
public final class AugmentedBatches implements BatchSource {
    private final List<Sample> samples;
    private final AugmentPipeline pipeline;
    private final int batchSize;
    private final long seed;
    private final ExecutorService executor;

    public AugmentedBatches(List<Sample> samples, AugmentPipeline pipeline, int batchSize, long seed,
                            ExecutorService executor) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples to make batches of");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.samples = List.copyOf(samples);
        this.pipeline = pipeline;
        this.batchSize = batchSize;
        this.seed = seed;
        this.executor = executor;
    }

    @Override
    public int batchesPerEpoch() {
        return (samples.size() + batchSize - 1) / batchSize;
    }

    @Override
    public Iterator<SegBatch> epoch(int epoch) {
        long epochSeed = BatchSource.epochSeed(seed, epoch);
        List<Sample> order = new ArrayList<>(samples);
        Collections.shuffle(order, new Random(epochSeed));
        int batches = batchesPerEpoch();
        return new Iterator<>() {
            private int next;
            private CompletableFuture<SegBatch> pending = batches > 0 ? submit(0) : null;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public SegBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + epoch + " has only " + batches + " batches");
                }
                SegBatch batch = pending.join();
                next++;
                pending = next < batches ? submit(next) : null;
                return batch;
            }

            private CompletableFuture<SegBatch> submit(int b) {
                return CompletableFuture.supplyAsync(() -> build(order, b, epochSeed), executor);
            }
        };
    }

    /** Batch {@code b} of the epoch order, each sample augmented from its own seeded stream. */
    SegBatch build(List<Sample> order, int b, long epochSeed) {
        int start = b * batchSize;
        int end = Math.min(order.size(), start + batchSize);
        int w = order.get(start).image().width();
        int h = order.get(start).image().height();
        int area = w * h;
        float[] images = new float[(end - start) * area];
        byte[] labels = new byte[(end - start) * area];
        IntStream.range(start, end).parallel().forEach(i -> {
            SplittableRandom random = new SplittableRandom(BatchSource.epochSeed(epochSeed, i));
            Sample s = order.get(i);
            pipeline.applyInto(s, pipeline.draw(random), images, (i - start) * area, labels, (i - start) * area);
        });
        return new SegBatch(images, labels, end - start, h, w);
    }
}
