package org.xnet.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.XNetException;
import org.xnet.eval.EvalJson;
import org.xnet.eval.EvaluationResult;
import org.xnet.io.DatasetFile;
import org.xnet.model.ModelSpec;
import org.xnet.model.PrecisionRequest;
import org.xnet.model.RuntimeRequest;
import org.xnet.report.BenchmarkReport;
import org.xnet.report.BenchmarkRow;
import org.xnet.report.TrainingLog;
import org.xnet.testutil.PhantomData;
import org.xnet.train.TrainConfig;

/** The benchmark end to end with tiny models on phantom data: trains, evaluates, times and tabulates. */
class BenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void tinyXNetAndUNetAreTrainedEvaluatedTimedAndTabulated() throws Exception {
        Path data = dir.resolve("data.h5");
        DatasetFile.write(PhantomData.dataset(16, 12, 4, 3, 7), data);
        TrainConfig base = TrainConfig.defaults().with(Map.of("no_epochs", 2, "batch_size", 4, "lrate", 0.01,
                "optimizer", "adam", "augmentation", "none", "seed", 3));
        Path out = dir.resolve("bench");
        List<String> stages = new ArrayList<>();
        List<BenchmarkRow> rows = Benchmark.run(new Benchmark.Request(data, List.of(Benchmark.Candidate.XNET,
                Benchmark.Candidate.UNET), base, List.of(2, 4, 4, 8), 1, 2, out, RuntimeRequest.of(PrecisionRequest.FP32), false), new StageListener() {
                    @Override
                    public void stage(int number, String description) {
                        stages.add(number + " " + description);
                    }
                }, new AtomicBoolean(), List.of());

        assertThat(stages).hasSize(2 * Benchmark.STAGES_PER_MODEL);
        assertThat(stages.get(0)).startsWith("1 xnet: training [2, 4, 4, 8]");
        assertThat(stages.get(3)).startsWith("4 unet: training [2, 4, 4, 8, 16]");
        assertThat(rows).extracting(BenchmarkRow::model).containsExactly("xnet", "unet");
        for (BenchmarkRow row : rows) {
            // the table holds what the model's own evaluation found
            EvaluationResult own = EvalJson.read(out.resolve(row.model()).resolve("report/results.json"),
                    EvaluationResult.class);
            assertThat(row.prediction()).isEqualTo(own.prediction());
            assertThat(row.prediction().pixels()).isEqualTo(3 * 16 * 16);
            assertThat(row.postProcessed()).isEqualTo(own.variants().get(own.variants().size() - 1).overall());
            assertThat(row.parameters()).isEqualTo(own.trainableParameters()).isPositive();
            assertThat(row.epochs()).isEqualTo(2);
            assertThat(row.auc()).hasSize(3).allMatch(a -> a >= 0 && a <= 1);
            assertThat(row.msPerStep()).isPositive();
            assertThat(row.msPerImage()).isPositive();
            assertThat(row.stepBatch()).isEqualTo(4);
            assertThat(TrainingLog.read(out.resolve(row.trainingLog())).epochs()).hasSize(2);
            assertThat(out.resolve(row.report())).exists();
        }
        assertThat(rows.get(1).parameters()).isGreaterThan(rows.get(0).parameters());
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertThat(rows).allMatch(r -> r.peakRssMiB() > 0);
        }
        String md = Files.readString(out.resolve(BenchmarkReport.MARKDOWN));
        assertThat(md).contains("| xnet | none | ", "| unet | yes | ", "![learning curves](learning-curves.png)");
        assertThat(out.resolve(BenchmarkReport.HTML)).content().contains("<td>unet</td>", "data:image/png;base64,");
        assertThat(out.resolve(BenchmarkReport.CURVES)).isNotEmptyFile();
        assertThat(out.resolve(BenchmarkReport.JSON)).content().contains("\"model\" : \"unet\"");
    }

    @Test
    void datasetWithoutTestImagesIsRejected() throws Exception {
        Path data = dir.resolve("no-test.h5");
        DatasetFile.write(PhantomData.dataset(16, 4, 2, 0, 7), data);
        assertThatThrownBy(() -> Benchmark.run(new Benchmark.Request(data, List.of(Benchmark.Candidate.SEGNET),
                TrainConfig.defaults(), List.of(), 1, 1, dir.resolve("out"), RuntimeRequest.of(PrecisionRequest.FP32), false), null, new AtomicBoolean(), List.of()))
                .isInstanceOf(XNetException.class).hasMessageContaining("no-test.h5 has no test images");
    }

    /** The NaN comes from the arithmetic (plain SGD at a learning rate of 1e30), not the data, which would be refused on reading. */
    @Test
    void aNanLossStopsTheBenchmarkAtTheTrainingStage() throws Exception {
        Path data = dir.resolve("tiny.h5");
        DatasetFile.write(PhantomData.dataset(16, 8, 4, 2, 7), data);
        TrainConfig base = TrainConfig.defaults().with(Map.of("no_epochs", 2, "batch_size", 8, "augmentation", "none",
                "duplicate", false, "optimizer", "sgd", "lrate", 1e30));
        List<String> stages = new ArrayList<>();
        StageListener listener = new StageListener() {
            @Override
            public void stage(int number, String description) {
                stages.add(description);
            }
        };
        Path out = dir.resolve("bench");
        assertThatThrownBy(() -> Benchmark.run(new Benchmark.Request(data, List.of(Benchmark.Candidate.SEGNET,
                Benchmark.Candidate.XNET), base, List.of(2, 4, 4, 8), 1, 1, out, RuntimeRequest.AUTO, false), listener,
                new AtomicBoolean(), List.of()))
                .isInstanceOf(XNetException.class)
                .hasMessageStartingWith("training stopped after epoch 1: the validation loss is NaN");
        assertThat(stages).hasSize(1).first().asString().startsWith("segnet: training");
        assertThat(out.resolve(BenchmarkReport.MARKDOWN)).doesNotExist();
    }

    @Test
    void theSharedSettingsTakeTheBudgetAndSeedGiven() {
        TrainConfig base = TrainConfig.defaults();
        assertThat(Benchmark.sharedSettings(base, null, null, null)).isEqualTo(base);
        TrainConfig epochs = Benchmark.sharedSettings(base, 7, null, 3L);
        assertThat(epochs.noEpochs()).isEqualTo(7);
        assertThat(epochs.maxMinutes()).isZero();
        assertThat(epochs.seed()).isEqualTo(3);
        TrainConfig minutes = Benchmark.sharedSettings(base, null, 2.5, null);
        assertThat(minutes.noEpochs()).as("the minutes alone bound it").isEqualTo(Benchmark.UNBOUNDED_EPOCHS);
        assertThat(minutes.maxMinutes()).isEqualTo(2.5);
        assertThat(Benchmark.sharedSettings(base, 4, 2.5, null).noEpochs()).isEqualTo(4);
        assertThatThrownBy(() -> Benchmark.sharedSettings(base, null, -1.0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_minutes must be >= 0");
    }

    @Test
    void aNonEmptyOutputFolderIsRefusedBeforeAnyWorkUnlessOverwritten() throws Exception {
        Path out = Files.createDirectories(dir.resolve("earlier"));
        Files.writeString(out.resolve("notes.txt"), "x");
        Path data = dir.resolve("none.h5");
        for (boolean overwrite : new boolean[] {false, true}) {
            Benchmark.Request request = new Benchmark.Request(data, List.of(Benchmark.Candidate.SEGNET),
                    TrainConfig.defaults(), List.of(), 1, 1, out, RuntimeRequest.AUTO, overwrite);
            assertThatThrownBy(() -> Benchmark.run(request, null, new AtomicBoolean(), List.of()))
                    .isInstanceOf(XNetException.class)
                    .hasMessageContaining(overwrite ? "none.h5" : out + " is not empty: choose another --out or add "
                            + "--overwrite");
        }
        assertThat(out.resolve("notes.txt")).hasContent("x");
    }

    @Test
    void candidatesParseAndDeriveTheirFilters() {
        assertThat(Benchmark.Candidate.parse(" XNet-Shared ")).isEqualTo(Benchmark.Candidate.XNET_SHARED);
        assertThatThrownBy(() -> Benchmark.Candidate.parse("resnet")).hasMessageContaining("resnet")
                .hasMessageContaining("xnet-shared");
        assertThat(Benchmark.Candidate.UNET.filters(List.of(8, 16, 32, 64))).containsExactly(8, 16, 32, 64, 128);
        assertThat(Benchmark.Candidate.SEGNET.filters(List.of(8, 16, 32, 64, 128))).containsExactly(8, 16, 32, 64);
        assertThat(Benchmark.Candidate.XNET.filters(List.of(8))).containsExactly(8, 16, 32, 64);
        assertThat(Benchmark.Candidate.UNET.filters(List.of())).isEqualTo(ModelSpec.unet().filters());
        assertThatThrownBy(() -> new Benchmark.Request(Path.of("d.h5"), List.of(Benchmark.Candidate.XNET,
                Benchmark.Candidate.XNET), TrainConfig.defaults(), List.of(), 1, 1, Path.of("o"), RuntimeRequest.of(PrecisionRequest.FP32), false))
                .hasMessageContaining("named twice");
    }
}
