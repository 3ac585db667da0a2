package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.model.LoadedModel;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelSpec;
import org.xnet.model.Networks;
import picocli.CommandLine;

class ModelCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        Main.ensureOffline();
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void summaryPrintsTheDefaultXNetCountAndEveryLayer() {
        Run r = run("model", "summary", "--arch", "xnet");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("trainable parameters: 11,734,851");
        assertThat(r.out()).containsPattern("(?m)^c14 +\\(1, 64, 200, 200\\) +147,648$");
        assertThat(r.out()).containsPattern("(?m)^head +\\(1, 3, 200, 200\\) +387$");
    }

    @Test
    void summaryOfSegNetAndTinyUNetWithPadding() {
        assertThat(run("model", "summary", "--arch", "SegNet").out()).contains("trainable parameters: 5,462,403");
        Run unet = run("model", "summary", "--arch", "unet", "--filters", "2,2,2,2,2", "--size", "40");
        assertThat(unet.exit()).isZero();
        assertThat(unet.out()).contains("input (1, 1, 40, 40), runs at (1, 1, 48, 48)");
    }

    @Test
    void sharedWeightsAreMarked() {
        Run r = run("model", "summary", "--arch", "xnet", "--filters", "2,2,2,2", "--share-weights");
        assertThat(r.out()).containsPattern("(?m)^c9 .* kernel shared$");
    }

    @Test
    void initThenLoadRoundTrip() throws Exception {
        Path file = dir.resolve("m.xnet");
        Run r = run("model", "init", "--arch", "segnet", "--filters", "2,4,4,8", "--kernel", "5", "--seed", "3",
                "--out", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + file);
        try (NDManager m = NDManager.newBaseManager()) {
            LoadedModel loaded = ModelFile.load(file, m);
            ModelSpec expected = ModelSpec.segnet().withFilters(2, 4, 4, 8).withKernelSize(5);
            assertThat(loaded.network().spec()).isEqualTo(expected);
            assertThat(loaded.metadata().inputSize()).isEqualTo(200);
            assertThat(loaded.metadata().provenance().seed()).isEqualTo(3);
            float[] fromFile = loaded.network().getParameters().get(0).getValue().getArray().toFloatArray();
            float[] fresh = Networks.initialized(expected, m, 3).getParameters().get(0).getValue().getArray()
                    .toFloatArray();
            assertThat(fromFile).containsExactly(fresh);
        }
    }

    @Test
    void badArchitectureIsAUsageError() {
        Run r = run("model", "summary", "--arch", "resnet");
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("unknown architecture 'resnet'");
    }

    @Test
    void invalidSpecIsAUsageError() {
        Run r = run("model", "summary", "--arch", "unet", "--share-weights");
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("xnet: weight sharing exists only for xnet, not unet");
        assertThat(run("model", "summary", "--kernel", "4").exit()).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void initIntoMissingDirectoryIsABadInputError() {
        Path target = dir.resolve("missing/m.xnet");
        Run r = run("model", "init", "--filters", "2,2,2,2", "--out", target.toString());
        assertThat(r.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).startsWith("xnet: " + target).contains("does not exist");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void benchReportsTimesAndPeakMemory() {
        Run r = run("model", "bench", "--arch", "xnet", "--filters", "2,2,2,2", "--size", "32", "--warmup", "1",
                "--repeat", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("xnet input \\(1, 1, 32, 32\\) (fp32|bf16) (nchw|channels-last), folded graph: "
                + "median \\d+\\.\\d ms, "
                + "min \\d+\\.\\d ms "
                + "per forward pass \\(3 passes after 1 warm-up\\)");
        assertThat(r.out()).containsPattern("peak RSS \\d+ MiB");
    }

    @Test
    void benchTimesTheLayerByLayerGraphOnRequestAndRefusesAnUnknownOne() {
        Run r = run("model", "bench", "--arch", "segnet", "--filters", "2,2,2,2", "--size", "16", "--warmup", "0",
                "--repeat", "1", "--graph", "layers", "--precision", "fp32");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("segnet input (1, 1, 16, 16) fp32 ").contains(", layers graph: median");
        Run bad = run("model", "bench", "--filters", "2,2,2,2", "--size", "16", "--graph", "fused");
        assertThat(bad.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(bad.err()).contains("unknown inference graph 'fused', expected folded or layers");
    }
}
