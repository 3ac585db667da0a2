package org.xnet.train;

import org.xnet.augment.AugmentPipeline;
import org.xnet.augment.AugmentWorkers;
import org.xnet.augment.AugmentedBatch;
import org.xnet.augment.DataWait;
import org.xnet.augment.OnTheFlyBatches;
import org.xnet.augment.OnTheFlyOptions;
import org.xnet.core.Sample;

import java.util.Iterator;
import java.util.List;

/**
 * On-the-fly augmentation as a {@link BatchSource}: every epoch is a fresh
 * {@link OnTheFlyBatches} (augment package), whose batches depend only on (seed, epoch), so a run
 * resumed at an epoch boundary sees the same images. All epochs share one set of worker threads. When
 * an epoch hands out its last batch, the next epoch's batches start being made, so they are ready when
 * the trainer asks after validation.
 * The returned iterator is {@link AutoCloseable} so that a stopped epoch can end its worker threads;
 * {@link #close()} drops an epoch made ahead and stops the workers. {@link #lastEpochWait()} tells how long the
 * trainer was blocked waiting for data in the latest epoch.
 */
public final class OnTheFlySource implements BatchSource {
    private final List<Sample> samples;
    private final AugmentPipeline pipeline;
    private final OnTheFlyOptions options;
    private final AugmentWorkers workers;
    private OnTheFlyBatches ahead;
    private Epoch current;

    public OnTheFlySource(List<Sample> samples, AugmentPipeline pipeline, OnTheFlyOptions options) {
        this.samples = List.copyOf(samples);
        this.pipeline = pipeline;
        this.options = options;
        this.workers = new AugmentWorkers(options.workers());
    }

    @Override
    public synchronized Iterator<SegBatch> epoch(int epoch) {
        if (ahead != null && ahead.epoch() == epoch) {
            current = new Epoch(ahead);
            ahead = null;
        } else {
            current = new Epoch(new OnTheFlyBatches(samples, pipeline, options, epoch, workers));
        }
        return current;
    }

    /**
     * Starts making the batches of {@code epoch} now, on the worker threads, so that a later
     * {@link #epoch(int)} call for it finds them ready; an epoch made ahead earlier is dropped.
     */
    public synchronized void prepare(int epoch) {
        if (ahead != null && ahead.epoch() == epoch) {
            return;
        }
        dropAhead();
        ahead = new OnTheFlyBatches(samples, pipeline, options, epoch, workers);
    }

    /** The epoch being made ahead of the trainer's request, or 0 when there is none. */
    public synchronized int preparedEpoch() {
        return ahead == null ? 0 : ahead.epoch();
    }

    /** True when the first batch of the epoch made ahead is already finished. */
    public synchronized boolean preparedEpochReady() {
        return ahead != null && ahead.nextReady();
    }

    /**
     * How long the trainer was blocked in {@code next()} during the latest epoch handed out (starting
     * the next epoch's workers after its last batch included).
     */
    public synchronized DataWait lastEpochWait() {
        return current == null ? DataWait.NONE : current.waited;
    }

    /** Seconds the trainer was blocked waiting for data during the latest epoch (total). */
    public double waitSeconds() {
        return lastEpochWait().totalSeconds();
    }

    @Override
    public int batchesPerEpoch() {
        int n = OnTheFlyBatches.epochOrder(samples.stream().map(Sample::bodyPart).toList(), options, 1).length;
        int full = n / options.batchSize();
        return options.dropLast() || n % options.batchSize() == 0 ? full : full + 1;
    }

    /** How many worker threads have been started for this source (they are reused across epochs). */
    public int threadsStarted() {
        return workers.threadsStarted();
    }

    /** How many of this source's worker threads are still alive (none after {@link #close()}). */
    public int threadsAlive() {
        return workers.threadsAlive();
    }

    /** Drops the current epoch's remaining batches and the epoch made ahead, and stops the workers. */
    @Override
    public synchronized void close() {
        dropAhead();
        if (current != null) {
            current.close();
        }
        workers.close();
    }

    private void dropAhead() {
        if (ahead != null) {
            ahead.close();
            ahead = null;
        }
    }

    private final class Epoch implements Iterator<SegBatch>, AutoCloseable {
        private final OnTheFlyBatches batches;
        private volatile DataWait waited = DataWait.NONE;

        Epoch(OnTheFlyBatches batches) {
            this.batches = batches;
        }

        @Override
        public boolean hasNext() {
            return batches.hasNext();
        }

        @Override
        public SegBatch next() {
            long start = System.nanoTime();
            boolean ready = batches.nextReady();
            AugmentedBatch b = batches.next();
            if (!batches.hasNext()) {
                prepare(batches.epoch() + 1);
            }
            SegBatch batch = new SegBatch(b.images(), b.labels(), b.size(), b.height(), b.width());
            waited = waited.plus((System.nanoTime() - start) / 1e9, ready);
            return batch;
        }

        @Override
        public void close() {
            batches.close();
        }
    }
}
