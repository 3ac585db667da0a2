package org.xnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.XNetException;
import org.xnet.io.DatasetFile;
import org.xnet.model.LoadedModel;
import org.xnet.model.ModelFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** A tiny XNet trained end to end from a dataset file into a run folder. */
class TrainingJobTest {
    @TempDir
    static Path shared;
    static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeDataset() throws XNetException {
        data = shared.resolve("tiny.h5");
        DatasetFile.write(TinySegData.dataset(16, 48, 8, 21), data);
    }

    static TrainConfig tinyXNet(int epochs) {
        return TrainConfig.defaults().with(Map.of("name", "tiny", "filters", List.of(4, 8, 8, 16), "batch_size", 2,
                "no_epochs", epochs, "lrate", 0.02, "optimizer", "adam", "augmentation", "none", "seed", 9));
    }

    @Test
    void tinyXNetLearnsAndTheBestModelFileLoads() throws Exception {
        Path out = dir.resolve("run");
        RunFolder.Result r = TrainingJob.run(new TrainingJob.Request(tinyXNet(10), data, out, false, false, false),
                new AtomicBoolean());
        List<EpochRow> rows = new RunFolder(out).readLog();
        assertThat(rows).hasSize(10);
        assertThat(r.bestValLoss()).isLessThan(rows.get(0).valLoss() * 0.5);
        assertThat(r.bestValAcc()).isGreaterThanOrEqualTo(0.90);
        try (NDManager m = NDManager.newBaseManager()) {
            LoadedModel model = ModelFile.load(out.resolve("tiny.xnet"), m);
            assertThat(model.metadata().spec()).isEqualTo(tinyXNet(10).modelSpec());
            assertThat(model.metadata().provenance().datasetSha256()).isEqualTo(DatasetFile.sha256(data));
            assertThat(model.metadata().provenance().seed()).isEqualTo(9);
            assertThat(model.metadata().metadata()).containsEntry("epoch", Integer.toString(r.bestEpoch()));
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "config.json", "provenance.json", "log.csv", "checkpoint.zip", "tiny.xnet", "result.json");
        }
        assertThatThrownBy(() -> TrainingJob.run(new TrainingJob.Request(tinyXNet(10), data, out, false, false, false),
                new AtomicBoolean())).isInstanceOf(XNetException.class).hasMessageContaining("--overwrite");
        assertThatThrownBy(() -> TrainingJob.run(new TrainingJob.Request(null, null, out, true, false, false),
                new AtomicBoolean())).isInstanceOf(XNetException.class).hasMessageContaining("finished");
    }

    @Test
    void sweepRunsEveryCombinationAndSkipsFinishedRunsOnRestart() throws Exception {
        SweepGrid grid = new SweepGrid(List.of(0.01, 0.02), null, null, null, null, List.of("ce", "jaccard"),
                Map.of("no_epochs", 1));
        Path out = dir.resolve("sweep");
        List<Sweep.Row> rows = Sweep.run(grid, tinyXNet(1), data, out, false, new AtomicBoolean());
        assertThat(rows).hasSize(4);
        assertThat(rows).isSortedAccordingTo((a, b) -> Double.compare(a.result().bestValLoss(), b.result().bestValLoss()));
        assertThat(Files.readAllLines(out.resolve(Sweep.SUMMARY_CSV))).hasSize(5);
        Path firstLog = out.resolve(rows.get(0).run()).resolve(RunFolder.LOG);
        String before = Files.readString(firstLog);
        List<Sweep.Row> again = Sweep.run(grid, tinyXNet(1), data, out, false, new AtomicBoolean());
        assertThat(again).isEqualTo(rows);
        assertThat(Files.readString(firstLog)).isEqualTo(before);
    }
}
