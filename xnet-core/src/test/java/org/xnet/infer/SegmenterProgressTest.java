package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xnet.core.Image2D;
import org.xnet.core.Progress;

/**
 * {@link Segmenter#scaledProbabilities(Image2D, SegmenterOptions, Progress)}: the hook a front end
 * with a status bar and a cancel button uses. It reports every forward pass, gives what the call
 * without progress gives, and stops before the next pass when asked.
 */
class SegmenterProgressTest {
    private static Segmenter segmenter;
    /** 90x70 at scale 2 of a 32 model: a 64x50 working image, 32x32 tiles overlapping by half, 3x3 = 9 tiles. */
    private static final Image2D IMAGE = TinyModels.smooth(90, 70, 5);
    private static final SegmenterOptions ONE_TILE_PER_PASS = SegmenterOptions.tiled().withBatchSize(1);

    @BeforeAll
    static void load() {
        segmenter = TinyModels.tinyXNet(32, 21);
    }

    @AfterAll
    static void close() {
        segmenter.close();
    }

    /** Records what a stage tells it; asks to stop once {@code stopAfter} units are done. */
    private static final class Recorder implements Progress {
        final List<String> events = new ArrayList<>();
        final long stopAfter;
        long done;

        Recorder(long stopAfter) {
            this.stopAfter = stopAfter;
        }

        @Override
        public void start(String task, long total) {
            events.add("start " + task + " " + total);
        }

        @Override
        public void advance(long units, String item) {
            done = units;
            events.add("advance " + units);
        }

        @Override
        public boolean cancelled() {
            return done >= stopAfter;
        }
    }

    @Test
    void tiledReportsEveryTileAndGivesTheSameProbabilities() throws Exception {
        Recorder progress = new Recorder(Long.MAX_VALUE);
        ScaledProbabilities withProgress = segmenter.scaledProbabilities(IMAGE, ONE_TILE_PER_PASS, progress);
        ScaledProbabilities without = segmenter.scaledProbabilities(List.of(IMAGE), ONE_TILE_PER_PASS).get(0);

        List<String> expected = new ArrayList<>(List.of("start segment 9"));
        for (int i = 1; i <= 9; i++) {
            expected.add("advance " + i);
        }
        assertThat(progress.events).isEqualTo(expected);
        assertThat(withProgress.full()).isEqualTo(without.full());
    }

    @Test
    void batchesOfFourAreReportedAsTheyFinish() throws Exception {
        Recorder progress = new Recorder(Long.MAX_VALUE);
        segmenter.scaledProbabilities(IMAGE, SegmenterOptions.tiled(), progress);
        assertThat(progress.events).containsExactly("start segment 9", "advance 4", "advance 8", "advance 9");
    }

    @Test
    void resizeModeIsOnePass() throws Exception {
        Recorder progress = new Recorder(Long.MAX_VALUE);
        ScaledProbabilities p = segmenter.scaledProbabilities(IMAGE, SegmenterOptions.resize(), progress);
        assertThat(progress.events).containsExactly("start segment 1", "advance 1");
        assertThat(p.argmax()).isEqualTo(segmenter.segment(IMAGE, SegmenterOptions.resize()));
    }

    @Test
    void aCancelStopsBeforeTheNextTile() {
        Recorder progress = new Recorder(3);
        assertThatThrownBy(() -> segmenter.scaledProbabilities(IMAGE, ONE_TILE_PER_PASS, progress))
                .isInstanceOf(Progress.Cancelled.class)
                .hasMessage("segment cancelled after 3 of 9");
        assertThat(progress.events).containsExactly("start segment 9", "advance 1", "advance 2", "advance 3");
    }

    @Test
    void aCancelBeforeTheFirstPassRunsNothing() {
        Recorder progress = new Recorder(0);
        assertThatThrownBy(() -> segmenter.scaledProbabilities(IMAGE, SegmenterOptions.resize(), progress))
                .isInstanceOf(Progress.Cancelled.class)
                .hasMessage("segment cancelled after 0 of 1");
        assertThat(progress.events).containsExactly("start segment 1");
    }
}
