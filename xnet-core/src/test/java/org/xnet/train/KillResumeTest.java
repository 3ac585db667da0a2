package org.xnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.xnet.train.KillPoint.Kind.AFTER_CHECKPOINT;
import static org.xnet.train.KillPoint.Kind.CHECKPOINT_WRITE;
import static org.xnet.train.KillPoint.Kind.LOG_WRITE;
import static org.xnet.train.KillPoint.Kind.MODEL_WRITE;
import static org.xnet.train.KillPoint.Kind.START;
import static org.xnet.train.KillPoint.Kind.SUMMARY_WRITE;
import static org.xnet.train.KillPoint.Kind.TRAINING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.XNetException;
import org.xnet.io.DatasetFile;
import org.xnet.testutil.ChildXnet;

/**
 * kill -9 anywhere: {@code xnet train} and {@code xnet sweep}, each in its own JVM as a user starts
 * them, are SIGKILLed at seeded random moments ({@link KillPoint}: during start-up, during training,
 * during and right after the atomic writes of checkpoint, model, log and sweep summary) and started
 * again each time. After every kill each checkpoint and model file in the folder loads and the logged
 * rows are a prefix of an uninterrupted run's; at the end the log, result, model weights, checkpoint
 * weights and optimizer state (and a sweep's summary) equal an uninterrupted run's, and no temporary
 * file is left. Tiny data (16x16, 48 training images, 12 steps per epoch), a tiny XNet, one engine
 * thread, so that each epoch ends with a checkpoint write every 0.2 s or so. Slow: about 30 JVMs.
 */
@Tag("slow")
class KillResumeTest {
    private static final int SIZE = 16;
    private static final int KILLS = 20;
    private static final long KILL_SEED = 20261205;
    private static final List<String> TRAINING_OPTIONS = List.of("--name", "tiny", "--arch", "xnet", "--filters",
            "4,8,8,16", "--batch", "4", "--epochs", "40", "--lr", "0.02", "--optimizer", "adam", "--augment",
            "on-the-fly", "--seed", "7", "--threads", "1", "--precision", "fp32");

    @TempDir
    Path dir;

    @Test
    void trainKilledTwentyTimesAnywhereEndsExactlyAsAnUninterruptedRun() throws Exception {
        long start = System.nanoTime();
        Path data = dataset();
        Path reference = dir.resolve("reference");
        runToEnd(train(data, reference, "--no-progress"));
        List<EpochRow> expected = new RunFolder(reference).readLog();

        Path run = Files.createDirectories(dir.resolve("run"));
        Random random = new Random(KILL_SEED);
        KillPoint.Kind[] kinds = {CHECKPOINT_WRITE, START, AFTER_CHECKPOINT, TRAINING, MODEL_WRITE, LOG_WRITE};
        int midCheckpoint = 0;
        for (int k = 1; k <= KILLS; k++) {
            KillPoint point = KillPoint.draw(kinds[(k - 1) % kinds.length], random);
            String[] args = Files.exists(run.resolve(RunFolder.CONFIG)) ? new String[] {"train", "--resume", run.toString()}
                    : train(data, run);
            String when = kill(point, run, args);
            List<String> left = RunFolderChecks.temporaryFiles(run);
            midCheckpoint += left.stream().anyMatch(f -> KillPoint.isTemporary(f.split(" ")[0], Checkpoint.FILE)) ? 1 : 0;
            int epochs = RunFolderChecks.assertConsistent(run, SIZE, expected);
            System.out.printf("kill %2d (%s, %s): checkpoint of epoch %d, %d log rows, temporary files left %s%n", k,
                    point.describe(), when, epochs, logRows(run), left);
        }
        runToEnd("train", "--resume", run.toString(), "--no-progress");
        RunFolderChecks.assertSameRun(run, reference);
        assertThat(RunFolderChecks.temporaryFiles(run)).isEmpty();
        // the kills at a checkpoint's temporary file must have hit some writes in the middle
        assertThat(midCheckpoint).as("kills that left a partial checkpoint").isPositive();
        System.out.printf("train: %d kills, %d resumes, %d during a checkpoint write; final state equal; %.0f s%n",
                KILLS, KILLS, midCheckpoint, (System.nanoTime() - start) / 1e9);
    }

    @Test
    void sweepKilledDuringItsRunsAndSummaryEndsExactlyAsAnUninterruptedSweep() throws Exception {
        long start = System.nanoTime();
        Path data = dataset();
        Path grid = Files.writeString(dir.resolve("grid.json"), "{\"lrate\": [0.02, 0.01, 0.005]}");
        Path base = Files.writeString(dir.resolve("base.json"), "{\"name\": \"tiny\", \"filters\": [4, 8, 8, 16], "
                + "\"batch_size\": 4, \"no_epochs\": 8, \"optimizer\": \"adam\", \"augmentation\": \"on-the-fly\", "
                + "\"seed\": 7, \"threads\": 1}");
        Path reference = dir.resolve("reference");
        runToEnd(sweep(grid, base, data, reference, "--no-progress"));
        Map<String, List<EpochRow>> expected = new HashMap<>();
        for (Path run : runFolders(reference)) {
            expected.put(run.getFileName().toString(), new RunFolder(run).readLog());
        }
        assertThat(expected).hasSize(3);

        Path out = Files.createDirectories(dir.resolve("sweep"));
        Random random = new Random(KILL_SEED + 1);
        KillPoint.Kind[] kinds = {CHECKPOINT_WRITE, START, TRAINING, AFTER_CHECKPOINT, MODEL_WRITE, CHECKPOINT_WRITE,
                SUMMARY_WRITE};
        for (int k = 1; k <= kinds.length; k++) {
            KillPoint point = KillPoint.draw(kinds[k - 1], random);
            String when = kill(point, out, sweep(grid, base, data, out));
            List<String> state = new ArrayList<>();
            for (Path run : runFolders(out)) {
                String name = run.getFileName().toString();
                int epochs = RunFolderChecks.assertConsistent(run, SIZE, expected.get(name));
                state.add(name + (new RunFolder(run).isFinished() ? " finished" : " epoch " + epochs));
            }
            System.out.printf("sweep kill %d (%s, %s): %s, temporary files left %s%n", k, point.describe(), when,
                    state, RunFolderChecks.temporaryFiles(out));
        }
        runToEnd(sweep(grid, base, data, out, "--no-progress"));
        for (String name : List.of(Sweep.SUMMARY_CSV, Sweep.SUMMARY_MD)) {
            assertThat(out.resolve(name)).hasSameTextualContentAs(reference.resolve(name));
        }
        for (String run : expected.keySet()) {
            RunFolderChecks.assertSameRun(out.resolve(run), reference.resolve(run));
        }
        assertThat(RunFolderChecks.temporaryFiles(out)).isEmpty();
        System.out.printf("sweep: %d kills, %d restarts; summary and every run equal; %.0f s%n", kinds.length,
                kinds.length, (System.nanoTime() - start) / 1e9);
    }

    private Path dataset() throws XNetException {
        Path data = dir.resolve("tiny.h5");
        DatasetFile.write(TinySegData.dataset(SIZE, 48, 8, 21), data);
        return data;
    }

    private static String[] train(Path data, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString()));
        args.addAll(TRAINING_OPTIONS);
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static String[] sweep(Path grid, Path base, Path data, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "--grid", grid.toString(), "--config", base.toString(),
                "--data", data.toString(), "--out", out.toString(), "--precision", "fp32"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /**
     * Starts {@code xnet ARGS}, SIGKILLs it at {@code point} (events watched under {@code watched}) and
     * returns when that was; fails when the process ended before the point came.
     */
    private String kill(KillPoint point, Path watched, String... args) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        try (FolderWatch watch = new FolderWatch(watched)) {
            Process process = ChildXnet.start(stderr, args);
            String when = point.await(process, watch, stderr);
            if (when == null) {
                process.waitFor();
                fail("xnet %s ended (exit %d) before the kill point %s came (more epochs needed?): %s", args[0],
                        process.exitValue(), point.describe(), tail(stderr));
            }
            process.destroyForcibly(); // SIGKILL on Linux
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            return when;
        }
    }

    private void runToEnd(String... args) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        Process process = ChildXnet.start(stderr, args);
        assertThat(process.waitFor(600, TimeUnit.SECONDS)).as("xnet %s ends", args[0]).isTrue();
        assertThat(process.exitValue()).as("xnet %s: %s", String.join(" ", args), tail(stderr)).isZero();
    }

    private static List<Path> runFolders(Path sweep) throws IOException {
        try (Stream<Path> files = Files.list(sweep)) {
            return files.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static long logRows(Path run) throws IOException {
        Path log = run.resolve(RunFolder.LOG);
        return Files.exists(log) ? Files.readAllLines(log).size() - 1 : 0;
    }

    private static String tail(Path stderr) throws IOException {
        String text = Files.readString(stderr).replace('\r', '\n');
        return text.substring(Math.max(0, text.length() - 1500));
    }
}
