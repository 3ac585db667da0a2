package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three bench commands print the peak resident memory in MiB, the one unit of every
 * peak-memory figure, as {@code peak RSS N MiB}. N is checked against the kernel's own high-water
 * mark (VmHWM, in KiB), read here before and after the command: since the mark only grows, N must
 * lie between the two readings in MiB. The same figure printed in MB (10^6 bytes, as
 * {@code model bench} once did) is 4.9 % larger and falls outside whenever the command's own
 * growth of the mark stays below that, as it does for these tiny networks in a JVM that has loaded
 * the engine already.
 */
class BenchPeakMemoryTest {
    private static final Pattern PEAK = Pattern.compile("peak RSS (\\d+) MiB");

    @TempDir
    Path dir;

    @BeforeEach
    void needsProc() {
        assumeThat(Files.isReadable(Path.of("/proc/self/status"))).as("/proc/self/status").isTrue();
        run("model", "bench", "--arch", "xnet", "--filters", "2,2,2,2", "--size", "32", "--warmup", "0",
                "--repeat", "1"); // loads the engine, so that the checks below measure the commands alone
    }

    @Test
    void modelBench() throws IOException {
        assertPeakInMiB("model", "bench", "--arch", "xnet", "--filters", "2,2,2,2", "--size", "32", "--warmup", "1",
                "--repeat", "2");
    }

    @Test
    void trainBench() throws IOException {
        assertPeakInMiB("train-bench", "--arch", "xnet", "--filters", "2,2,2,2", "--size", "32", "--batch", "1",
                "--warmup", "0", "--steps", "1", "--precision", "fp32");
    }

    @Test
    void predictBench() throws IOException {
        Path model = dir.resolve("m.xnet");
        run("model", "init", "--filters", "2,2,2,2", "--size", "32", "--out", model.toString());
        assertPeakInMiB("predict", "bench", "--model", model.toString(), "--size", "32", "--warmup", "0",
                "--repeat", "1", "--large-repeat", "0");
    }

    private static void assertPeakInMiB(String... args) throws IOException {
        long before = vmHwmKiB() >> 10;
        String out = run(args);
        long after = vmHwmKiB() >> 10;
        Matcher m = PEAK.matcher(out);
        assertThat(m.find()).as("'peak RSS N MiB' in: %s", out).isTrue();
        assertThat(Long.parseLong(m.group(1))).as(out).isBetween(before, after);
        assertThat(out).doesNotContain(" MB");
    }

    /** The output; fails with the error output unless the command exits with 0. */
    private static String run(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out();
    }

    private static long vmHwmKiB() throws IOException {
        String line = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM:")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("VmHWM:\\s+(\\d+) kB").matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        return Long.parseLong(m.group(1));
    }
}
