package org.xnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.djl.ndarray.NDArray;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.XNetException;
import org.xnet.io.DatasetFile;
import org.xnet.model.PrecisionRequest;
import org.xnet.model.RuntimeRequest;
import org.xnet.testutil.ChildXnet;

/**
 * A full disk during a checkpoint write: the write fails with one line naming the checkpoint and the
 * reason, the checkpoint written before stays as it was and loads, everything else already saved
 * stays, and no temporary file is left. Once with the failure injected into the real writer (runs
 * everywhere), once for real on a small tmpfs that the test fills while {@code xnet train} runs in
 * its own JVM (slow; needs root to mount, skipped elsewhere), after which freeing the space and
 * {@code --resume} end the run as if nothing had happened.
 */
class DiskFullTest {
    private static final String NO_SPACE = "No space left on device";

    @TempDir
    Path dir;
    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor();
        }
    }

    /** Adam whose state write fails as a full disk does, after part of it was written. */
    private static final class DiskFullsAdam extends KerasOptimizer {
        DiskFullsAdam() {
            super(0.01f, 0);
        }

        @Override
        public String name() {
            return "adam";
        }

        @Override
        protected int slotCount() {
            return 2;
        }

        @Override
        protected void apply(NDArray weight, NDArray grad, NDArray[] slots, float lr, long iteration) {
            throw new UnsupportedOperationException("never trained");
        }

        @Override
        public void save(DataOutputStream out) throws IOException {
            out.write(new byte[10_000]);
            throw new IOException(NO_SPACE);
        }
    }

    @Test
    void aFailedCheckpointWriteLeavesTheEarlierCheckpointAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve(Checkpoint.FILE);
        Checkpoint.State earlier = new Checkpoint.State(1, 0.5, 1, 0, List.of(new EpochRow(1, 0.7, 0.6, 0.5, 0.55, 1, 0)),
                EpochProgress.NONE);
        try (TrainableNet net = new TrainableNet("t", TinySegData.tinyNet(), 8, 3)) {
            Checkpoint.write(file, earlier, net, new KerasAdam(0.01f, 0));
        }
        byte[] before = Files.readAllBytes(file);
        try (TrainableNet net = new TrainableNet("t", TinySegData.tinyNet(), 8, 4)) {
            Checkpoint.State later = new Checkpoint.State(2, 0.4, 2, 0, List.of(earlier.rows().get(0),
                    new EpochRow(2, 0.6, 0.7, 0.4, 0.6, 1, 0)), EpochProgress.NONE);
            assertThatThrownBy(() -> Checkpoint.write(file, later, net, new DiskFullsAdam()))
                    .isInstanceOf(XNetException.class).hasMessage("cannot write " + file + ": " + NO_SPACE);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (TrainableNet net = new TrainableNet("t", TinySegData.tinyNet(), 8, 5)) {
            assertThat(Checkpoint.read(file, net, new KerasAdam(0.01f, 0))).isEqualTo(earlier);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(Checkpoint.FILE);
        }
    }

    @Test
    @Tag("slow")
    void onAFullTmpfsTrainingStopsWithOneLineAndResumesOnceThereIsSpace() throws Exception {
        Path fs = Files.createDirectories(dir.resolve("fs"));
        int mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", fs.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        assumeThat(mount).as("mounting a tmpfs (needs root)").isZero();
        mounted = fs;
        Path data = dir.resolve("tiny.h5");
        DatasetFile.write(TinySegData.dataset(16, 48, 8, 21), data);
        Path run = fs.resolve("run");
        Path stderr = dir.resolve("stderr.txt");
        Process train = ChildXnet.start(stderr, "train", "--data", data.toString(), "--out", run.toString(), "--name",
                "tiny", "--filters", "4,8,8,16", "--batch", "4", "--epochs", "30", "--lr", "0.02", "--optimizer",
                "adam", "--augment", "none", "--seed", "7", "--threads", "1", "--precision", "fp32", "--no-progress");
        RunFolder folder = new RunFolder(run);
        while (!(Files.exists(folder.resolve(RunFolder.LOG)) && folder.readLog().size() >= 2) && train.isAlive()) {
            Thread.sleep(5);
        }
        // leave 100 KB: a model file (60 KB) still fits, a checkpoint (175 KB) no longer does
        long free = Files.getFileStore(fs).getUsableSpace();
        Path filler = fs.resolve("filler");
        Files.write(filler, new byte[(int) Math.max(0, free - 100 * 1024)]);
        assertThat(train.waitFor(300, TimeUnit.SECONDS)).isTrue();

        List<String> messages = Files.readAllLines(stderr).stream().filter(l -> !l.startsWith("[W")).toList();
        assertThat(train.exitValue()).as("%s", messages).isEqualTo(1);
        assertThat(messages).containsExactly("xnet: cannot write " + folder.resolve(Checkpoint.FILE) + ": " + NO_SPACE);
        assertThat(RunFolderChecks.temporaryFiles(run)).isEmpty();
        TrainConfig config = folder.readConfig();
        List<EpochRow> saved = folder.readLog();
        // the checkpoint and the model load, and the checkpoint holds every logged epoch
        assertThat(RunFolderChecks.assertConsistent(run, 16, saved)).isEqualTo(saved.size());

        Files.delete(filler);
        Process resume = ChildXnet.start(stderr, "train", "--resume", run.toString(), "--no-progress");
        assertThat(resume.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(resume.exitValue()).as(Files.readString(stderr)).isZero();
        Path straight = dir.resolve("straight");
        TrainingJob.run(new TrainingJob.Request(config.with(Map.of("save_folder", straight.toString())), data, straight,
                false, false, RuntimeRequest.of(PrecisionRequest.FP32), List.of()), new AtomicBoolean());
        RunFolderChecks.assertSameRun(run, straight);
        System.out.printf("disk full after %d epochs: %s; resumed to %d epochs, equal to an uninterrupted run%n",
                saved.size(), messages.get(0), folder.readLog().size());
    }
}
