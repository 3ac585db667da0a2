package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad option value that a library constructor or call refuses is still a usage error (exit 2)
 * with the library's message on one line, now that {@link Failures} no longer treats every
 * IllegalArgumentException as one: each command converts the refusals of what the user typed.
 */
class UsageErrorsTest {
    @TempDir
    Path dir;

    private static void assertUsageError(List<String> args, String message) {
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as("%s: %s", args, run.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).as("%s", args).isEqualTo("xnet: " + message + System.lineSeparator());
    }

    @Test
    void modelCommandsRefuseBadSizesAndCounts() {
        assertUsageError(List.of("model", "summary", "--filters", "2,2,2,2", "--size", "0"),
                "size must be positive, got 0");
        Path file = dir.resolve("m.xnet");
        assertUsageError(List.of("model", "init", "--filters", "2,2,2,2", "--size", "0", "--out", file.toString()),
                "inputSize must be positive, got 0");
        assertThat(file).doesNotExist();
        assertUsageError(List.of("model", "bench", "--filters", "2,2,2,2", "--size", "16", "--repeat", "0",
                "--precision", "fp32"), "need size >= 1, batch >= 1, warmup >= 0, repeat >= 1; got size 16, batch 1,"
                + " warmup 3, repeat 0");
        assertUsageError(List.of("train-bench", "--filters", "2,2,2,2", "--size", "16", "--steps", "0",
                "--precision", "fp32"), "need steps >= 1, warmup >= 0, batch >= 1, size >= 1, got steps 0, warmup 2,"
                + " batch 5, size 16");
    }

    @Test
    void anUnknownPrecisionOrLayoutIsAUsageErrorNamingTheOption() {
        CliRun layout = CliRun.of("model", "bench", "--filters", "2,2,2,2", "--size", "16", "--layout", "nhwc");
        assertThat(layout.exitCode()).as(layout.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(layout.err()).startsWith("--layout: unknown memory layout 'nhwc', expected nchw or channels-last");
        CliRun precision = CliRun.of("train-bench", "--filters", "2,2,2,2", "--size", "16", "--precision", "fp16");
        assertThat(precision.exitCode()).as(precision.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(precision.err()).startsWith("--precision: unknown precision 'fp16', expected auto, fp32 or bf16");
    }

    @Test
    void predictAndItsBenchRefuseBadValuesBeforeLoadingTheModel() {
        String model = dir.resolve("none.xnet").toString();
        assertUsageError(List.of("predict", "--model", model, "--out", dir.resolve("o").toString(), "a.tif",
                "--tile-scale", "0"), "tileScale must be a finite number > 0, got 0.0");
        assertUsageError(List.of("predict", "--model", model, "--out", dir.resolve("o").toString(), "a.tif",
                "--threshold", "1"), "threshold must be in (0, 1), got 1.0");
        assertUsageError(List.of("predict", "bench", "--model", model, "--size", "0"),
                "--size, --repeat and --large must be >= 1, --warmup and --large-repeat >= 0");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void evaluateNamesTheOptionOfEveryValueEvaluationConfigRefuses() {
        Path out = dir.resolve("eval");
        String[] base = {"evaluate", "--model", dir.resolve("none.xnet").toString(), "--data",
                dir.resolve("none.h5").toString(), "--out", out.toString()};
        for (var c : List.of(List.of("--report-images", "-1", "--report-images -1: expected 0 or more"),
                List.of("--threshold", "-0.5", "--threshold -0.5: a soft-tissue probability threshold must be in [0, 1)"),
                List.of("--dilate", "0", "--dilate 0: the bone dilation is a square side, at least 1 pixel (1 leaves "
                        + "the bone as the 10x10 opening left it)"))) {
            List<String> args = new java.util.ArrayList<>(List.of(base));
            args.addAll(c.subList(0, 2));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as("%s", args).isEqualTo(Main.EXIT_USAGE);
            assertThat(run.err().lines().findFirst()).as("%s", args).hasValue(c.get(2));
            assertThat(run.err()).as("usage help follows").contains("Usage: xnet evaluate");
        }
        List<String> split = new java.util.ArrayList<>(List.of(base));
        split.addAll(List.of("--split", "dev"));
        assertUsageError(split, "unknown split 'dev': expected train, val or test");
        assertThat(out).doesNotExist();
    }

    @Test
    void trainPrepareSynthAndDemoRefuseBadValuesBeforeWritingAnything() {
        Path out = dir.resolve("o");
        assertUsageError(List.of("train", "--data", dir.resolve("d.h5").toString(), "--out", out.toString(),
                "--kernel", "4", "--no-progress"), "kernel_size must be odd and positive, got 4");
        assertUsageError(List.of("prepare", "--images", dir.toString(), "--labels", dir.toString(), "--out",
                out.toString(), "--train-fraction", "1.5"), "train fraction must be in (0, 1), got 1.5");
        assertUsageError(List.of("synth", "--ct", dir.toString(), "--out", out.toString(), "--views", "0"),
                "views must be positive, got 0");
        // refused when the request is made, not after synthesising and preparing the data
        assertUsageError(List.of("demo", "--out", out.toString(), "--filters", "8,16"),
                "xnet needs 4 filter depths, got 2: [8, 16]");
        assertUsageError(List.of("demo", "--out", out.toString(), "--size", "5000"),
                "size must be in [16, 4096] pixels, got 5000");
        assertThat(out).doesNotExist();
    }
}
