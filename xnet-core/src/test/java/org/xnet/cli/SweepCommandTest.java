package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.train.ScriptTools;

class SweepCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBadGridPointIsExitOneNamingTheGridAndNothingIsTrained() throws Exception {
        Path data = dir.resolve("tiny.h5");
        ScriptTools.main(new String[] {"dataset", data.toString()});
        Path grid = dir.resolve("grid.json");
        Files.writeString(grid, "{\"filters\": [[4, 8, 8, 16], [64, 128]], \"base\": {\"no_epochs\": 1}}");
        Path out = dir.resolve("sweep");
        CliRun r = CliRun.of("sweep", "--grid", grid.toString(), "--data", data.toString(), "--out", out.toString(),
                "--no-progress");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).startsWith("xnet: ").contains("grid.json").contains("combination 2 of 2")
                .contains("xnet needs 4 filter depths, got 2");
        assertThat(out).doesNotExist();
    }
}
