package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.cli.Main;
import org.xnet.core.Image2D;
import org.xnet.core.Provenance;
import org.xnet.core.Sha256;
import org.xnet.core.XNetException;
import org.xnet.io.ImageReaders;
import org.xnet.io.ImageWriters;
import org.xnet.model.BuiltinModels;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelMetadata;
import picocli.CommandLine;

/**
 * The model that ships in the jar (docs/MODELS.md): the registry matches the file, the file carries
 * how it was made, and {@code xnet predict} uses it when no model is given.
 */
class BuiltinModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] resource(String file) throws Exception {
        try (InputStream in = BuiltinModels.class.getResourceAsStream(BuiltinModels.RESOURCE_DIR + file)) {
            assertThat(in).as("%s on the classpath", file).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void theRegistryMatchesTheModelFileOnTheClasspath() throws Exception {
        BuiltinModels.Entry model = BuiltinModels.defaultModel();
        byte[] bytes = resource(model.file());
        assertThat(bytes).hasSize((int) model.sizeBytes());
        assertThat(Sha256.of(bytes)).isEqualTo(model.sha256());
        assertThat(model.bytes()).isEqualTo(bytes);
        assertThat(model.heldOut()).isNotEmpty().allSatisfy(h -> {
            assertThat(h.plain().accuracy()).isBetween(0.0, 1.0);
            assertThat(h.postProcessed().softTissueFpRate()).isBetween(0.0, 1.0);
        });
    }

    @Test
    void theModelFileRecordsHowItWasMade() throws Exception {
        BuiltinModels.Entry model = BuiltinModels.defaultModel();
        ModelMetadata meta = ModelFile.readMetadata(model.bytes(), model.label());
        Provenance p = meta.provenance();
        assertThat(p.seed()).isEqualTo(1);
        assertThat(p.datasetSha256()).matches("[0-9a-f]{64}");
        assertThat(p.created()).isEqualTo("2026-12-05T00:00:00Z");   // SOURCE_DATE_EPOCH of the recipe
        assertThat(p.details()).containsKeys("config", "engine", "djl", "java", "arithmetic", "threads");
        assertThat(JSON.readTree(p.details().get("config")).get("share_weights").asBoolean()).isTrue();
        assertThat(meta.spec().filters()).as("scripts/train-builtin-model.sh").containsExactly(8, 16, 32, 64);
        try (Segmenter segmenter = Segmenter.loadBuiltin(model.name())) {
            assertThat(segmenter.trainableParameters()).isEqualTo(model.parameters());
        }
    }

    @Test
    void aDamagedOrUnknownModelIsRefusedByName() throws Exception {
        BuiltinModels.Entry real = BuiltinModels.defaultModel();
        BuiltinModels.Entry wrongHash = new BuiltinModels.Entry(real.name(), real.file(), "", real.sizeBytes(),
                "0".repeat(64), real.parameters(), List.of());
        assertThatThrownBy(wrongHash::bytes).isInstanceOf(XNetException.class)
                .hasMessageStartingWith("builtin:" + real.name() + ": ").hasMessageContaining("is damaged");
        assertThatThrownBy(() -> Segmenter.loadBuiltin("no-such-model")).isInstanceOf(XNetException.class)
                .hasMessage("no built-in model called 'no-such-model'; built in: " + real.name());
    }

    @Test
    void predictWithoutModelUsesTheBuiltinModelAndNamesItInTheRunRecord(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        ImageWriters.writeTiff16(TinyModels.smooth(37, 53, 1), in.resolve("tiny.tif"));
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("predict", "--no-progress", in.toString(), "--out", out.toString());
        assertThat(exit).as(err.toString()).isZero();
        Image2D mask = ImageReaders.read(out.resolve("tiny_mask.png"));
        assertThat(mask.width()).isEqualTo(37);
        assertThat(mask.height()).isEqualTo(53);
        BuiltinModels.Entry model = BuiltinModels.defaultModel();
        Provenance record = JSON.readValue(out.resolve(BatchPredictor.RUN_RECORD).toFile(), Provenance.class);
        assertThat(record.details()).containsEntry("model", "builtin:" + model.name())
                .containsEntry("model_sha256", model.sha256());
    }

    @Test
    void modelsListsTheBuiltinModelWithSizeHashAndHeldOutAccuracy() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute("models")).isZero();
        BuiltinModels.Entry model = BuiltinModels.all().get(0);
        assertThat(out.toString()).startsWith(model.name() + " (default)").contains("sha256 " + model.sha256())
                .contains(String.format(java.util.Locale.ROOT, "%.1f MB", model.sizeBytes() / 1e6))
                .contains("held out " + model.heldOut().get(0).volume());
    }
}
