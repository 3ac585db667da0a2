package org.xnet.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xnet.core.Sample;

/** On-the-fly batches: deterministic across thread counts, layout NCHW, and close() stops the workers. */
class OnTheFlyBatchesTest {
    private static final AugmentPipeline PIPELINE = new AugmentPipeline(AugmentConfig.defaults());

    private static List<Sample> samples(int n) {
        SplittableRandom random = new SplittableRandom(12);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Sample s = TestSamples.random(random, 12, 10, (byte) 0, (byte) 1, (byte) 2);
            out.add(new Sample(s.image(), s.label(), i % 3 == 0 ? "hand" : "knee", "s" + i));
        }
        return out;
    }

    private static List<AugmentedBatch> epoch(List<Sample> data, int workers, int epoch) {
        OnTheFlyOptions options = new OnTheFlyOptions(4, 99, workers, 3, true, false);
        List<AugmentedBatch> out = new ArrayList<>();
        try (OnTheFlyBatches batches = new OnTheFlyBatches(data, PIPELINE, options, epoch)) {
            batches.forEachRemaining(out::add);
            assertThat(out).hasSize(batches.batchCount());
        }
        return out;
    }

    @Test
    void sameSeedAndEpochGiveSameBatchesWithOneOrTwoWorkers() {
        List<Sample> data = samples(9);
        List<AugmentedBatch> one = epoch(data, 1, 3);
        List<AugmentedBatch> two = epoch(data, 2, 3);
        assertThat(one).hasSize(3); // 6 knee + 6 hand (oversampled) = 12 / 4
        for (int b = 0; b < one.size(); b++) {
            assertThat(two.get(b).images()).isEqualTo(one.get(b).images());
            assertThat(two.get(b).labels()).isEqualTo(one.get(b).labels());
            assertThat(two.get(b).sampleIndices()).isEqualTo(one.get(b).sampleIndices());
        }
        assertThat(epoch(data, 2, 4).get(0).images()).isNotEqualTo(one.get(0).images());
    }

    @Test
    void batchHoldsTheAugmentedSamplesInNchwOrder() {
        List<Sample> data = samples(5);
        OnTheFlyOptions options = new OnTheFlyOptions(2, 5, 2, 2, false, false);
        try (OnTheFlyBatches batches = new OnTheFlyBatches(data, PIPELINE, options, 0)) {
            AugmentedBatch first = batches.next();
            int[] order = OnTheFlyBatches.epochOrder(data.stream().map(Sample::bodyPart).toList(), options, 0);
            assertThat(first.sampleIndices()).containsExactly(order[0], order[1]);
            Sample expected = PIPELINE.apply(data.get(order[1]), new SplittableRandom(Seeds.mix(5, 0, 1)));
            float[] second = Arrays.copyOfRange(first.images(), 120, 240);
            assertThat(second).isEqualTo(expected.image().data());
            assertThat(Arrays.copyOfRange(first.labels(), 120, 240)).isEqualTo(expected.label().data());
            assertThat(batches.batchCount()).isEqualTo(3); // 5 samples, last batch of 1 kept
        }
    }

    @Test
    void closeStopsTheWorkers() {
        List<Sample> data = samples(200);
        OnTheFlyBatches batches = new OnTheFlyBatches(data, PIPELINE, new OnTheFlyOptions(2, 1, 2, 4, false, true), 0);
        batches.next();
        assertThat(batches.threadsAlive()).isPositive();
        batches.close();
        // only these batches' threads: those of other tests' used-up epochs end by themselves, a moment later
        assertThat(batches.threadsAlive()).isZero();
        assertThat(batches.hasNext()).isFalse();
    }

    @Test
    void aConsumerSlowerThanTheWorkersFindsEveryBatchReady() throws InterruptedException {
        List<Sample> data = samples(9);
        try (OnTheFlyBatches batches = new OnTheFlyBatches(data, PIPELINE, new OnTheFlyOptions(2, 3, 2, 2, false, false), 1)) {
            while (batches.hasNext()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!batches.nextReady() && System.nanoTime() < deadline) {
                    Thread.sleep(2); // the consumer's training step
                }
                batches.next();
            }
            DataWait waited = batches.waited();
            assertThat(waited.batches()).isEqualTo(batches.batchCount()).isEqualTo(5);
            assertThat(waited.readyOnArrival()).isEqualTo(5);
            assertThat(waited.maxSeconds()).isLessThanOrEqualTo(waited.totalSeconds());
        }
    }
}
