package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.io.DatasetFile;
import org.xnet.testutil.PhantomData;

class BenchmarkCommandTest {
    @TempDir
    Path dir;

    @Test
    void unknownModelIsAUsageError() {
        CliRun run = CliRun.of("benchmark", "--data", "d.h5", "--out", dir.resolve("o").toString(), "--models", "xnet,vgg");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown model 'vgg'");
    }

    @Test
    void unknownPrecisionIsAUsageError() {
        CliRun run = CliRun.of("benchmark", "--data", "d.h5", "--out", dir.resolve("o").toString(), "--precision", "fp16");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown precision 'fp16', expected auto, fp32 or bf16");
    }

    @Test
    void nonEmptyOutputFolderNeedsOverwrite() throws Exception {
        Files.writeString(dir.resolve("earlier.txt"), "x");
        CliRun run = CliRun.of("benchmark", "--data", "d.h5", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(dir + " is not empty").contains("--overwrite");
    }

    @Test
    void tinySegNetRunPrintsItsLineAndWritesTheTables() throws Exception {
        Path data = dir.resolve("data.h5");
        DatasetFile.write(PhantomData.dataset(16, 6, 2, 2, 3), data);
        Path out = dir.resolve("bench");
        CliRun run = CliRun.of("benchmark", "--data", data.toString(), "--out", out.toString(), "--models", "segnet",
                "--epochs", "1", "--filters", "2,4,4,8", "--timed-steps", "1", "--timed-predictions", "1", "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("[1/3] segnet: training [2, 4, 4, 8] (at most 1 epochs");
        assertThat(run.out()).containsPattern("segnet +accuracy \\d+\\.\\d\\d % -> ").contains("benchmark.md");
        assertThat(out.resolve("benchmark.md")).content().contains("| segnet | [2, 4, 4, 8] | ");
    }
}
