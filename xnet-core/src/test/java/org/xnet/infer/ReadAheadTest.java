package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Image2D;
import org.xnet.io.ImageWriters;

/**
 * {@link ReadAhead} returns every group once, in input order, whenever its background reads run.
 *
 * <p>The read of group k is submitted while the caller is still taking group k - 1, and a background
 * thread may start it at any time after that: before or after the caller asks for group k and has
 * moved its cursor on. A task that looked up its group from the cursor when it started (as it once
 * did) read a later group whenever it started late. On a real thread that depends on scheduling,
 * so {@link #everyGroupOnceAndInOrderWhenEachReadStartsAsLateAsItMay} forces it: its executor runs
 * a task only when its result is asked for, the latest start any executor may give. With the cursor
 * read inside the task that test fails every time (group 2 is read for group 1, and the last task
 * reads past the end). The test on the real background thread checks order and completeness over
 * many groups; it caught the old code too when tried, but only by chance of scheduling.
 *
 * <p>Input i is a 1-pixel-high TIFF i + 1 pixels wide, so each image read shows which file it came
 * from.
 */
class ReadAheadTest {

    @Test
    void everyGroupOnceAndInOrderWhenEachReadStartsAsLateAsItMay(@TempDir Path dir) throws Exception {
        List<InputFiles.Input> inputs = inputs(dir, 7);
        LateExecutor late = new LateExecutor();
        try (ReadAhead reader = new ReadAhead(inputs, 2, late)) {
            assertThat(readAll(reader)).isEqualTo(List.of(List.of(1, 2), List.of(3, 4), List.of(5, 6), List.of(7)));
        }
        assertThat(late.submitted).isEqualTo(4);
        assertThat(late.isShutdown()).isTrue();
    }

    @Test
    void everyGroupOnceAndInOrderOnTheBackgroundThread(@TempDir Path dir) throws Exception {
        List<InputFiles.Input> inputs = inputs(dir, 50);
        for (int groupSize : new int[] {1, 3, 50, 64}) {
            List<List<Integer>> expected = new ArrayList<>();
            for (int from = 0; from < inputs.size(); from += groupSize) {
                List<Integer> group = new ArrayList<>();
                for (int i = from; i < Math.min(inputs.size(), from + groupSize); i++) {
                    group.add(i + 1);
                }
                expected.add(group);
            }
            try (ReadAhead reader = new ReadAhead(inputs, groupSize)) {
                assertThat(readAll(reader)).as("group size %d", groupSize).isEqualTo(expected);
            }
        }
    }

    @Test
    void anUnreadableFileIsReturnedWithItsErrorInItsPlace(@TempDir Path dir) throws Exception {
        List<InputFiles.Input> inputs = new ArrayList<>(inputs(dir, 3));
        Path bad = dir.resolve("bad.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        inputs.add(1, new InputFiles.Input(bad, bad.getFileName()));
        try (ReadAhead reader = new ReadAhead(inputs, 3)) {
            List<ReadAhead.Read> first = reader.next();
            assertThat(first).extracting(ReadAhead.Read::input).isEqualTo(inputs.subList(0, 3));
            assertThat(first.get(1).image()).isNull();
            assertThat(first.get(1).error()).hasMessageContaining("bad.png");
            assertThat(first.get(2).image().width()).isEqualTo(2);
            assertThat(reader.next()).singleElement().extracting(r -> r.image().width()).isEqualTo(3);
            assertThat(reader.hasNext()).isFalse();
        }
    }

    @Test
    void noInputsGiveNoGroupsAndReadingPastTheEndIsRefused() throws Exception {
        try (ReadAhead reader = new ReadAhead(List.of(), 4)) {
            assertThat(reader.hasNext()).isFalse();
            assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class)
                    .hasMessageContaining("all 0 groups");
        }
        assertThatThrownBy(() -> new ReadAhead(List.of(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    /** The widths of the images of each group, in the order returned; every input must be readable. */
    private static List<List<Integer>> readAll(ReadAhead reader) throws Exception {
        List<List<Integer>> groups = new ArrayList<>();
        while (reader.hasNext()) {
            List<Integer> widths = new ArrayList<>();
            for (ReadAhead.Read r : reader.next()) {
                assertThat(r.error()).isNull();
                assertThat(r.input().file().getFileName().toString()).isEqualTo(name(r.image().width() - 1));
                widths.add(r.image().width());
            }
            groups.add(widths);
        }
        return groups;
    }

    private static List<InputFiles.Input> inputs(Path dir, int count) throws Exception {
        List<InputFiles.Input> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve(name(i));
            ImageWriters.writeTiff16(new Image2D(i + 1, 1), file);
            inputs.add(new InputFiles.Input(file, file.getFileName()));
        }
        return inputs;
    }

    private static String name(int i) {
        return String.format("in%03d.tif", i);
    }

    /**
     * Runs each task on the calling thread when its result is first asked for and never before: the
     * latest a single background thread could start it.
     */
    private static final class LateExecutor extends AbstractExecutorService {
        int submitted;
        private boolean shutdown;

        @Override
        protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
            submitted++;
            return new FutureTask<>(callable) {
                @Override
                public T get() throws InterruptedException, ExecutionException {
                    run(); // does nothing once it has run
                    return super.get();
                }
            };
        }

        @Override
        public void execute(Runnable command) {
            // held by the future, which runs when asked for
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }
}
