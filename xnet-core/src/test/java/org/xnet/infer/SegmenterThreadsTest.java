package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xnet.core.Image2D;
import org.xnet.core.ProbabilityMap;
import org.xnet.model.RuntimeOptions;

/**
 * One {@link Segmenter} shared by several threads, as its class comment promises: every result equals
 * the one computed alone, in every arithmetic (the bf16 ones share one TorchScript module across the
 * JVM), and closing it while threads still call it fails those calls cleanly.
 */
class SegmenterThreadsTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 2;

    @TempDir
    Path dir;

    /** One call: an image and how to segment it. */
    private record Task(Image2D image, SegmenterOptions options) {
    }

    private static List<Task> tasks() {
        List<Task> tasks = new ArrayList<>();
        int[][] sizes = {{37, 53}, {64, 64}, {90, 41}, {20, 75}};
        SegmenterOptions[] options = {SegmenterOptions.resize(), SegmenterOptions.tiled(),
            SegmenterOptions.tiled().withTta(true).withBatchSize(2)};
        for (int i = 0; i < sizes.length; i++) {
            for (SegmenterOptions o : options) {
                tasks.add(new Task(TinyModels.smooth(sizes[i][0], sizes[i][1], 100 + i), o));
            }
        }
        return tasks;
    }

    static List<RuntimeOptions> arithmetics() {
        return RuntimeOptions.all();
    }

    @ParameterizedTest
    @MethodSource("arithmetics")
    void fourThreadsSharingOneSegmenterGetTheSingleThreadedResults(RuntimeOptions arithmetic) throws Exception {
        List<Task> tasks = tasks();
        try (Segmenter segmenter = Segmenter.load(ModelFileRoundTripTest.tinyModelFile(dir, 32, 5), arithmetic)) {
            List<ProbabilityMap> alone = new ArrayList<>();
            for (Task t : tasks) {
                alone.add(segmenter.probabilities(t.image(), t.options()));
            }
            AtomicInteger running = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            CyclicBarrier start = new CyclicBarrier(THREADS);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> checked = new ArrayList<>();
                for (int thread = 0; thread < THREADS; thread++) {
                    long seed = thread;
                    checked.add(pool.submit(() -> {
                        List<Integer> order = new ArrayList<>();
                        for (int i = 0; i < tasks.size(); i++) {
                            order.add(i);
                        }
                        start.await();
                        int count = 0;
                        for (int round = 0; round < ROUNDS; round++) {
                            Collections.shuffle(order, new Random(seed * 31 + round)); // each thread its own order
                            for (int i : order) {
                                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                                ProbabilityMap p = segmenter.probabilities(tasks.get(i).image(), tasks.get(i).options());
                                running.decrementAndGet();
                                assertThat(p).as("task %d (%s %s) in thread %d", i, tasks.get(i).image().sizeString(),
                                        tasks.get(i).options(), seed).isEqualTo(alone.get(i));
                                count++;
                            }
                        }
                        return count;
                    }));
                }
                for (Future<Integer> f : checked) {
                    assertThat(f.get(5, TimeUnit.MINUTES)).isEqualTo(ROUNDS * tasks.size());
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(mostAtOnce.get()).as("calls that overlapped in time").isGreaterThan(1);
        }
    }

    @Test
    void closingWhileThreadsSegmentFailsTheirLaterCallsCleanly() throws Exception {
        Image2D image = TinyModels.smooth(48, 40, 3);
        SegmenterOptions tiled = SegmenterOptions.tiled();
        Segmenter segmenter = Segmenter.load(ModelFileRoundTripTest.tinyModelFile(dir, 32, 9));
        ProbabilityMap alone = segmenter.probabilities(image, tiled);
        AtomicInteger calls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int thread = 0; thread < 2; thread++) {
                loops.add(pool.submit(() -> {
                    while (true) {
                        ProbabilityMap p;
                        try {
                            p = segmenter.probabilities(image, tiled);
                        } catch (IllegalStateException e) {
                            assertThat(e).hasMessage("this segmenter is closed");
                            return null;
                        }
                        assertThat(p).isEqualTo(alone);
                        calls.incrementAndGet();
                    }
                }));
            }
            while (calls.get() < 10 && loops.stream().noneMatch(Future::isDone)) {
                Thread.onSpinWait();
            }
            segmenter.close();
            for (Future<?> loop : loops) {
                loop.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThatThrownBy(() -> segmenter.segment(image, tiled)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this segmenter is closed");
        segmenter.close();
    }
}
