package org.xnet.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.io.DatasetFile;
import org.xnet.model.PrecisionRequest;
import org.xnet.model.RuntimeRequest;
import org.xnet.testutil.ChildXnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C for real: `xnet train` in a child JVM (this test's classpath) gets SIGINT (SIGTERM where
 * SIGINT is ignored, see {@link #sigintIgnoredHere()}) after its first step, exits 130 (143 after
 * SIGTERM) with a mid-epoch checkpoint, and `--resume` then ends with the log of an uninterrupted
 * run. Slow: two JVM starts and three short trainings (about 20-60 s here).
 */
@Tag("slow")
class StopOnSignalTest {
    private static final long TIMEOUT_SECONDS = 300;

    @TempDir
    Path dir;

    @Test
    void sigintAfterTheFirstStepSavesAMidEpochCheckpointAndResumeEndsLikeAnUninterruptedRun() throws Exception {
        Path data = dir.resolve("tiny.h5");
        // 200 steps per epoch: the progress bar first shows a loss after 0.5 s, and epoch 1 must outlast
        // that on a fast machine (20 steps take about 0.6 s here)
        DatasetFile.write(TinySegData.dataset(16, 200, 4, 21), data);
        Path run = dir.resolve("run");
        Process train = xnet("train", "--data", data.toString(), "--out", run.toString(), "--name", "t", "--filters",
                "4,8,8,16", "--batch", "1", "--epochs", "2", "--augment", "none", "--seed", "5", "--threads", "1",
                "--precision", "fp32");
        StringBuffer err = new StringBuffer();
        Thread reader = collect(train.getErrorStream(), err);
        // the progress bar shows the loss once the first step is done
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!err.toString().contains(" loss ") && train.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(train.isAlive()).as("still training after its first step: %s", err).isTrue();
        String signal = sigintIgnoredHere() ? "TERM" : "INT";
        new ProcessBuilder("kill", "-" + signal, Long.toString(train.pid())).inheritIO().start().waitFor();
        assertThat(train.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("exits after SIG" + signal).isTrue();
        reader.join();
        // 128 + the signal number, as for any process a signal ends: 130 for SIGINT, 143 for SIGTERM
        assertThat(train.exitValue()).as(err.toString()).isEqualTo(signal.equals("INT") ? 130 : 143);
        assertThat(err.toString()).contains("\nxnet: interrupted after 0 completed epochs")
                .contains("xnet train --resume " + run);
        assertThat(run.resolve(RunFolder.RESULT)).doesNotExist();
        Checkpoint.State saved = Checkpoint.readState(run.resolve(Checkpoint.FILE));
        assertThat(saved.completedEpochs()).isZero();
        assertThat(saved.epoch().steps()).isBetween(1, 199);

        Process resume = xnet("train", "--resume", run.toString(), "--no-progress");
        StringBuffer err2 = new StringBuffer();
        Thread reader2 = collect(resume.getErrorStream(), err2);
        assertThat(resume.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        reader2.join();
        assertThat(resume.exitValue()).as(err2.toString()).isZero();
        try (var files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("config.json",
                    "provenance.json", "log.csv", "checkpoint.zip", "t.xnet", "result.json");
        }

        TrainConfig same = TrainConfig.defaults().with(Map.of("name", "t", "filters", List.of(4, 8, 8, 16),
                "batch_size", 1, "no_epochs", 2, "augmentation", "none", "seed", 5, "threads", 1));
        Path straight = dir.resolve("straight");
        TrainingJob.run(new TrainingJob.Request(same, data, straight, false, false,
                RuntimeRequest.of(PrecisionRequest.FP32), List.of()), new AtomicBoolean());
        List<EpochRow> a = new RunFolder(straight).readLog();
        List<EpochRow> b = new RunFolder(run).readLog();
        assertThat(b).hasSize(2);
        for (int i = 0; i < a.size(); i++) {
            assertThat(List.of(b.get(i).loss(), b.get(i).acc(), b.get(i).valLoss(), b.get(i).valAcc()))
                    .as("epoch %d", i + 1)
                    .containsExactly(a.get(i).loss(), a.get(i).acc(), a.get(i).valLoss(), a.get(i).valAcc());
        }
    }

    /**
     * True when this JVM was started with SIGINT ignored, as every job a non-interactive shell puts in
     * the background is (a CI runner, {@code nohup ... &}): the child inherits that, its JVM then
     * installs no SIGINT handler, and Ctrl-C cannot reach it. The test sends SIGTERM then, which the
     * same shutdown hook handles; from a terminal it sends SIGINT.
     */
    private static boolean sigintIgnoredHere() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }

    /** {@code xnet ARGS} in a child JVM ({@link ChildXnet}), standard error read by the test. */
    private static Process xnet(String... args) throws IOException {
        return ChildXnet.command(args).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static Thread collect(InputStream in, StringBuffer into) {
        Thread t = new Thread(() -> {
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                char[] buf = new char[512];
                for (int n; (n = r.read(buf)) > 0; ) {
                    into.append(buf, 0, n);
                }
            } catch (IOException e) {
                into.append("\n(reading stderr failed: ").append(e.getMessage()).append(')');
            }
        });
        t.start();
        return t;
    }
}
