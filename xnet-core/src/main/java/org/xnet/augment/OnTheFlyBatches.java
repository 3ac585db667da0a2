package org.xnet.augment;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.xnet.core.Sample;

/**
 * One epoch of freshly augmented batches, made on worker threads ahead of the consumer (at most
 * {@code prefetch} batches in flight). The epoch order is the training list (oversampled by body part
 * when asked) shuffled with {@code Seeds.mix(seed, epoch)}; the sample at position {@code p} draws its
 * parameters from {@code new SplittableRandom(Seeds.mix(seed, epoch, p))}. So the same (seed, epoch)
 * gives the same batches whatever the number of workers or their timing. The batches are made by
 * {@link AugmentWorkers} of their own, which {@link #close()} stops (they end by themselves when the
 * epoch is used up), or by shared workers that outlive the epoch, which {@link #close()} leaves running.
 * {@link #waited()} tells how long the consumer was blocked in {@link #next()}.
 */
public final class OnTheFlyBatches implements Iterator<AugmentedBatch>, AutoCloseable {
    private final List<Sample> samples;
    private final AugmentPipeline pipeline;
    private final OnTheFlyOptions options;
    private final int epoch;
    private final int[] order;
    private final int batches;
    private final int width;
    private final int height;
    private final AugmentWorkers workers;
    private final boolean ownWorkers;
    private final Deque<Future<AugmentedBatch>> pending = new ArrayDeque<>();
    private int submitted;
    private boolean closed;
    private DataWait waited = DataWait.NONE;

    /** An epoch made by {@code options.workers()} threads of its own. */
    public OnTheFlyBatches(List<Sample> samples, AugmentPipeline pipeline, OnTheFlyOptions options, int epoch) {
        this(samples, pipeline, options, epoch, new AugmentWorkers(options.workers()), true);
    }

    /** An epoch made by {@code shared} workers, which {@link #close()} leaves running. */
    public OnTheFlyBatches(List<Sample> samples, AugmentPipeline pipeline, OnTheFlyOptions options, int epoch,
                           AugmentWorkers shared) {
        this(samples, pipeline, options, epoch, shared, false);
    }

    private OnTheFlyBatches(List<Sample> samples, AugmentPipeline pipeline, OnTheFlyOptions options, int epoch,
                            AugmentWorkers workers, boolean ownWorkers) {
        this.workers = workers;
        this.ownWorkers = ownWorkers;
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no training samples to augment");
        }
        this.samples = List.copyOf(samples);
        this.pipeline = pipeline;
        this.options = options;
        this.epoch = epoch;
        this.width = samples.get(0).image().width();
        this.height = samples.get(0).image().height();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (s.image().width() != width || s.image().height() != height) {
                throw new IllegalArgumentException("sample " + i + " (" + s.source() + ") is " + s.image().sizeString()
                        + ", expected " + width + "x" + height);
            }
        }
        this.order = epochOrder(samples.stream().map(Sample::bodyPart).toList(), options, epoch);
        int full = order.length / options.batchSize();
        this.batches = options.dropLast() || order.length % options.batchSize() == 0 ? full : full + 1;
        refill();
    }

    /** The sample indices of one epoch, in training order. */
    public static int[] epochOrder(List<String> bodyParts, OnTheFlyOptions options, int epoch) {
        int[] order = options.balanceBodyParts() ? Balancing.oversample(bodyParts)
                : IntStream.range(0, bodyParts.size()).toArray();
        SplittableRandom random = new SplittableRandom(Seeds.mix(options.seed(), epoch));
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Number of batches in this epoch. */
    public int batchCount() {
        return batches;
    }

    /** The epoch these batches belong to. */
    public int epoch() {
        return epoch;
    }

    /** True when the next batch has already been made, so {@link #next()} will not block on it. */
    public boolean nextReady() {
        return !closed && !pending.isEmpty() && pending.peekFirst().isDone();
    }

    /** How many threads of the workers making these batches are alive (for tests). */
    int threadsAlive() {
        return workers.threadsAlive();
    }

    /** How long {@link #next()} has blocked the consumer so far in this epoch. */
    public DataWait waited() {
        return waited;
    }

    @Override
    public boolean hasNext() {
        return !closed && !pending.isEmpty();
    }

    @Override
    public AugmentedBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches (or was closed)");
        }
        long start = System.nanoTime();
        Future<AugmentedBatch> head = pending.removeFirst();
        boolean ready = head.isDone();
        refill();
        try {
            AugmentedBatch batch = head.get();
            if (pending.isEmpty()) {
                closed = true;
                if (ownWorkers) {
                    workers.shutdown(); // every batch is made: the idle threads end without being waited for
                }
            }
            waited = waited.plus((System.nanoTime() - start) / 1e9, ready);
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for augmented batch", e);
        } catch (ExecutionException e) {
            close();
            throw new IllegalStateException("augmenting a batch of epoch " + epoch + " failed: " + e.getCause(),
                    e.getCause());
        }
    }

    /**
     * Drops the batches not yet consumed (interrupting those being made); workers of its own are
     * stopped and waited for, shared ones keep running.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.forEach(f -> f.cancel(true));
        pending.clear();
        if (ownWorkers) {
            workers.close();
        }
    }

    private void refill() {
        while (!closed && pending.size() < options.prefetch() && submitted < batches) {
            int b = submitted++;
            pending.addLast(workers.submit(() -> makeBatch(b)));
        }
    }

    private AugmentedBatch makeBatch(int b) {
        int start = b * options.batchSize();
        int size = Math.min(options.batchSize(), order.length - start);
        int n = width * height;
        float[] images = new float[size * n];
        byte[] labels = new byte[size * n];
        int[] indices = new int[size];
        for (int j = 0; j < size && !Thread.currentThread().isInterrupted(); j++) {
            int p = start + j;
            indices[j] = order[p];
            AugmentParams params = pipeline.draw(new SplittableRandom(Seeds.mix(options.seed(), epoch, p)));
            pipeline.applyInto(samples.get(order[p]), params, images, j * n, labels, j * n);
        }
        return new AugmentedBatch(epoch, b, size, height, width, images, labels, indices);
    }
}
