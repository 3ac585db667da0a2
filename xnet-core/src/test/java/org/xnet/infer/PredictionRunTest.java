package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.InvalidSetting;
import org.xnet.core.Progress;
import org.xnet.io.ImageWriters;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.Workload;

/** The predict stage as one library call: inputs expanded, model loaded, every input segmented. */
class PredictionRunTest {
    @TempDir
    Path dir;

    /** What the stage tells. */
    private static final class Recorder implements Progress {
        final List<String> told = new ArrayList<>();

        @Override
        public void start(String task, long total) {
            told.add("started " + total);
        }

        @Override
        public void advance(long done, String item) {
            told.add(Path.of(item).getFileName().toString());
        }

        @Override
        public void warn(String message) {
            told.add("failed: " + message);
        }
    }

    @Test
    void segmentsEveryInputOfAFolderAndTellsEachOne() throws Exception {
        Path model = ModelFileRoundTripTest.tinyModelFile(dir, 32, 5);
        Path in = Files.createDirectories(dir.resolve("in"));
        ImageWriters.writeTiff16(TinyModels.smooth(40, 30, 1), in.resolve("a.tif"));
        ImageWriters.writeTiff16(TinyModels.smooth(30, 40, 2), in.resolve("b.tif"));
        Path out = dir.resolve("out");
        RuntimeOptions options = Kernels.resolve(RuntimeRequest.AUTO, Workload.INFERENCE);
        Recorder recorder = new Recorder();
        PredictionSummary summary = PredictionRun.run(new PredictionRun.Request(model, List.of(in.toString()), out,
                PredictConfig.defaults(), options), recorder);
        assertThat(summary.predicted()).isEqualTo(2);
        assertThat(summary.failures()).isEmpty();
        assertThat(recorder.told).containsExactly("started 2", "a.tif", "b.tif");
        assertThat(out.resolve("a_mask.png")).isNotEmptyFile();
        assertThat(out.resolve("b_colour.png")).isNotEmptyFile();

        Files.copy(in.resolve("a.tif"), in.resolve("A.TIFF"));
        assertThatThrownBy(() -> PredictionRun.run(new PredictionRun.Request(model, List.of(in.toString()),
                dir.resolve("out2"), PredictConfig.defaults(), options), new Recorder()))
                .isInstanceOfSatisfying(InvalidSetting.class, e -> assertThat(e.setting()).isEqualTo("inputs"))
                .hasMessageContaining("would write the same outputs");
        assertThat(dir.resolve("out2")).doesNotExist();
    }

    @Test
    void aCancelledPredictionStopsBeforeTheNextImages() throws Exception {
        Path model = ModelFileRoundTripTest.tinyModelFile(dir, 32, 5);
        Path in = Files.createDirectories(dir.resolve("in"));
        ImageWriters.writeTiff16(TinyModels.smooth(40, 30, 1), in.resolve("a.tif"));
        Path out = dir.resolve("out");
        Progress cancelled = new Progress() {
            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThatThrownBy(() -> PredictionRun.run(new PredictionRun.Request(model, List.of(in.toString()), out,
                PredictConfig.defaults(), RuntimeOptions.FP32_NCHW), cancelled))
                .isInstanceOf(Progress.Cancelled.class).hasMessage("predict cancelled after 0 of 1");
        assertThat(out.resolve("a_mask.png")).doesNotExist();
    }
}
