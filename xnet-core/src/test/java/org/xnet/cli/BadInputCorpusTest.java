package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xnet.core.Sha256;

/**
 * Runs every case of {@link BadInputCorpus} through the CLI in-process. A refused input must give
 * exit 1 and exactly one line on standard error that names the offending file and says what the
 * case expects (e.g. "not finite", "more than the 268,435,456"), with no stack trace
 * and no exception class name, and must leave the case's folder exactly as it was (no output, no
 * temporary file; a failed {@code predict} only its run record and manifest, which say so). An accepted input must give exit 0, nothing on standard error, and its output.
 */
class BadInputCorpusTest {
    @TempDir
    Path dir;

    static Stream<BadInputCorpus.Case> cases() {
        return BadInputCorpus.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsHandled(BadInputCorpus.Case c) throws Exception {
        BadInputCorpus.Run run = c.maker().make(dir);
        if (c.name().contains("read-only")) {
            assumeTrue(!"root".equals(System.getProperty("user.name")), "root may write into a read-only folder");
        }
        Map<Path, String> before = snapshot(dir);
        boolean outputExisted = run.output() != null && Files.exists(run.output());
        CliRun result = CliRun.of(run.args().toArray(String[]::new));
        List<String> lines = result.err().lines().filter(l -> !l.isBlank()).toList();
        String what = c + "\n" + String.join(" ", run.args()) + "\nstderr: " + result.err() + "stdout: " + result.out();
        if (c.outcome() == BadInputCorpus.Outcome.ACCEPTED) {
            assertThat(result.exitCode()).as(what).isZero();
            assertThat(lines).as(what).isEmpty();
            assertThat(run.output()).as(what).exists();
            return;
        }
        assertThat(result.exitCode()).as(what).isEqualTo(1);
        assertThat(lines).as(what).hasSize(1);
        String line = lines.get(0);
        assertThat(line).as(what).startsWith("xnet: ").contains(run.offending()).contains(c.says())
                .doesNotContain("\tat ").doesNotContainPattern("[A-Za-z]+(Exception|Error)\\b")
                .doesNotContain("unexpected");
        if (run.args().get(0).equals("predict") && !outputExisted && Files.exists(run.output())) {
            removeRecordsOfTheFailure(run, what);
        }
        assertThat(snapshot(dir)).as(what + "the case folder changed").isEqualTo(before);
        if (run.output() != null && !outputExisted) {
            assertThat(run.output()).as(what).doesNotExist();
        }
    }

    @Test
    void theCorpusCoversEveryReaderWithAtLeastFortyCases() {
        Map<String, Long> counts = BadInputCorpus.countByReader();
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(40);
        assertThat(counts).containsKeys("image", "dicom", "label", "prepare", "nifti", "hdf5", "model", "config",
                "output");
    }

    /**
     * A failed {@code predict} leaves no mask, only its records: {@code run.json} (state stopped) and
     * {@code manifest.jsonl}, whose one line says the input failed and names it. Checks that and
     * removes them, so that the case folder must otherwise be as it was. (A model that cannot be read
     * stops the run before anything is written.)
     */
    private static void removeRecordsOfTheFailure(BadInputCorpus.Run run, String what) throws IOException {
        Path out = run.output();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).as(what)
                    .containsExactlyInAnyOrder("run.json", "manifest.jsonl");
        }
        assertThat(Files.readString(out.resolve("run.json"))).as(what).contains("\"stopped\"");
        List<String> manifest = Files.readAllLines(out.resolve("manifest.jsonl"));
        assertThat(manifest).as(what).singleElement().asString().contains("\"failed\"").contains(run.offending());
        Files.delete(out.resolve("run.json"));
        Files.delete(out.resolve("manifest.jsonl"));
        Files.delete(out);
    }

    /** Every file under {@code root} with the SHA-256 of its content (folders as "dir"). */
    private static Map<Path, String> snapshot(Path root) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                files.put(root.relativize(p), Files.isDirectory(p) ? "dir" : Sha256.of(p));
            }
        }
        return files;
    }
}
