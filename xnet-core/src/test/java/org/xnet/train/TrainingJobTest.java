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
import org.xnet.model.MemoryLayout;
import org.xnet.model.ModelFile;
import org.xnet.model.Precision;
import org.xnet.model.PrecisionRequest;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.RuntimeRequest;
import org.xnet.core.Provenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        RunFolder.Result r = TrainingJob.run(new TrainingJob.Request(tinyXNet(10), data, out, false, false),
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
        assertThatThrownBy(() -> TrainingJob.run(new TrainingJob.Request(tinyXNet(10), data, out, false, false),
                new AtomicBoolean())).isInstanceOf(XNetException.class).hasMessageContaining("--overwrite");
        assertThatThrownBy(() -> TrainingJob.run(new TrainingJob.Request(null, null, out, true, false),
                new AtomicBoolean())).isInstanceOf(XNetException.class).hasMessageContaining("finished");
    }

    @Test
    void onTheFlyRunInterruptedAndResumedEndsLikeAnUninterruptedOne() throws Exception {
        TrainConfig cfg = tinyXNet(3).with(Map.of("augmentation", "on-the-fly", "batch_size", 8, "duplicate", true));
        Path straight = dir.resolve("straight");
        TrainingJob.run(new TrainingJob.Request(cfg, data, straight, false, false), new AtomicBoolean());
        Path resumed = dir.resolve("resumed");
        AtomicBoolean stop = new AtomicBoolean();
        // A watcher raises the stop flag (as Ctrl-C does) once epoch 1 is in the log; the trainer stops at
        // its next step boundary, somewhere in epoch 2 (or, if it was that fast, later).
        Thread watcher = new Thread(() -> {
            while (!stop.get()) {
                try {
                    Path log = resumed.resolve(RunFolder.LOG);
                    if (Files.exists(log) && Files.readAllLines(log).size() > 1) {
                        stop.set(true);
                    }
                    Thread.sleep(5);
                } catch (Exception e) {
                    return;
                }
            }
        });
        watcher.start();
        RunFolder.Result first = TrainingJob.run(new TrainingJob.Request(cfg, data, resumed, false, false), stop);
        watcher.join();
        assertThat(first.stopReason()).isEqualTo(StopReason.INTERRUPTED);
        assertThat(first.completedEpochs()).isBetween(1, 2);
        // what a SIGKILL during an atomic write leaves behind; a user's own file stays
        Files.writeString(resumed.resolve(".checkpoint.zip.k1.tmp"), "half");
        Files.writeString(resumed.resolve(".tiny.xnet.k2.tmp"), "half");
        Files.writeString(resumed.resolve("notes.tmp"), "mine");
        RunFolder.Result end = TrainingJob.run(new TrainingJob.Request(null, null, resumed, true, false),
                new AtomicBoolean());
        try (var files = Files.list(resumed)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("config.json",
                    "provenance.json", "log.csv", "checkpoint.zip", "tiny.xnet", "result.json", "notes.tmp");
        }
        assertThat(end.stopReason()).isEqualTo(StopReason.FINISHED);
        List<EpochRow> a = new RunFolder(straight).readLog();
        List<EpochRow> b = new RunFolder(resumed).readLog();
        assertThat(b).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(List.of(b.get(i).loss(), b.get(i).acc(), b.get(i).valLoss(), b.get(i).valAcc()))
                    .as("epoch %d", i + 1)
                    .containsExactly(a.get(i).loss(), a.get(i).acc(), a.get(i).valLoss(), a.get(i).valAcc());
        }
        try (NDManager m = NDManager.newBaseManager()) {
            var x = ModelFile.load(straight.resolve("tiny.xnet"), m).network().getParameters();
            var y = ModelFile.load(resumed.resolve("tiny.xnet"), m).network().getParameters();
            for (int i = 0; i < x.size(); i++) {
                assertThat(y.get(i).getValue().getArray().toFloatArray()).as(x.get(i).getKey())
                        .containsExactly(x.get(i).getValue().getArray().toFloatArray());
            }
        }
    }

    @Test
    void sweepRunsEveryCombinationAndSkipsFinishedRunsOnRestart() throws Exception {
        SweepGrid grid = new SweepGrid(List.of(0.01, 0.02), null, null, null, null, List.of("ce", "jaccard"),
                Map.of("no_epochs", 1));
        Path out = dir.resolve("sweep");
        List<Sweep.Row> rows = Sweep.run(grid, "grid", tinyXNet(1), data, out, RuntimeRequest.AUTO, List.of(), new AtomicBoolean());
        assertThat(rows).hasSize(4);
        assertThat(rows).isSortedAccordingTo((a, b) -> Double.compare(a.result().bestValLoss(), b.result().bestValLoss()));
        assertThat(Files.readAllLines(out.resolve(Sweep.SUMMARY_CSV))).hasSize(5);
        for (Sweep.Row row : rows) {
            // the summary's settings are the run folder's own config.json (where the run was written)
            assertThat(row.config()).isEqualTo(new RunFolder(out.resolve(row.run())).readConfig());
            assertThat(row.config().saveFolder()).isEqualTo(out.resolve(row.run()).toAbsolutePath().toString());
        }
        Path firstLog = out.resolve(rows.get(0).run()).resolve(RunFolder.LOG);
        String before = Files.readString(firstLog);
        List<Sweep.Row> again = Sweep.run(grid, "grid", tinyXNet(1), data, out, RuntimeRequest.AUTO, List.of(), new AtomicBoolean());
        assertThat(again).isEqualTo(rows);
        assertThat(Files.readString(firstLog)).isEqualTo(before);
    }

    @Test
    void sweepRefusesFinishedRunsMadeWithOtherSettingsOrData() throws Exception {
        SweepGrid grid = new SweepGrid(List.of(0.01), null, null, null, null, null, Map.of("no_epochs", 1));
        Path out = dir.resolve("sweep");
        List<Sweep.Row> rows = Sweep.run(grid, "grid", tinyXNet(1), data, out, RuntimeRequest.AUTO, List.of(), new AtomicBoolean());
        Path log = out.resolve(rows.get(0).run()).resolve(RunFolder.LOG);
        String before = Files.readString(log);
        SweepGrid changed = new SweepGrid(List.of(0.01), null, null, null, null, null,
                Map.of("no_epochs", 1, "optimizer", "sgd", "seed", 77));
        assertThatThrownBy(() -> Sweep.run(changed, "grid", tinyXNet(1), data, out, RuntimeRequest.AUTO, List.of(), new AtomicBoolean()))
                .isInstanceOf(XNetException.class).hasMessageContaining(rows.get(0).run())
                .hasMessageContaining("optimizer: \"adam\" vs \"sgd\"").hasMessageContaining("seed: 9 vs 77");
        Path other = dir.resolve("other.h5");
        DatasetFile.write(TinySegData.dataset(16, 48, 8, 22), other);
        assertThatThrownBy(() -> Sweep.run(grid, "grid", tinyXNet(1), other, out, RuntimeRequest.AUTO, List.of(), new AtomicBoolean()))
                .isInstanceOf(XNetException.class).hasMessageContaining(rows.get(0).run())
                .hasMessageContaining(DatasetFile.sha256(other)).hasMessageContaining("another dataset");
        assertThat(Files.readString(log)).isEqualTo(before);
    }

    @Test
    void sweepValidatesEveryGridPointBeforeWritingAnything() throws Exception {
        Path out = dir.resolve("sweep");
        // the first combination is fine, the second has a filter list XNet cannot use
        SweepGrid bad = new SweepGrid(null, null, null, null, List.of(List.of(4, 8, 8, 16), List.of(4, 8)), null,
                Map.of("no_epochs", 1));
        assertThatThrownBy(() -> Sweep.run(bad, "grid.json", tinyXNet(1), data, out, RuntimeRequest.AUTO, List.of(), new AtomicBoolean()))
                .isInstanceOf(XNetException.class).hasMessageContaining("grid.json").hasMessageContaining("combination 2 of 2")
                .hasMessageContaining("xnet needs 4 filter depths, got 2");
        SweepGrid same = new SweepGrid(null, null, null, null, List.of(List.of(4, 8, 8, 16, 32), List.of(4, 8, 8, 16, 64)),
                null, Map.of("no_epochs", 1));
        assertThatThrownBy(() -> Sweep.run(same, "grid.json", tinyXNet(1), data, out, RuntimeRequest.AUTO, List.of(), new AtomicBoolean()))
                .isInstanceOf(XNetException.class).hasMessageContaining("combinations 1 and 2 are the same run");
        SweepGrid badBase = new SweepGrid(List.of(0.01), null, null, null, null, null, Map.of("kernel_size", 4));
        assertThatThrownBy(() -> Sweep.run(badBase, "grid.json", tinyXNet(1), data, out, RuntimeRequest.AUTO, List.of(), new AtomicBoolean()))
                .isInstanceOf(XNetException.class).hasMessageContaining("grid.json: base").hasMessageContaining("kernel_size");
        assertThat(out).doesNotExist();
    }

    @Test
    void aTimeBudgetStopsBeforeTheNextEpochOnceSpent() throws Exception {
        Path out = dir.resolve("budget");
        TrainConfig cfg = tinyXNet(50).with(Map.of("max_minutes", 1e-9));
        RunFolder.Result r = TrainingJob.run(new TrainingJob.Request(cfg, data, out, false, false),
                new AtomicBoolean());
        assertThat(r.stopReason()).isEqualTo(StopReason.TIME_BUDGET);
        assertThat(r.completedEpochs()).isEqualTo(1);
        assertThat(new RunFolder(out).readLog()).hasSize(1);
        assertThatThrownBy(() -> tinyXNet(1).with(Map.of("max_minutes", -1)))
                .hasMessageContaining("max_minutes must be >= 0");
    }

    @Test
    void aResumedRunKeepsItsArithmetic() throws Exception {
        RunFolder folder = new RunFolder(dir.resolve("run"));
        RuntimeOptions fp32Nchw = RuntimeOptions.FP32_NCHW;
        Provenance started = Provenance.now(1, "sha", Map.of(TrainingJob.ARITHMETIC, fp32Nchw.describe()));
        // precision and layout as recorded; threads as this process's engine runs (tests: 1)
        assertThat(TrainingJob.resumedArithmetic(started, RuntimeRequest.AUTO, folder).describe())
                .isEqualTo(fp32Nchw.describe());
        assertThat(TrainingJob.resumedArithmetic(started, RuntimeRequest.of(PrecisionRequest.FP32), folder).describe())
                .isEqualTo(fp32Nchw.describe());
        assertThatThrownBy(() -> TrainingJob.resumedArithmetic(started, new RuntimeRequest(PrecisionRequest.AUTO,
                Optional.of(MemoryLayout.CHANNELS_LAST)), folder)).isInstanceOf(XNetException.class)
                .hasMessage(folder.dir() + " was trained in fp32 nchw; --precision auto --layout channels-last would "
                        + "not continue the same run");
        Provenance garbled = Provenance.now(1, "sha", Map.of(TrainingJob.ARITHMETIC, "fp64"));
        assertThatThrownBy(() -> TrainingJob.resumedArithmetic(garbled, RuntimeRequest.AUTO, folder))
                .isInstanceOf(XNetException.class).hasMessageStartingWith(folder.resolve(RunFolder.PROVENANCE)
                        + ": arithmetic expected a precision and a memory layout");
        Provenance older = Provenance.now(1, "sha", Map.of());
        assertThat(TrainingJob.resumedArithmetic(older, RuntimeRequest.of(PrecisionRequest.FP32), folder).precision())
                .as("a run recorded before the arithmetic was: what the request resolves to")
                .isEqualTo(Precision.FP32);
    }

    /**
     * What kill -9 before the first checkpoint leaves (config and provenance, no checkpoint, no log
     * row): --resume with no options used to take the run for a new one, train in the arithmetic
     * {@code auto} resolves to (bf16 here, not the fp32 asked for) and write a new provenance.
     * It now keeps the run's provenance and arithmetic and trains what the uninterrupted run trains.
     */
    @Test
    void aRunKilledBeforeItsFirstCheckpointResumesInItsOwnArithmetic() throws Exception {
        Path out = dir.resolve("run");
        RuntimeRequest fp32Nchw = new RuntimeRequest(PrecisionRequest.FP32, Optional.of(MemoryLayout.NCHW));
        TrainingJob.run(new TrainingJob.Request(tinyXNet(1), data, out, false, false, fp32Nchw, List.of()),
                new AtomicBoolean());
        RunFolder folder = new RunFolder(out);
        List<EpochRow> uninterrupted = folder.readLog();
        for (String f : List.of(Checkpoint.FILE, RunFolder.LOG, RunFolder.RESULT, "tiny.xnet")) {
            Files.delete(folder.resolve(f));
        }
        Provenance started = folder.readJson(RunFolder.PROVENANCE, Provenance.class);
        Map<String, String> marked = new java.util.HashMap<>(started.details());
        marked.put("marker", "written when the run started");
        folder.writeJson(RunFolder.PROVENANCE, new Provenance(started.software(), started.version(), started.created(),
                started.seed(), started.datasetSha256(), marked));

        TrainingJob.run(new TrainingJob.Request(null, null, out, true, false), new AtomicBoolean());
        Provenance after = folder.readJson(RunFolder.PROVENANCE, Provenance.class);
        assertThat(after.details()).containsEntry("marker", "written when the run started")
                .containsEntry(TrainingJob.ARITHMETIC, "fp32 nchw");
        RunFolderChecks.assertPrefix(folder.readLog(), uninterrupted, folder.resolve(RunFolder.LOG));
        assertThat(folder.readLog()).hasSize(1);
    }

    /** A run writes provenance.json before config.json: one killed between the two is started afresh. */
    @Test
    void aLoneProvenanceIsNotAStartedRun() throws Exception {
        Path out = dir.resolve("run");
        Files.createDirectories(out);
        Files.writeString(out.resolve(RunFolder.PROVENANCE), "{}");
        TrainingJob.run(new TrainingJob.Request(tinyXNet(1), data, out, false, false), new AtomicBoolean());
        assertThat(new RunFolder(out).readJson(RunFolder.PROVENANCE, Provenance.class).datasetSha256())
                .isEqualTo(DatasetFile.sha256(data));
    }

    @Test
    void theProvenanceNamesTheArithmetic() throws Exception {
        Path out = dir.resolve("run");
        TrainingJob.run(new TrainingJob.Request(tinyXNet(1), data, out, false, false, new RuntimeRequest(PrecisionRequest.FP32, Optional.of(MemoryLayout.NCHW)), List.of()), new AtomicBoolean());
        Provenance p = new RunFolder(out).readJson(RunFolder.PROVENANCE, Provenance.class);
        assertThat(p.details()).containsEntry(TrainingJob.ARITHMETIC, "fp32 nchw").containsEntry("precision", "fp32")
                .containsEntry("layout", "nchw").containsEntry("threads", "1 (configured)")
                .containsKeys("engine", "djl", "cpu", "onednn", "java", "config");
    }
}
