package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetInfoCommandTest {
    @TempDir
    Path dir;

    @Test
    void summarisesAnH5pyWrittenFile() throws Exception {
        Path file = Path.of(DatasetInfoCommandTest.class.getResource("/h5/original_contiguous.h5").toURI());
        CliRun run = CliRun.of("dataset", "info", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("sha256 ").contains("image size 8x8");
        assertThat(run.out().lines().map(l -> l.strip().replaceAll("\\s+", " ")))
                .contains("neckoffemu 1 0 0 1", "total 3 1 1 5");
    }

    @Test
    void badFileIsOneLineAndExitCodeOne() throws Exception {
        Path file = Files.writeString(dir.resolve("junk.h5"), "junk");
        CliRun run = CliRun.of("dataset", "info", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1).first().asString().startsWith("xnet: ").contains(file.toString());
    }

    @Test
    void missingSubcommandIsAUsageError() {
        assertThat(CliRun.of("dataset").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("dataset", "info").exitCode()).isEqualTo(2);
    }
}
