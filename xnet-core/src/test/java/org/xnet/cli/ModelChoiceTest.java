package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model choice is read one way by every command: the same names, the same refusals. */
class ModelChoiceTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownArchitectureIsTheSameUsageErrorEverywhere() {
        for (String[] args : new String[][] {
                {"model", "summary", "--arch", "resnet"},
                {"train-bench", "--arch", "resnet"},
                {"train", "--data", "d.h5", "--out", dir.resolve("o").toString(), "--arch", "resnet"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(Main.EXIT_USAGE);
            assertThat(run.err()).as(String.join(" ", args)).startsWith("Invalid value for option '--arch': "
                    + "unknown architecture 'resnet', expected one of [xnet, unet, segnet]");
        }
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void trainTakesTheConfigsArchitectureUnlessArchIsGiven() throws Exception {
        Path config = Files.writeString(dir.resolve("unet.json"), "{\"architecture\": \"unet\"}");
        Path out = dir.resolve("o");
        String[] base = {"train", "--config", config.toString(), "--data", dir.resolve("none.h5").toString(), "--out",
                out.toString(), "--filters", "4,8,8,16", "--no-progress"};
        // the config's unet reads 5 filter depths: 4 are refused
        CliRun fromConfig = CliRun.of(base);
        assertThat(fromConfig.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(fromConfig.err()).contains("unet needs 5 filter depths");
        // --arch (any case) overrides it: the settings pass and the missing dataset is what stops the run
        String[] given = java.util.Arrays.copyOf(base, base.length + 2);
        given[base.length] = "--arch";
        given[base.length + 1] = "XNet";
        CliRun overridden = CliRun.of(given);
        assertThat(overridden.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(overridden.err()).contains("none.h5").doesNotContain("filter depths");
        assertThat(out).doesNotExist();
    }

    @Test
    void trainBenchChoosesItsNetworkAsModelBenchDoes() {
        CliRun help = CliRun.of("train-bench", "--help");
        assertThat(help.out()).contains("--arch=ARCH", "xnet, unet or segnet (default: xnet)", "--filters=N",
                "--kernel=K", "--share-weights");
        CliRun shared = CliRun.of("train-bench", "--arch", "unet", "--share-weights");
        assertThat(shared.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(shared.err()).isEqualTo("xnet: weight sharing exists only for xnet, not unet" + System.lineSeparator());
    }
}
