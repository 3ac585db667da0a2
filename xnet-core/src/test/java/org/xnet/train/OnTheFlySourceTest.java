package org.xnet.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xnet.augment.AugmentConfig;
import org.xnet.augment.AugmentPipeline;
import org.xnet.augment.AugmentedBatch;
import org.xnet.augment.DataWait;
import org.xnet.augment.OnTheFlyBatches;
import org.xnet.augment.OnTheFlyOptions;
import org.xnet.core.Sample;

/** The next epoch is made while the trainer validates, with the same batches, and the data wait is recorded. */
class OnTheFlySourceTest {
    private static final AugmentPipeline PIPELINE = new AugmentPipeline(AugmentConfig.defaults());
    private static final OnTheFlyOptions OPTIONS = new OnTheFlyOptions(3, 17, 2, 2, true, false);

    private static List<Sample> samples() {
        return TinySegData.dataset(16, 10, 1, 5).train();
    }

    private static List<SegBatch> drain(Iterator<SegBatch> it) {
        List<SegBatch> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** The batches a fresh, independent iterator makes for {@code epoch}. */
    private static List<AugmentedBatch> fresh(List<Sample> data, int epoch) {
        List<AugmentedBatch> out = new ArrayList<>();
        try (OnTheFlyBatches b = new OnTheFlyBatches(data, PIPELINE, OPTIONS, epoch)) {
            b.forEachRemaining(out::add);
        }
        return out;
    }

    /** A slow consumer's validation: give the workers up to 30 s to finish the first batch made ahead. */
    private static void validate(OnTheFlySource source) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!source.preparedEpochReady() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static void assertSameBatches(List<SegBatch> actual, List<AugmentedBatch> expected) {
        assertThat(actual).hasSize(expected.size());
        for (int b = 0; b < actual.size(); b++) {
            assertThat(actual.get(b).images()).as("batch %d images", b).isEqualTo(expected.get(b).images());
            assertThat(actual.get(b).labels()).as("batch %d labels", b).isEqualTo(expected.get(b).labels());
        }
    }

    @Test
    void afterAWarmUpEpochTheNextEpochsFirstBatchIsReadyWhenAsked() throws InterruptedException {
        List<Sample> data = samples();
        try (OnTheFlySource source = new OnTheFlySource(data, PIPELINE, OPTIONS)) {
            List<SegBatch> first = drain(source.epoch(1));
            assertThat(source.preparedEpoch()).isEqualTo(2);
            validate(source);
            assertThat(source.preparedEpochReady()).isTrue();

            Iterator<SegBatch> second = source.epoch(2);
            assertThat(source.preparedEpoch()).isZero();
            SegBatch head = second.next();
            assertThat(source.lastEpochWait().readyOnArrival()).isEqualTo(1);
            List<SegBatch> rest = new ArrayList<>(List.of(head));
            rest.addAll(drain(second));

            assertSameBatches(first, fresh(data, 1));
            assertSameBatches(rest, fresh(data, 2));
            assertThat(source.preparedEpoch()).isEqualTo(3);
            drain(source.epoch(3));
            assertThat(source.threadsStarted()).as("the epochs share the two workers").isEqualTo(2);
        }
    }

    @Test
    void dataWaitCountsEveryBatchOfTheLatestEpoch() {
        List<Sample> data = samples();
        try (OnTheFlySource source = new OnTheFlySource(data, PIPELINE, OPTIONS)) {
            assertThat(source.lastEpochWait()).isEqualTo(DataWait.NONE);
            int batches = drain(source.epoch(1)).size();
            DataWait w = source.lastEpochWait();
            assertThat(w.batches()).isEqualTo(batches).isEqualTo(source.batchesPerEpoch());
            assertThat(w.maxSeconds()).isLessThanOrEqualTo(w.totalSeconds());
            assertThat(w.firstSeconds()).isLessThanOrEqualTo(w.maxSeconds()).isPositive();
            assertThat(source.waitSeconds()).isEqualTo(w.totalSeconds());
        }
    }

    @Test
    void askingForAnotherEpochDropsTheOneMadeAheadAndCloseStopsEverything() {
        List<Sample> data = samples();
        OnTheFlySource source = new OnTheFlySource(data, PIPELINE, OPTIONS);
        drain(source.epoch(1));
        assertThat(source.preparedEpoch()).isEqualTo(2);
        Iterator<SegBatch> resumed = source.epoch(5);
        assertSameBatches(drain(resumed), fresh(data, 5));
        assertThat(source.preparedEpoch()).isEqualTo(6);
        source.close();
        assertThat(source.preparedEpoch()).isZero();
        // only this source's threads: those of fresh(...) above end by themselves, a moment later
        assertThat(source.threadsStarted()).isPositive();
        assertThat(source.threadsAlive()).isZero();
    }
}
