package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Provenance;
import org.xnet.core.XNetException;

class ModelFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ModelMetadata metadata(ModelSpec spec) {
        return ModelMetadata.standard(spec, 64, Provenance.now(7, "", Map.of("config", "test")), Map.of("note", "tiny"));
    }

    private Path saveTiny(ModelSpec spec, String name) throws XNetException {
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(spec, m, 11);
            Path file = dir.resolve(name);
            ModelFile.save(file, metadata(spec), net);
            return file;
        }
    }

    @Test
    void roundTripReproducesOutputsBitForBit() throws Exception {
        for (ModelSpec spec : new ModelSpec[] {NetworksTest.tiny(Architecture.XNET).withSharedWeights(true),
                NetworksTest.tiny(Architecture.UNET), NetworksTest.tiny(Architecture.SEGNET).withKernelSize(5)}) {
            Path file = dir.resolve(spec.architecture().cliName() + ".xnet");
            float[] before;
            float[] input;
            try (NDManager m = NDManager.newBaseManager()) {
                SegmentationNet net = Networks.initialized(spec, m, 21);
                NDArray x = m.randomUniform(0f, 1f, new Shape(2, 1, 24, 19));
                input = x.toFloatArray();
                // a training pass moves the batch-norm running statistics away from their initial values
                net.forward(new ParameterStore(m, false), new NDList(x), true);
                before = Networks.probabilities(net, x).toFloatArray();
                ModelFile.save(file, metadata(spec), net);
            }
            try (NDManager m = NDManager.newBaseManager()) {
                LoadedModel loaded = ModelFile.load(file, m);
                assertThat(loaded.metadata()).isEqualTo(ModelFile.readMetadata(file));
                assertThat(loaded.network().spec()).isEqualTo(spec);
                NDArray x = m.create(input, new Shape(2, 1, 24, 19));
                assertThat(Networks.probabilities(loaded.network(), x).toFloatArray()).containsExactly(before);
                assertThat(Networks.trainableParameterCount(loaded.network()))
                        .isEqualTo(Networks.trainableParameterCount(Networks.initialized(spec, m, 1)));
            }
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "xnet.xnet", "unet.xnet", "segnet.xnet");
        }
    }

    @Test
    void metadataRoundTripsThroughJson() throws Exception {
        ModelSpec spec = NetworksTest.tiny(Architecture.XNET);
        ModelMetadata expected = metadata(spec);
        Path file = dir.resolve("m.xnet");
        try (NDManager m = NDManager.newBaseManager()) {
            ModelFile.save(file, expected, Networks.initialized(spec, m, 1));
        }
        ModelMetadata actual = ModelFile.readMetadata(file);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.classes()).extracting(ModelMetadata.ClassInfo::name)
                .containsExactly("open beam", "soft tissue", "bone");
        assertThat(actual.classes()).extracting(ModelMetadata.ClassInfo::colour)
                .containsExactly("#FFFFFF", "#FFFF00", "#0000FF");
        assertThat(actual.normalisation()).isEqualTo("per-image: subtract mean, min-max to [0,1]");
    }

    @Test
    void truncatedFileIsReported() throws Exception {
        Path file = saveTiny(NetworksTest.tiny(Architecture.XNET), "t.xnet");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertLoadFails(file, "corrupt or truncated model file");
    }

    @Test
    void fileCutAnywhereIsReported() throws Exception {
        Path whole = saveTiny(NetworksTest.tiny(Architecture.XNET), "whole.xnet");
        byte[] bytes = Files.readAllBytes(whole);
        int end = bytes.length - 22; // the end-of-central-directory record (no zip comment)
        assertThat(Arrays.copyOfRange(bytes, end, end + 4)).containsExactly('P', 'K', 5, 6);
        int centralDirectory = ByteBuffer.wrap(bytes, end + 16, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int directoryAndEnd = bytes.length - centralDirectory;
        int[] removed = {1, 21, 22, 30, directoryAndEnd / 2, directoryAndEnd, directoryAndEnd + 10,
            bytes.length / 2, bytes.length - 40};
        for (int cut : removed) {
            Path file = dir.resolve("cut" + cut + ".xnet");
            Files.write(file, Arrays.copyOf(bytes, bytes.length - cut));
            assertLoadFails(file, "corrupt or truncated model file");
            assertThatThrownBy(() -> ModelFile.readMetadata(file)).isInstanceOf(XNetException.class)
                    .hasMessageContaining("corrupt or truncated model file");
        }
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(ModelFile.load(whole, m).network().spec()).isEqualTo(NetworksTest.tiny(Architecture.XNET));
        }
    }

    @Test
    void missingOrNullMetadataFieldIsNamed() throws Exception {
        ObjectNode json = JSON.valueToTree(metadata(NetworksTest.tiny(Architecture.UNET)));
        ((ObjectNode) json.get("spec")).remove("filters");
        Path missing = dir.resolve("missing.xnet");
        writeZip(missing, "model.json", JSON.writeValueAsString(json));
        assertLoadFails(missing, "model.json is invalid: spec.filters is missing");

        ((ObjectNode) json.get("spec")).putNull("filters");
        Path nulled = dir.resolve("null.xnet");
        writeZip(nulled, "model.json", JSON.writeValueAsString(json));
        assertLoadFails(nulled, "model.json is invalid: spec.filters is null");

        json = JSON.valueToTree(metadata(NetworksTest.tiny(Architecture.UNET)));
        ((ObjectNode) json.get("provenance")).remove("seed");
        Path noSeed = dir.resolve("noseed.xnet");
        writeZip(noSeed, "model.json", JSON.writeValueAsString(json));
        assertLoadFails(noSeed, "model.json is invalid: provenance.seed is missing");

        json = JSON.valueToTree(metadata(NetworksTest.tiny(Architecture.UNET)));
        ((ObjectNode) json.get("spec")).put("kernelSize", 4);
        Path badKernel = dir.resolve("kernel.xnet");
        writeZip(badKernel, "model.json", JSON.writeValueAsString(json));
        assertLoadFails(badKernel, "model.json is invalid: spec: kernelSize must be 3 or 5, got 4");
    }

    @Test
    void corruptWeightStreamIsExplained() throws Exception {
        Path good = saveTiny(NetworksTest.tiny(Architecture.SEGNET), "good.xnet");
        byte[] weights;
        try (var zip = new java.util.zip.ZipFile(good.toFile())) {
            weights = zip.getInputStream(zip.getEntry("weights.bin")).readAllBytes();
        }
        String json = JSON.writeValueAsString(metadata(NetworksTest.tiny(Architecture.SEGNET)));
        for (int at : new int[] {0, 1, 5, 9, 40}) {
            byte[] bad = weights.clone();
            for (int i = at; i < at + 8; i++) {
                bad[i] ^= (byte) 0xA5;
            }
            Path file = dir.resolve("bad" + at + ".xnet");
            writeZip(file, Map.of("model.json", json.getBytes(StandardCharsets.UTF_8), "weights.bin", bad));
            try (NDManager m = NDManager.newBaseManager()) {
                assertThatThrownBy(() -> ModelFile.load(file, m)).isInstanceOf(XNetException.class)
                        .hasMessageStartingWith(file + ": the weights do not fit segnet")
                        .hasMessageNotContaining("null");
            }
        }
        Path cut = dir.resolve("short.xnet");
        writeZip(cut, Map.of("model.json", json.getBytes(StandardCharsets.UTF_8),
                "weights.bin", Arrays.copyOf(weights, weights.length - 100)));
        assertLoadFails(cut, "the weights do not fit segnet with filters [4, 8, 8, 16] and kernel 3 (weights.bin ends early)");
    }

    @Test
    void corruptFileIsReported() throws Exception {
        Path file = saveTiny(NetworksTest.tiny(Architecture.XNET), "c.xnet");
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 16; i++) {
            bytes[i] ^= 0x5A;
        }
        Files.write(file, bytes);
        assertLoadFails(file, "corrupt or truncated model file");
    }

    @Test
    void foreignFileIsReported() throws Exception {
        Path file = dir.resolve("picture.xnet");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
        assertLoadFails(file, "not an xnet model file (not a zip archive)");
        Path zipWithoutModel = dir.resolve("other.xnet");
        writeZip(zipWithoutModel, "readme.txt", "hello");
        assertLoadFails(zipWithoutModel, "not an xnet model file (missing model.json)");
    }

    @Test
    void wrongVersionIsReported() throws Exception {
        Path file = dir.resolve("future.xnet");
        writeZip(file, "model.json", "{\"formatVersion\": 99}");
        assertLoadFails(file, "model file format version 99, this xnet reads version 1");
        assertThatThrownBy(() -> ModelFile.readMetadata(file)).isInstanceOf(XNetException.class)
                .hasMessageContaining("version 99");
    }

    @Test
    void weightsThatDoNotFitTheSpecAreReported() throws Exception {
        Path small = saveTiny(NetworksTest.tiny(Architecture.XNET), "small.xnet");
        ModelSpec other = NetworksTest.tiny(Architecture.XNET).withFilters(4, 8, 8, 32);
        Path mixed = dir.resolve("mixed.xnet");
        byte[] weights;
        try (var zip = new java.util.zip.ZipFile(small.toFile())) {
            weights = zip.getInputStream(zip.getEntry("weights.bin")).readAllBytes();
        }
        try (OutputStream out = Files.newOutputStream(mixed); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("model.json"));
            zip.write(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(metadata(other)));
            zip.putNextEntry(new ZipEntry("weights.bin"));
            zip.write(weights);
        }
        assertLoadFails(mixed, "has shape");
    }

    @Test
    void missingFileAndMissingDirectoryAreReported() throws Exception {
        assertLoadFails(dir.resolve("absent.xnet"), "model file not found");
        ModelSpec spec = NetworksTest.tiny(Architecture.SEGNET);
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(spec, m, 1);
            Path target = dir.resolve("no/such/dir/m.xnet");
            assertThatThrownBy(() -> ModelFile.save(target, metadata(spec), net)).isInstanceOf(XNetException.class)
                    .hasMessageContaining(target.toString()).hasMessageContaining("does not exist");
        }
    }

    @Test
    void overwritesAtomicallyLeavingNoTemporaryFiles() throws Exception {
        ModelSpec spec = NetworksTest.tiny(Architecture.SEGNET);
        saveTiny(spec, "same.xnet");
        Path file = saveTiny(spec, "same.xnet");
        assertThat(ModelFile.readMetadata(file).spec()).isEqualTo(spec);
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    private void assertLoadFails(Path file, String message) {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ModelFile.load(file, m)).isInstanceOf(XNetException.class)
                    .hasMessageStartingWith(file.toString()).hasMessageContaining(message);
        }
    }

    private static void writeZip(Path file, String entry, String text) throws IOException {
        writeZip(file, Map.of(entry, text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void writeZip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : new java.util.TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
    }

    /**
     * The zip entries carry the provenance's creation time, not the clock's, so that a model saved
     * again with the same metadata and weights (a recipe rerun with SOURCE_DATE_EPOCH) has the same bytes.
     */
    @Test
    void savedBytesDependOnlyOnMetadataAndWeights() throws Exception {
        ModelSpec spec = NetworksTest.tiny(Architecture.XNET);
        Provenance fixed = new Provenance("xnet-java", "test", "2026-12-05T00:00:00Z", 3, "", Map.of("config", "c"));
        ModelMetadata metadata = ModelMetadata.standard(spec, 32, fixed, Map.of());
        Path first = dir.resolve("first.xnet");
        Path second = dir.resolve("second.xnet");
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(spec, m, 5);
            ModelFile.save(first, metadata, net);
            ModelFile.save(second, metadata, net);
        }
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        try (var zip = new java.util.zip.ZipFile(first.toFile())) {
            assertThat(zip.stream().map(e -> e.getTimeLocal().toString()))
                    .containsExactly("2026-12-05T00:00", "2026-12-05T00:00");
        }
    }
}
