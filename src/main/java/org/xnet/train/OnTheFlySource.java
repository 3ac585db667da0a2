package org.xnet.train;

import org.xnet.augment.AugmentPipeline;
import org.xnet.augment.AugmentedBatch;
import org.xnet.augment.OnTheFlyBatches;
import org.xnet.augment.OnTheFlyOptions;
import org.xnet.core.Sample;

import java.util.Iterator;
import java.util.List;

/**
 * On-the-fly augmentation as a {@link BatchSource}: every epoch is a fresh
 * {@link OnTheFlyBatches} (augment package), whose batches depend only on (seed, epoch), so a run
 * resumed at an epoch boundary sees the same images. The returned iterator is {@link AutoCloseable}
 * so that a stopped epoch can end its worker threads.
 */
public final class OnTheFlySource implements BatchSource {
    private final List<Sample> samples;
    private final AugmentPipeline pipeline;
    private final OnTheFlyOptions options;

    public OnTheFlySource(List<Sample> samples, AugmentPipeline pipeline, OnTheFlyOptions options) {
        this.samples = List.copyOf(samples);
        this.pipeline = pipeline;
        this.options = options;
    }

    @Override
    public Iterator<SegBatch> epoch(int epoch) {
        return new Epoch(new OnTheFlyBatches(samples, pipeline, options, epoch));
    }

    @Override
    public int batchesPerEpoch() {
        int n = OnTheFlyBatches.epochOrder(samples.stream().map(Sample::bodyPart).toList(), options, 1).length;
        int full = n / options.batchSize();
        return options.dropLast() || n % options.batchSize() == 0 ? full : full + 1;
    }

    private record Epoch(OnTheFlyBatches batches) implements Iterator<SegBatch>, AutoCloseable {
        @Override
        public boolean hasNext() {
            return batches.hasNext();
        }

        @Override
        public SegBatch next() {
            AugmentedBatch b = batches.next();
            return new SegBatch(b.images(), b.labels(), b.size(), b.height(), b.width());
        }

        @Override
        public void close() {
            batches.close();
        }
    }
}
