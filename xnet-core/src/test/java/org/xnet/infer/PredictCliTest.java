package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.xnet.core.Provenance;
import org.xnet.io.DatasetFile;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.Workload;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.cli.Main;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.io.ImageReaders;
import org.xnet.io.ImageWriters;
import picocli.CommandLine;

/** {@code xnet predict} end to end with a tiny untrained model file. */
class PredictCliTest {
    @TempDir
    static Path shared;
    private static Path model;

    @BeforeAll
    static void makeModel() throws Exception {
        model = ModelFileRoundTripTest.tinyModelFile(shared, 32, 3);
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("predict", "--no-progress"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static Path inputs(Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        ImageWriters.writeTiff16(TinyModels.smooth(37, 53, 1), in.resolve("a_good.tif"));
        Files.write(in.resolve("b_bad.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        ImageWriters.writeTiff16(TinyModels.smooth(20, 90, 2), in.resolve("c_good.tif"));
        return in;
    }

    @Test
    void aBadFileIsReportedAndSkippedAndTheOthersAreWritten(@TempDir Path dir) throws Exception {
        Path in = inputs(dir);
        Path out = dir.resolve("out");
        Run r = run("--model", model.toString(), in.toString(), "--out", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().toList()).singleElement().asString().startsWith("xnet: ").contains("b_bad.png");
        assertThat(r.out()).contains("2 image(s) segmented, 1 failed");
        assertSize(out.resolve("a_good_mask.png"), 37, 53);
        assertSize(out.resolve("a_good_colour.png"), 37, 53);
        assertSize(out.resolve("c_good_mask.png"), 20, 90);
        assertThat(out.resolve("b_bad_mask.png")).doesNotExist();
        assertThat(Files.list(out).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        Provenance record = new ObjectMapper().readValue(out.resolve(BatchPredictor.RUN_RECORD).toFile(), Provenance.class);
        RuntimeOptions chosen = Kernels.resolve(RuntimeRequest.AUTO, Workload.INFERENCE);
        assertThat(record.details()).containsEntry("model", model.toString())
                .containsEntry("model_sha256", DatasetFile.sha256(model))
                .containsEntry("precision", chosen.precision().cliName())
                .containsEntry("layout", chosen.layout().cliName())
                .containsEntry("engine", "PyTorch " + ai.djl.engine.Engine.getInstance().getVersion())
                .containsEntry("inputs", "3").containsEntry("predicted", "2").containsEntry("failed", "1")
                .containsKeys("threads", "djl", "cpu", "onednn", "options");
    }

    @Test
    void failFastStopsAtTheFirstBadFile(@TempDir Path dir) throws Exception {
        Path in = inputs(dir);
        Path out = dir.resolve("out");
        Run r = run("--model", model.toString(), in.toString(), "--out", out.toString(), "--fail-fast",
                "--batch-size", "1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().toList()).singleElement().asString().contains("b_bad.png");
        assertThat(out.resolve("a_good_mask.png")).exists();
        assertThat(out.resolve("c_good_mask.png")).doesNotExist();
    }

    @Test
    void tiledWithEveryOptionalOutputKeepsTheInputSize(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        ImageWriters.writeTiff16(TinyModels.smooth(37, 53, 5), in.resolve("odd.tif"));
        Path out = dir.resolve("out");
        Run r = run("--model", model.toString(), in.resolve("*.tif").toString(), "--out", out.toString(), "--tiled",
                "--tta", "--threshold", "0.5", "--dilate", "3", "--format", "tiff", "--overlay", "--probabilities");
        assertThat(r.exit()).as(r.err()).isZero();
        for (String suffix : List.of("_mask.tif", "_colour.png", "_overlay.png", "_prob_open_beam.tif",
                "_prob_soft_tissue.tif", "_prob_bone.tif")) {
            assertSize(out.resolve("odd" + suffix), 37, 53);
        }
        Image2D mask = ImageReaders.read(out.resolve("odd_mask.tif"));
        assertThat(mask.min()).isGreaterThanOrEqualTo(0f);
        assertThat(mask.max()).isLessThanOrEqualTo(2f);
        Image2D sum = ImageReaders.read(out.resolve("odd_prob_open_beam.tif"));
        Image2D tissue = ImageReaders.read(out.resolve("odd_prob_soft_tissue.tif"));
        Image2D bone = ImageReaders.read(out.resolve("odd_prob_bone.tif"));
        for (int i = 0; i < sum.data().length; i++) {
            assertThat(sum.data()[i] + tissue.data()[i] + bone.data()[i]).isCloseTo(1f,
                    org.assertj.core.api.Assertions.within(1e-5f));
        }
    }

    @Test
    void theIndexMaskIsTheArgmaxOfTheWrittenProbabilities(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        ImageWriters.writeTiff16(TinyModels.smooth(41, 29, 6), in.resolve("x.tif"));
        Path out = dir.resolve("out");
        assertThat(run("--model", model.toString(), in.resolve("x.tif").toString(), "--out", out.toString(),
                "--probabilities").exit()).isZero();
        float[] p = new float[3 * 41 * 29];
        int k = 0;
        for (String c : List.of("open_beam", "soft_tissue", "bone")) {
            float[] d = ImageReaders.read(out.resolve("x_prob_" + c + ".tif")).data();
            System.arraycopy(d, 0, p, k, d.length);
            k += d.length;
        }
        LabelMap expected = new org.xnet.core.ProbabilityMap(41, 29, 3, p).argmax();
        Image2D mask = ImageReaders.read(out.resolve("x_mask.png"));
        for (int i = 0; i < mask.data().length; i++) {
            assertThat((int) mask.data()[i]).as("pixel %d", i).isEqualTo(expected.data()[i]);
        }
    }

    @Test
    void invertSegmentsTheMirroredImage(@TempDir Path dir) throws Exception {
        Image2D image = TinyModels.smooth(30, 26, 9);
        Path in = Files.createDirectories(dir.resolve("in"));
        ImageWriters.writeTiffFloat(image, in.resolve("plain.tif"));
        ImageWriters.writeTiffFloat(BatchPredictor.invert(image), in.resolve("mirrored.tif"));
        Path out = dir.resolve("out");
        assertThat(run("--model", model.toString(), in.resolve("plain.tif").toString(), "--out", out.toString(),
                "--invert", "--probabilities").exit()).isZero();
        assertThat(run("--model", model.toString(), in.resolve("mirrored.tif").toString(), "--out", out.toString(),
                "--probabilities").exit()).isZero();
        for (String c : List.of("open_beam", "soft_tissue", "bone")) {
            float[] a = ImageReaders.read(out.resolve("plain_prob_" + c + ".tif")).data();
            float[] b = ImageReaders.read(out.resolve("mirrored_prob_" + c + ".tif")).data();
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).isCloseTo(b[i], org.assertj.core.api.Assertions.within(1e-6f));
            }
        }
    }

    @Test
    void missingOutOrInputIsAUsageError() {
        // no --model is not an error: the built-in model is used (BuiltinModelTest)
        assertThat(run("somefile.tif").exit()).isEqualTo(2);
        assertThat(run("--out", "x").exit()).isEqualTo(2);
        assertThat(run("--model", model.toString(), "somefile.tif").exit()).isEqualTo(2);
    }

    @Test
    void inputsThatWouldWriteTheSameOutputsOrAreNoGlobAreUsageErrors(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        ImageWriters.writeTiff16(TinyModels.smooth(20, 20, 1), in.resolve("a.tif"));
        ImageWriters.writeTiff16(TinyModels.smooth(20, 20, 2), in.resolve("A.tiff"));
        Path out = dir.resolve("out");
        Run same = run("--model", model.toString(), in.toString(), "--out", out.toString());
        assertThat(same.exit()).isEqualTo(2);
        assertThat(same.err().lines().toList()).singleElement().asString().startsWith("xnet: inputs ")
                .contains("would write the same outputs (a_*)");
        assertThat(out).doesNotExist();
        Run glob = run("--model", model.toString(), in + "/[a.tif", "--out", out.toString());
        assertThat(glob.exit()).isEqualTo(2);
        assertThat(glob.err().lines().toList()).singleElement().asString().startsWith("xnet: Missing '").contains("near index");
    }

    @Test
    void aMissingModelFileIsOneLineNamingIt(@TempDir Path dir) {
        Run r = run("--model", dir.resolve("nope.xnet").toString(), "a.tif", "--out", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().toList()).singleElement().asString().contains("nope.xnet");
    }

    private static void assertSize(Path file, int width, int height) throws Exception {
        assertThat(file).exists();
        Image2D image = ImageReaders.read(file);
        assertThat(image.sizeString()).as(file.toString()).isEqualTo(width + "x" + height);
    }
}
