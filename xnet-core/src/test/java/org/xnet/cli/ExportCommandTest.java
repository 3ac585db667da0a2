package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.model.BuiltinModels;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelSpec;

/** {@code xnet export}: both formats written, usage errors exit 2, a bad model exits 1 and writes nothing. */
class ExportCommandTest {
    @TempDir
    Path dir;
    Path model;

    @BeforeEach
    void tinyModel() throws Exception {
        model = dir.resolve("tiny.xnet");
        ModelFile.writeUntrained(model, ModelSpec.segnet().withFilters(2, 2, 4, 4), 24, 3);
    }

    @Test
    void writesAnOnnxModelOfAFixedSize() throws Exception {
        Path out = dir.resolve("tiny.onnx");
        CliRun r = CliRun.of("export", "--model", model.toString(), "--format", "onnx", "--size", "32x24",
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + out).contains("32x24");
        byte[] onnx = Files.readAllBytes(out);
        // ModelProto field 1 (ir_version) = 7 comes first
        assertThat(onnx).startsWith(0x08, 0x07);
    }

    @Test
    void exportsTheBuiltInModel() throws Exception {
        Path out = dir.resolve("builtin.onnx");
        CliRun r = CliRun.of("export", "--model", "builtin", "--format", "onnx", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(out)).startsWith(0x08, 0x07);
        assertThat(Files.size(out)).as("the weights are in it").isGreaterThan(BuiltinModels.defaultModel().sizeBytes() / 2);
    }

    @Test
    void writesABioImageIoPackage() throws Exception {
        Path out = dir.resolve("tiny.zip");
        Path image = dir.resolve("wide.png");
        BufferedImage png = new BufferedImage(60, 30, BufferedImage.TYPE_BYTE_GRAY);
        png.getRaster().setSample(10, 10, 0, 200);
        ImageIO.write(png, "png", image.toFile());
        CliRun r = CliRun.of("export", "--model", model.toString(), "--format", "bioimageio", "--license",
                "CC-BY-4.0", "--author", "A. Tester", "--test-image", image.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        StringBuilder names = new StringBuilder();
        String rdf = "";
        String testInputHeader = "";
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(out)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.append(e.getName()).append(' ');
                if (e.getName().equals("rdf.yaml")) {
                    rdf = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                } else if (e.getName().equals("test_input.npy")) {
                    testInputHeader = new String(zip.readNBytes(128), StandardCharsets.US_ASCII);
                }
            }
        }
        assertThat(names.toString().split(" ")).containsExactlyInAnyOrder("rdf.yaml", "model.onnx",
                "test_input.npy", "test_output.npy", "cover.png", "README.md");
        JsonNode parsed = new ObjectMapper(new YAMLFactory()).readTree(rdf);
        assertThat(parsed.path("license").asText()).isEqualTo("CC-BY-4.0");
        assertThat(parsed.path("authors").get(0).path("name").asText()).isEqualTo("A. Tester");
        // an untrained model file (xnet model init) is not described as trained on anything
        assertThat(parsed.path("description").asText()).contains("Not trained: random weights")
                .doesNotContain("Trained on");
        // the 60x30 image scaled to the model's 24 px, sides rounded up to multiples of 8: 24x16
        assertThat(testInputHeader).contains("'shape': (1, 1, 16, 24)");
    }

    @Test
    void unknownFormatIsAUsageError() {
        Path out = dir.resolve("x.out");
        CliRun r = CliRun.of("export", "--model", model.toString(), "--format", "tflite", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--format must be onnx or bioimageio, got tflite");
        assertThat(out).doesNotExist();
    }

    @Test
    void optionsOfTheOtherFormatAndBadValuesAreUsageErrors() {
        String m = model.toString();
        String out = dir.resolve("x.zip").toString();
        assertThat(CliRun.of("export", "--model", m, "--format", "bioimageio", "--out", out).err())
                .contains("needs --license");
        assertThat(CliRun.of("export", "--model", m, "--format", "onnx", "--size", "0x5", "--out", out).err())
                .contains("--size");
        assertThat(CliRun.of("export", "--model", m, "--format", "onnx", "--license", "MIT", "--out", out).exitCode())
                .isEqualTo(Main.EXIT_USAGE);
        CliRun badLicence = CliRun.of("export", "--model", m, "--format", "bioimageio", "--license", "my licence",
                "--out", out);
        assertThat(badLicence.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(badLicence.err()).contains("--license").contains("SPDX");
        assertThat(Path.of(out)).doesNotExist();
    }

    @Test
    void unreadableModelExitsOneNamingTheFileAndWritesNothing() throws Exception {
        Path broken = dir.resolve("broken.xnet");
        Files.writeString(broken, "not a model");
        Path out = dir.resolve("broken.onnx");
        CliRun r = CliRun.of("export", "--model", broken.toString(), "--format", "onnx", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains(broken.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out).doesNotExist();
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("tiny.xnet", "broken.xnet");
    }
}
