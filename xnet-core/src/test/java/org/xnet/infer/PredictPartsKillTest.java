package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
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
import org.xnet.io.ImageWriters;

/**
 * What a cluster script does: 200 small radiographs predicted in 4 parts by 4 separate JVMs sharing
 * one output folder; one part is killed with SIGKILL ({@link Process#destroyForcibly()} on Linux)
 * after it has finished a few inputs, then run again with {@code --continue}. Afterwards every
 * output of every input is there exactly once, each part's manifest names every input of its part
 * exactly once, and no temporary or partial file is left anywhere. Prints how far the killed part
 * got and the times.
 */
@Tag("slow")
class PredictPartsKillTest {
    private static final int IMAGES = 200;
    private static final int PARTS = 4;
    private static final int KILLED = 2;
    /** Outputs per input with the options below: mask, colour, overlay, 3 probabilities, confidence, entropy. */
    private static final List<String> SUFFIXES = List.of("_mask.png", "_colour.png", "_overlay.png",
            "_prob_open_beam.tif", "_prob_soft_tissue.tif", "_prob_bone.tif", "_confidence.tif", "_entropy.tif");

    @TempDir
    Path dir;

    @Test
    void fourPartsOneKilledAndContinuedLeaveEveryOutputOnceAndCompleteManifests() throws Exception {
        Path model = ModelFileRoundTripTest.tinyModelFile(dir, 32, 7);
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < IMAGES; i++) {
            ImageWriters.writeTiff16(TinyModels.smooth(96, 80, i), in.resolve(String.format("r%03d.tif", i)));
        }
        Path out = dir.resolve("out");
        long start = System.nanoTime();
        List<Process> parts = new ArrayList<>();
        for (int p = 0; p < PARTS; p++) {
            parts.add(predict(model, in, out, p, false, dir.resolve("part-" + p + ".err")));
        }
        Path killedManifest = out.resolve("manifest-part-" + KILLED + "-of-" + PARTS + ".jsonl");
        int linesAtKill = waitForLines(killedManifest, 5, parts.get(KILLED));
        parts.get(KILLED).destroyForcibly();
        double killedAt = (System.nanoTime() - start) / 1e9;
        assertThat(parts.get(KILLED).waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(parts.get(KILLED).exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        List<String> manifestAtKill = Files.readAllLines(killedManifest);
        String rawAtKill = Files.readString(killedManifest);
        for (int p = 0; p < PARTS; p++) {
            if (p != KILLED) {
                assertThat(parts.get(p).waitFor(10, TimeUnit.MINUTES)).isTrue();
                assertThat(parts.get(p).exitValue()).as("part %d: %s", p, errors(dir.resolve("part-" + p + ".err")))
                        .isZero();
            }
        }
        double othersDone = (System.nanoTime() - start) / 1e9;
        long temporariesAfterKill = temporaries(out).size();
        int completeAfterKill = completeInputs(out);

        long again = System.nanoTime();
        Path resumedErr = dir.resolve("continued.err");
        Process resumed = predict(model, in, out, KILLED, true, resumedErr);
        assertThat(resumed.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(resumed.exitValue()).as(errors(resumedErr)).isZero();
        double continueSeconds = (System.nanoTime() - again) / 1e9;

        System.out.printf("predict parts: %d images, %d parts; part %d killed after %.1f s with %d manifest "
                        + "line(s) (%d bytes%s); the other parts finished after %.1f s; after the kill %d inputs had "
                        + "every output and %d temporary file(s) lay around; --continue took %.1f s%n", IMAGES, PARTS,
                KILLED, killedAt, manifestAtKill.size(), rawAtKill.length(),
                rawAtKill.endsWith("\n") || rawAtKill.isEmpty() ? "" : ", last line cut", othersDone,
                completeAfterKill, temporariesAfterKill, continueSeconds);

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
                assertThat(skipped).isGreaterThanOrEqualTo(manifestAtKill.size() - 1).isLessThan(expected.size());
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
     * {@code xnet predict} of one part in a child JVM with this JVM's classpath, offline, FP32; its
     * standard error goes to {@code err} (libtorch warns once per thread there).
     */
    private static Process predict(Path model, Path in, Path out, int part, boolean resume, Path err)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
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
