package org.xnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xnet.core.Dataset;
import org.xnet.core.XNetException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

class TrainerTest {
    private static final Dataset DATA = TinySegData.dataset(16, 12, 4, 5);
    private static final Dataset LARGER = TinySegData.dataset(16, 32, 8, 6);

    @TempDir
    Path dir;

    private static TrainConfig config(int epochs) {
        return TrainConfig.defaults().with(Map.of("name", "tiny", "batch_size", 4, "no_epochs", epochs,
                "lrate", 0.01, "reg", 1e-4, "seed", 3, "augmentation", "none"));
    }

    /** A trainer with the run folder's standard listeners and {@code extra}. */
    private static Trainer trainer(TrainConfig cfg, RunFolder folder, AtomicBoolean stop, TrainingListener extra) {
        List<TrainingListener> listeners = new java.util.ArrayList<>(Trainer.standardListeners(cfg, folder));
        listeners.add(extra);
        return new Trainer(cfg, folder, stop, listeners);
    }

    private static final class Run {
        RunFolder.Result result;
        byte[] weights;
        List<EpochRow> rows;
        int bestSaves;
    }

    private Run train(Path out, TrainConfig cfg, boolean resume, AtomicBoolean stop, int stopAfterSteps)
            throws XNetException, IOException {
        return train(out, cfg, resume, stop, stopAfterSteps, DATA);
    }

    private Run train(Path out, TrainConfig cfg, boolean resume, AtomicBoolean stop, int stopAfterSteps, Dataset data)
            throws XNetException, IOException {
        RunFolder folder = new RunFolder(out);
        if (!resume) {
            folder.prepareFresh(false, cfg.modelPath());
        }
        Run run = new Run();
        AtomicInteger steps = new AtomicInteger();
        try (TrainableNet net = new TrainableNet("tiny", TinySegData.tinyNet(), 16, cfg.seed())) {
            Trainer trainer = trainer(cfg, folder, stop, new TrainingListener() {
                @Override
                public void onBestModel(TrainableNet n, EpochRow row) {
                    run.bestSaves++;
                }

                @Override
                public void onStep(Step step) {
                    if (steps.incrementAndGet() == stopAfterSteps) {
                        stop.set(true);
                    }
                }
            });
            run.result = trainer.run(net, new ShuffledBatches(data.train(), cfg.batchSize(), cfg.seed(), true),
                    new ShuffledBatches(data.validation(), cfg.batchSize(), cfg.seed(), false), resume);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            net.saveWeights(new DataOutputStream(bytes));
            run.weights = bytes.toByteArray();
        }
        run.rows = folder.readLog();
        return run;
    }

    @Test
    void tinyNetLearnsTheSyntheticTask() throws Exception {
        Run run = train(dir.resolve("a"), config(10).with(Map.of("optimizer", "adam", "lrate", 0.02)), false,
                new AtomicBoolean(), -1, LARGER);
        assertThat(run.result.stopReason()).isEqualTo(StopReason.FINISHED);
        assertThat(run.rows).hasSize(10);
        assertThat(run.rows.get(9).valLoss()).isLessThan(run.rows.get(0).valLoss() * 0.5);
        assertThat(run.result.bestValAcc()).isGreaterThanOrEqualTo(0.90);
        assertThat(run.bestSaves).isGreaterThan(1);
        assertThat(new RunFolder(dir.resolve("a")).readResult()).isEqualTo(run.result);
    }

    @Test
    void sameSeedGivesTheSameLossCurve() throws Exception {
        Run a = train(dir.resolve("a"), config(3), false, new AtomicBoolean(), -1);
        Run b = train(dir.resolve("b"), config(3), false, new AtomicBoolean(), -1);
        assertThat(losses(b.rows)).containsExactlyElementsOf(losses(a.rows));
        assertThat(b.weights).isEqualTo(a.weights);
    }

    /** 3 steps per epoch: stop inside epoch 1 (the batch-norm start values come out at its end), at the end of epoch 2, or inside epoch 3. */
    @ParameterizedTest
    @ValueSource(ints = {1, 6, 8})
    void resumeAfterInterruptEqualsAnUninterruptedRun(int stopAfterSteps) throws Exception {
        Run straight = train(dir.resolve("straight"), config(4), false, new AtomicBoolean(), -1);
        Run interrupted = train(dir.resolve("resumed"), config(4), false, new AtomicBoolean(), stopAfterSteps);
        int epochsDone = stopAfterSteps / 3;
        int stepsIntoNext = stopAfterSteps % 3;
        assertThat(interrupted.result.stopReason()).isEqualTo(StopReason.INTERRUPTED);
        assertThat(interrupted.result.completedEpochs()).isEqualTo(epochsDone);
        assertThat(interrupted.rows).hasSize(epochsDone);
        assertThat(Files.exists(dir.resolve("resumed").resolve(RunFolder.RESULT))).isFalse();
        Checkpoint.State saved = Checkpoint.readState(dir.resolve("resumed").resolve(Checkpoint.FILE));
        assertThat(saved.completedEpochs()).isEqualTo(epochsDone);
        assertThat(saved.epoch().steps()).isEqualTo(stepsIntoNext);
        assertThat(saved.epoch().images()).isEqualTo(4L * stepsIntoNext);
        Run resumed = train(dir.resolve("resumed"), config(4), true, new AtomicBoolean(), -1);
        assertThat(resumed.result.stopReason()).isEqualTo(StopReason.FINISHED);
        assertThat(losses(resumed.rows)).containsExactlyElementsOf(losses(straight.rows));
        assertThat(resumed.weights).isEqualTo(straight.weights);
    }

    @Test
    void twoInterruptionsInOneEpochStillEqualAnUninterruptedRun() throws Exception {
        Run straight = train(dir.resolve("straight"), config(2), false, new AtomicBoolean(), -1);
        train(dir.resolve("resumed"), config(2), false, new AtomicBoolean(), 1);
        train(dir.resolve("resumed"), config(2), true, new AtomicBoolean(), 1);
        Checkpoint.State saved = Checkpoint.readState(dir.resolve("resumed").resolve(Checkpoint.FILE));
        assertThat(saved.completedEpochs()).isZero();
        assertThat(saved.epoch().steps()).isEqualTo(2);
        Run resumed = train(dir.resolve("resumed"), config(2), true, new AtomicBoolean(), -1);
        assertThat(losses(resumed.rows)).containsExactlyElementsOf(losses(straight.rows));
        assertThat(resumed.weights).isEqualTo(straight.weights);
    }

    @Test
    void earlyStoppingEndsARunThatStopsImproving() throws Exception {
        TrainConfig cfg = config(30).with(Map.of("patience", 1, "lrate", 5.0, "optimizer", "sgd"));
        Run run = train(dir.resolve("a"), cfg, false, new AtomicBoolean(), -1);
        assertThat(run.result.stopReason()).isEqualTo(StopReason.EARLY_STOP);
        assertThat(run.result.completedEpochs()).isEqualTo(run.result.bestEpoch() + 1).isLessThan(30);
    }

    @Test
    void refusesToOverwriteAFinishedRun() throws Exception {
        train(dir.resolve("a"), config(1), false, new AtomicBoolean(), -1);
        RunFolder folder = new RunFolder(dir.resolve("a"));
        assertThat(folder.isFinished()).isTrue();
        assertThatThrownBy(() -> folder.prepareFresh(false, "tiny.xnet")).isInstanceOf(XNetException.class)
                .hasMessageContaining("finished").hasMessageContaining("--overwrite");
        folder.prepareFresh(true, "tiny.xnet");
        assertThat(folder.isFinished()).isFalse();
    }

    @Test
    void theLogCountsTheTimeTheTrainerWaitsForBatches() throws Exception {
        TrainConfig cfg = config(1);
        RunFolder folder = new RunFolder(dir.resolve("slow"));
        folder.prepareFresh(false, cfg.modelPath());
        BatchSource fast = new ShuffledBatches(DATA.train(), cfg.batchSize(), cfg.seed(), true);
        BatchSource slow = new BatchSource() {
            @Override
            public java.util.Iterator<SegBatch> epoch(int epoch) {
                java.util.Iterator<SegBatch> it = fast.epoch(epoch);
                return new java.util.Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public SegBatch next() {
                        try {
                            Thread.sleep(40);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return it.next();
                    }
                };
            }

            @Override
            public int batchesPerEpoch() {
                return fast.batchesPerEpoch();
            }
        };
        try (TrainableNet net = new TrainableNet("tiny", TinySegData.tinyNet(), 16, cfg.seed())) {
            trainer(cfg, folder, new AtomicBoolean(), new TrainingListener() { }).run(net, slow,
                    new ShuffledBatches(DATA.validation(), cfg.batchSize(), cfg.seed(), false), false);
        }
        EpochRow row = folder.readLog().get(0);
        assertThat(row.dataWaitSeconds()).as("3 batches, each 40 ms late").isGreaterThanOrEqualTo(0.12)
                .isLessThan(row.seconds());
        assertThat(Files.readAllLines(folder.resolve("log.csv")).get(0)).endsWith(",time,data_wait");
    }

    /** 3 steps per epoch; after step 4 (epoch 2, step 1) a weight becomes NaN, so step 2 of epoch 2 fails. */
    @Test
    void aNanLossStopsTheRunNamingEpochAndStepAndKeepsTheLastGoodFiles() throws Exception {
        TrainConfig cfg = config(3);
        RunFolder folder = new RunFolder(dir.resolve("nan"));
        folder.prepareFresh(false, cfg.modelPath());
        AtomicInteger steps = new AtomicInteger();
        AtomicInteger saves = new AtomicInteger();
        try (TrainableNet net = new TrainableNet("tiny", TinySegData.tinyNet(), 16, cfg.seed())) {
            Trainer trainer = trainer(cfg, folder, new AtomicBoolean(), new TrainingListener() {
                @Override
                public void onBestModel(TrainableNet n, EpochRow row) {
                    saves.incrementAndGet();
                }

                @Override
                public void onStep(Step step) {
                    if (steps.incrementAndGet() == 4) {
                        ai.djl.ndarray.NDArray w = net.block().getParameters().valueAt(0).getArray();
                        w.set(java.nio.FloatBuffer.wrap(nanFilled(w.size())));
                    }
                }
            });
            assertThatThrownBy(() -> trainer.run(net, new ShuffledBatches(DATA.train(), 4, cfg.seed(), true),
                    new ShuffledBatches(DATA.validation(), 4, cfg.seed(), false), false))
                    .isInstanceOf(XNetException.class)
                    .hasMessageStartingWith("training stopped at epoch 2, step 2 of 3: the loss is NaN (")
                    .hasMessageEndingWith("kept: the checkpoint of epoch 1 (" + folder.resolve(Checkpoint.FILE)
                            + "), the best model " + folder.resolve(cfg.modelPath()) + " (epoch 1)");
        }
        assertThat(steps).as("no step after the failing one").hasValue(4);
        assertThat(saves).hasValue(1);
        assertThat(folder.readLog()).hasSize(1);
        assertThat(Checkpoint.readState(folder.resolve(Checkpoint.FILE)).completedEpochs()).isEqualTo(1);
        assertThat(folder.isFinished()).as("no result.json").isFalse();
    }

    @Test
    void aNonFinitePixelStopsTheFirstStepWithNothingWritten() throws Exception {
        TrainConfig cfg = config(2);
        List<org.xnet.core.Sample> train = org.xnet.testutil.PhantomData.withTrainingPixel(DATA, 7,
                Float.POSITIVE_INFINITY).train();
        RunFolder folder = new RunFolder(dir.resolve("inf"));
        folder.prepareFresh(false, cfg.modelPath());
        try (TrainableNet net = new TrainableNet("tiny", TinySegData.tinyNet(), 16, cfg.seed())) {
            Trainer trainer = trainer(cfg, folder, new AtomicBoolean(), new TrainingListener() { });
            assertThatThrownBy(() -> trainer.run(net, new ShuffledBatches(train, 12, cfg.seed(), true),
                    new ShuffledBatches(DATA.validation(), 4, cfg.seed(), false), false))
                    .isInstanceOf(XNetException.class)
                    .hasMessageStartingWith("training stopped at epoch 1, step 1 of 1: the loss is NaN")
                    .hasMessageEndingWith("kept: no checkpoint, no model file (none was written)");
        }
        assertThat(folder.hasCheckpoint()).isFalse();
        assertThat(folder.isFinished()).isFalse();
        assertThat(Files.exists(folder.resolve(cfg.modelPath()))).isFalse();
    }

    private static float[] nanFilled(long n) {
        float[] a = new float[Math.toIntExact(n)];
        java.util.Arrays.fill(a, Float.NaN);
        return a;
    }

    @Test
    void logRowsOfEarlierVersionsWithoutTheDataWaitStillParse() {
        EpochRow old = EpochRow.parseCsv("3,0.5,0.8,0.6,0.75,12.5");
        assertThat(old.seconds()).isEqualTo(12.5);
        assertThat(old.dataWaitSeconds()).isZero();
        EpochRow row = new EpochRow(2, 0.25, 0.5, 0.125, 0.75, 3.5, 0.0625);
        assertThat(EpochRow.parseCsv(row.toCsv())).isEqualTo(row);
        assertThatThrownBy(() -> EpochRow.parseCsv("1,2,3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data_wait");
    }

    private static List<Double> losses(List<EpochRow> rows) {
        return rows.stream().flatMap(r -> List.of(r.loss(), r.acc(), r.valLoss(), r.valAcc()).stream()).toList();
    }
}
