package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Provenance;
import org.xnet.core.Sha256;
import org.xnet.io.ImageWriters;

/**
 * What a cluster script does: 200 small radiographs predicted in 4 parts by 4 separate JVMs sharing
 * one output folder; one part is killed with SIGKILL ({@link Process#destroyForcibly()} on Linux)
 * three times, each time deliberately while an output file is being written, and run again with
 * {@code --continue} after each kill. The killed part runs with the test-only
 * {@code xnet.test.atomicWritePauseMillis}: every atomic write sleeps after creating its temporary
 * file and again after filling it, so a kill at the moment such a file is seen lands inside the
 * window (checked: the temporary file is still there and its target is not). Afterwards every
 * output of every input is there exactly once and equal, byte for byte, to what an uninterrupted
 * run of the same part wrote; whatever was in the folder after each kill was equal too (nothing
 * half-written); each part's manifest names every input of its part exactly once; and no
 * temporary or partial file is left. Prints where each kill landed and the times.
 */
@Tag("slow")
class PredictPartsKillTest {
    private static final int IMAGES = 200;
    private static final int PARTS = 4;
    private static final int KILLED = 2;
    /** The killed part's pause inside each atomic write. */
    private static final int PAUSE_MILLIS = 150;
    /** Where the kills land: the output whose temporary file is seen, and whether it is still empty or already written. */
    private static final List<Kill> KILLS = List.of(new Kill("_mask.png", true), new Kill("_prob_soft_tissue.tif", false),
            new Kill("_entropy.tif", false));
    /** Outputs per input with the options below: mask, colour, overlay, 3 probabilities, confidence, entropy. */
    private static final List<String> SUFFIXES = List.of("_mask.png", "_colour.png", "_overlay.png",
            "_prob_open_beam.tif", "_prob_soft_tissue.tif", "_prob_bone.tif", "_confidence.tif", "_entropy.tif");

    @TempDir
    Path dir;

    private record Kill(String suffix, boolean empty) {
    }

    @Test
    void fourPartsOneKilledMidWriteAndContinuedEqualAnUninterruptedRun() throws Exception {
        Path model = ModelFileRoundTripTest.tinyModelFile(dir, 32, 7);
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < IMAGES; i++) {
            ImageWriters.writeTiff16(TinyModels.smooth(96, 80, i), in.resolve(String.format("r%03d.tif", i)));
        }
        Path out = dir.resolve("out");
        Path reference = dir.resolve("reference");
        long start = System.nanoTime();
        List<Process> parts = new ArrayList<>();
        for (int p = 0; p < PARTS; p++) {
            if (p != KILLED) {
                parts.add(predict(model, in, out, p, false, 0, dir.resolve("part-" + p + ".err")));
            }
        }
        Path referenceErr = dir.resolve("reference.err");
        Process uninterrupted = predict(model, in, reference, KILLED, false, 0, referenceErr);

        Path killedManifest = out.resolve("manifest-part-" + KILLED + "-of-" + PARTS + ".jsonl");
        Map<String, String> seenAfterKills = new HashMap<>();
        List<String> landed = new ArrayList<>();
        int manifestLines = 0;
        for (int k = 0; k < KILLS.size(); k++) {
            Kill kill = KILLS.get(k);
            Process killed = predict(model, in, out, KILLED, k > 0, PAUSE_MILLIS, dir.resolve("killed-" + k + ".err"));
            waitForLines(killedManifest, manifestLines + 2, killed);
            Path temporary = waitForTemporary(out, kill, killed);
            killed.destroyForcibly();
            assertThat(killed.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(killed.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            Path target = out.resolve(targetOf(temporary));
            assertThat(temporary).as("the kill landed inside the atomic write of %s", target).exists();
            assertThat(target).doesNotExist();
            manifestLines = Files.readAllLines(killedManifest).size();
            landed.add(String.format("%s (temporary file of %,d bytes) after %d manifest line(s)",
                    target.getFileName(), Files.size(temporary), manifestLines));
            for (Path f : outputsOfPart(out)) {
                seenAfterKills.put(f.getFileName().toString(), Sha256.of(f));
            }
        }
        double killedAt = (System.nanoTime() - start) / 1e9;
        for (int p = 0; p < parts.size(); p++) {
            assertThat(parts.get(p).waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(parts.get(p).exitValue()).as("part: %s", errors(dir.resolve("part-" + (p < KILLED ? p : p + 1) + ".err")))
                    .isZero();
        }
        assertThat(uninterrupted.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(uninterrupted.exitValue()).as(errors(referenceErr)).isZero();
        double othersDone = (System.nanoTime() - start) / 1e9;
        long temporariesAfterKills = temporaries(out).size();
        int completeAfterKills = completeInputs(out);

        long again = System.nanoTime();
        Path resumedErr = dir.resolve("continued.err");
        Process resumed = predict(model, in, out, KILLED, true, 0, resumedErr);
        assertThat(resumed.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(resumed.exitValue()).as(errors(resumedErr)).isZero();
        double continueSeconds = (System.nanoTime() - again) / 1e9;

        System.out.printf("predict parts: %d images, %d parts; part %d killed %d times inside a write: %s; kills done"
                        + " after %.1f s; the other parts and the uninterrupted reference finished after %.1f s; then %d"
                        + " inputs had every output and %d temporary file(s) lay around; the last --continue took %.1f s%n",
                IMAGES, PARTS, KILLED, KILLS.size(), String.join("; ", landed), killedAt, othersDone,
                completeAfterKills, temporariesAfterKills, continueSeconds);

        List<Path> outputs = outputsOfPart(out);
        assertThat(outputs).hasSize(IMAGES / PARTS * SUFFIXES.size());
        for (Path f : outputs) {
            String name = f.getFileName().toString();
            String expected = Sha256.of(reference.resolve(name));
            assertThat(Sha256.of(f)).as("%s equals the uninterrupted run's", name).isEqualTo(expected);
            if (seenAfterKills.containsKey(name)) {
                assertThat(seenAfterKills.get(name)).as("%s as a kill left it", name).isEqualTo(expected);
            }
        }
        assertThat(seenAfterKills).as("outputs that were complete at some kill").isNotEmpty();
        assertThat(temporaries(out)).isEmpty();
        List<InputFiles.Input> inputs = InputFiles.expand(List.of(in.toString()));
        assertThat(inputs).hasSize(IMAGES);
        try (Stream<Path> files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).hasSize(IMAGES * SUFFIXES.size() + 2 * PARTS).doesNotHaveDuplicates();
        }
        for (InputFiles.Input input : inputs) {
            String base = input.relativeName().toString().replace(".tif", "");
            for (String suffix : SUFFIXES) {
                assertThat(out.resolve(base + suffix)).isNotEmptyFile();
            }
        }
        ObjectMapper json = new ObjectMapper();
        int skipped = 0;
        for (int p = 0; p < PARTS; p++) {
            List<String> expected = new Part(PARTS, p).select(inputs).stream().map(i -> i.file().toString()).toList();
            Map<String, String> status = new HashMap<>();
            List<String> lines = Files.readAllLines(out.resolve("manifest-part-" + p + "-of-" + PARTS + ".jsonl"));
            for (String line : lines) {
                ManifestEntry e = json.readValue(line, ManifestEntry.class);
                assertThat(status.put(e.input(), e.status())).as("%s once", e.input()).isNull();
                assertThat(e.meanConfidence()).as(e.input()).isNotNull();
            }
            assertThat(status.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(status.values()).doesNotContain(ManifestEntry.FAILED);
            if (p == KILLED) {
                skipped = (int) status.values().stream().filter(ManifestEntry.SKIPPED_COMPLETE::equals).count();
                assertThat(skipped).isGreaterThanOrEqualTo(manifestLines - 1).isLessThan(expected.size());
            } else {
                assertThat(status.values()).containsOnly(ManifestEntry.OK);
            }
            Provenance record = json.readValue(out.resolve("run-part-" + p + "-of-" + PARTS + ".json").toFile(),
                    Provenance.class);
            assertThat(record.details()).containsEntry("state", "finished")
                    .containsEntry("part_inputs", Integer.toString(expected.size()));
        }
        System.out.printf("predict parts: --continue skipped %d complete input(s) of part %d and predicted %d%n",
                skipped, KILLED, IMAGES / PARTS - skipped);
    }

    /**
     * {@code xnet predict} of one part in a child JVM with this JVM's classpath, offline, FP32, each
     * atomic write paused {@code pauseMillis} twice; its standard error goes to {@code err} (libtorch
     * warns once per thread there).
     */
    private static Process predict(Path model, Path in, Path out, int part, boolean resume, int pauseMillis, Path err)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-Dxnet.test.atomicWritePauseMillis=" + pauseMillis,
                "-cp", System.getProperty("java.class.path"),
                "org.xnet.cli.Main", "predict", "--model", model.toString(), in.toString(), "--out", out.toString(),
                "--num-parts", Integer.toString(PARTS), "--part-id", Integer.toString(part), "--batch-size", "1",
                "--overlay", "--probabilities", "--confidence", "--entropy", "--precision", "fp32", "--layout", "nchw"));
        if (resume) {
            cmd.add("--continue");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        return pb.start();
    }

    /** Waits until {@code manifest} has at least {@code lines} lines, polling every millisecond. */
    private static int waitForLines(Path manifest, int lines, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the part to kill is still running").isTrue();
            if (Files.exists(manifest)) {
                long n = Files.readString(manifest).chars().filter(c -> c == '\n').count();
                if (n >= lines) {
                    return (int) n;
                }
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no " + lines + " lines in " + manifest + " within 5 minutes");
    }

    /**
     * Waits until the killed part has a temporary file for an output ending in {@code kill.suffix()},
     * empty or already written as {@code kill.empty()} says, polling every millisecond.
     */
    private static Path waitForTemporary(Path out, Kill kill, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the part to kill is still running").isTrue();
            for (Path t : temporariesNow(out)) {
                String target = targetOf(t);
                try {
                    if (target.endsWith(kill.suffix()) && ofKilledPart(target) && (Files.size(t) == 0) == kill.empty()) {
                        return t;
                    }
                } catch (NoSuchFileException renamedMeanwhile) {
                    // the write ended between the listing and the size
                }
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no temporary file for " + kill + " within 5 minutes");
    }

    /** The temporary files in {@code out} as listed now (names only: a file may be renamed the next moment). */
    private static List<Path> temporariesNow(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    /** The target of an atomic write's temporary file {@code .NAME.RANDOM.tmp}: NAME. */
    private static String targetOf(Path temporary) {
        String name = temporary.getFileName().toString();
        return name.substring(1, name.lastIndexOf('.', name.length() - ".tmp".length() - 1));
    }

    /** True for an output of an input {@code rNNN} of the killed part (input k goes to part k mod PARTS). */
    private static boolean ofKilledPart(String outputName) {
        return outputName.matches("r\\d{3}_.*") && Integer.parseInt(outputName.substring(1, 4)) % PARTS == KILLED;
    }

    /** The output files of the killed part's inputs in {@code out}, temporary files excluded. */
    private static List<Path> outputsOfPart(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> ofKilledPart(f.getFileName().toString())).sorted().toList();
        }
    }

    /** The lines of a child's standard error that are not libtorch's NNPACK warning. */
    private static String errors(Path err) throws IOException {
        return String.join("\n", Files.readAllLines(err).stream().filter(l -> !l.contains("NNPACK")).toList());
    }

    private static List<Path> temporaries(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    /** How many inputs have every output. */
    private static int completeInputs(Path out) throws IOException {
        int n = 0;
        for (int i = 0; i < IMAGES; i++) {
            String base = String.format("r%03d", i);
            if (SUFFIXES.stream().allMatch(s -> Files.isRegularFile(out.resolve(base + s)))) {
                n++;
            }
        }
        return n;
    }
}
