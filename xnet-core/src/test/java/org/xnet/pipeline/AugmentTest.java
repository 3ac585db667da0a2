package org.xnet.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.augment.AugmentConfig;
import org.xnet.augment.AugmentPipeline;
import org.xnet.augment.PreAugmentation;
import org.xnet.core.Dataset;
import org.xnet.core.Progress;
import org.xnet.core.InvalidSetting;
import org.xnet.io.DatasetFile;
import org.xnet.testutil.BodyPartData;

/** The augment stage as one library call, file to file, with what it tells its listener. */
class AugmentTest {
    @TempDir
    Path dir;

    private Path dataset() throws Exception {
        return BodyPartData.write(dir.resolve("data.h5"), 4);
    }

    /** Records what the stage tells. */
    private static final class Recorder implements Progress {
        final List<String> unbalanced = new ArrayList<>();
        final List<Long> started = new ArrayList<>();
        final AtomicLong done = new AtomicLong();

        @Override
        public void warn(String message) {
            unbalanced.add(message);
        }

        @Override
        public void start(String task, long total) {
            started.add(total);
        }

        @Override
        public void advance(long count, String item) {
            done.incrementAndGet();
        }
    }

    @Test
    void writesWhatPreAugmentationMakesAndTellsTheCopies() throws Exception {
        Path data = dataset();
        Path out = dir.resolve("aug.h5");
        Recorder recorder = new Recorder();
        Augment.Result r = Augment.run(new Augment.Request(data, 3, out, 9), recorder);

        Dataset in = DatasetFile.read(data);
        Dataset expected = PreAugmentation.augment(in, 3, new AugmentPipeline(AugmentConfig.defaults()), 9, n -> { });
        assertThat(DatasetFile.read(out)).isEqualTo(expected);
        assertThat(r).isEqualTo(new Augment.Result(5, 9, 1, 1));
        assertThat(r.augmented()).isEqualTo(4);
        assertThat(recorder.started).containsExactly(4L);
        assertThat(recorder.done).hasValue(4);
        assertThat(recorder.unbalanced).isEmpty();
    }

    @Test
    void belowTheLargestPartItSaysWhyAndNothingToAugmentStartsNothing() throws Exception {
        Recorder recorder = new Recorder();
        Augment.Result r = Augment.run(new Augment.Request(dataset(), 1, dir.resolve("same.h5"), 1), recorder);
        assertThat(r.augmented()).isZero();
        assertThat(recorder.unbalanced).containsExactly("warning: --per-category 1 is below the largest body part (hand, 3 training images), "
                + "so the parts stay unbalanced; 3 or more balances them");
        assertThat(recorder.started).isEmpty();
        assertThat(recorder.done).hasValue(0);
    }

    @Test
    void settingsAreRefusedBeforeAnyWork() throws Exception {
        assertThatThrownBy(() -> new Augment.Request(dir.resolve("d.h5"), 0, dir.resolve("o.h5"), 1))
                .isInstanceOfSatisfying(InvalidSetting.class, e -> {
                    assertThat(e.setting()).isEqualTo("perCategory");
                    assertThat(e.detail()).isEqualTo("must be >= 1, got 0");
                });
        Path out = dir.resolve("big.h5");
        Recorder recorder = new Recorder();
        assertThatThrownBy(() -> Augment.run(new Augment.Request(dataset(), Integer.MAX_VALUE, out, 1), recorder))
                .isInstanceOfSatisfying(InvalidSetting.class, e -> {
                    assertThat(e.setting()).isEqualTo("perCategory");
                    assertThat(e.detail()).startsWith(Integer.MAX_VALUE + " needs about ").contains("MB of memory");
                });
        assertThat(out).doesNotExist();
        assertThat(recorder.started).isEmpty();
        assertThatThrownBy(() -> new Augment.PreviewRequest(dir.resolve("d.h5"), 0, 1, dir))
                .isInstanceOfSatisfying(InvalidSetting.class, e -> assertThat(e.setting()).isEqualTo("count"));
    }

    @Test
    void previewWritesOneSheet() throws Exception {
        Path folder = dir.resolve("p");
        Augment.Preview preview = Augment.preview(new Augment.PreviewRequest(dataset(), 2, 3, folder));
        assertThat(preview.file()).isEqualTo(folder.resolve(Augment.PREVIEW)).isNotEmptyFile();
        assertThat(preview.samples()).isEqualTo(2);
        try (var files = Files.list(folder)) {
            assertThat(files.toList()).containsExactly(preview.file());
        }
    }
}
