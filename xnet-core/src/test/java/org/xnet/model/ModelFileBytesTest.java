package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Provenance;
import org.xnet.core.XNetException;

/**
 * {@link ModelFile#load(byte[], String, NDManager)}, its stream variant and
 * {@link ModelFile#readMetadata(byte[], String)}: the same model as from the file, and every defect
 * a file is refused for refused alike, named by the caller's name.
 */
class ModelFileBytesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "broadcast:model-3";

    @TempDir
    Path dir;

    private static ModelMetadata metadata(ModelSpec spec) {
        return ModelMetadata.standard(spec, 64, Provenance.now(7, "", Map.of("config", "test")), Map.of());
    }

    private Path save(ModelSpec spec, String name, boolean trainOnce) throws XNetException {
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(spec, m, 11);
            if (trainOnce) {
                // moves the batch-norm running statistics away from their initial values
                net.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0f, 1f, new Shape(2, 1, 16, 16))), true);
            }
            Path file = dir.resolve(name);
            ModelFile.save(file, metadata(spec), net);
            return file;
        }
    }

    @Test
    void bytesAndAStreamGiveTheModelOfTheFile() throws Exception {
        for (ModelSpec spec : new ModelSpec[] {NetworksTest.tiny(Architecture.XNET).withSharedWeights(true),
                NetworksTest.tiny(Architecture.UNET), NetworksTest.tiny(Architecture.SEGNET).withKernelSize(5)}) {
            Path file = save(spec, spec.architecture().cliName() + ".xnet", true);
            byte[] bytes = Files.readAllBytes(file);
            assertThat(ModelFile.readMetadata(bytes, NAME)).isEqualTo(ModelFile.readMetadata(file));
            try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(file)) {
                NDArray x = m.randomUniform(0f, 1f, new Shape(2, 1, 24, 19));
                LoadedModel fromFile = ModelFile.load(file, m);
                float[] expected = Networks.probabilities(fromFile.network(), x).toFloatArray();
                for (LoadedModel loaded : List.of(ModelFile.load(bytes, NAME, m), ModelFile.load(in, NAME, m))) {
                    assertThat(loaded.metadata()).isEqualTo(fromFile.metadata());
                    assertThat(Networks.probabilities(loaded.network(), x).toFloatArray()).containsExactly(expected);
                }
            }
        }
    }

    @Test
    void everyDefectOfAFileIsReportedAlikeFromItsBytes() throws Exception {
        List<Path> bad = defectiveFiles();
        for (Path file : bad) {
            String fromFile = loadFailure(file + " as a file", () -> load(file));
            String fromBytes = loadFailure(file + " as bytes", () -> load(Files.readAllBytes(file)));
            assertThat(fromFile).as(file.getFileName().toString()).startsWith(file + ": ");
            assertThat(fromBytes).as(file.getFileName().toString()).startsWith(NAME + ": ");
            if (fromFile.contains("corrupt or truncated model file")) {
                // the zip library's own words in parentheses differ between a file and a stream
                assertThat(fromBytes).as(file.getFileName().toString()).contains(": corrupt or truncated model file (");
            } else {
                assertThat(fromBytes).as(file.getFileName().toString()).isEqualTo(fromFile.replace(file.toString(), NAME));
            }
        }
        assertThat(bad).hasSizeGreaterThan(15);
    }

    @Test
    void metadataFromBytesIsCheckedAsFromAFile() throws Exception {
        Path whole = save(NetworksTest.tiny(Architecture.XNET), "whole.xnet", false);
        byte[] bytes = Files.readAllBytes(whole);
        assertThatThrownBy(() -> ModelFile.readMetadata(Arrays.copyOf(bytes, bytes.length - 1), NAME))
                .isInstanceOf(XNetException.class).hasMessageStartingWith(NAME + ": corrupt or truncated model file");
        byte[] future = zip(Map.of("model.json", "{\"formatVersion\": 99}".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> ModelFile.readMetadata(future, NAME)).isInstanceOf(XNetException.class)
                .hasMessage(NAME + ": model file format version 99, this xnet reads version 1");
    }

    @Test
    void anUnreadableStreamNamesTheName() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ModelFile.load(failing, NAME, m)).isInstanceOf(XNetException.class)
                    .hasMessage(NAME + ": cannot read the model file: connection reset");
        }
    }

    /** Model files with each defect ModelFileTest refuses: cut anywhere, corrupt, foreign, invalid, misfit. */
    private List<Path> defectiveFiles() throws Exception {
        List<Path> files = new ArrayList<>();
        Path whole = save(NetworksTest.tiny(Architecture.XNET), "whole.xnet", false);
        byte[] bytes = Files.readAllBytes(whole);
        int end = bytes.length - 22;
        int centralDirectory = ByteBuffer.wrap(bytes, end + 16, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int directoryAndEnd = bytes.length - centralDirectory;
        for (int cut : new int[] {1, 21, 22, 30, directoryAndEnd / 2, directoryAndEnd, directoryAndEnd + 10,
            bytes.length / 2, bytes.length - 40, bytes.length - 3}) {
            files.add(Files.write(dir.resolve("cut" + cut + ".xnet"), Arrays.copyOf(bytes, bytes.length - cut)));
        }
        byte[] corrupt = bytes.clone();
        for (int i = corrupt.length / 2; i < corrupt.length / 2 + 16; i++) {
            corrupt[i] ^= 0x5A;
        }
        files.add(Files.write(dir.resolve("corrupt.xnet"), corrupt));

        Path picture = dir.resolve("picture.xnet");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png", picture.toFile());
        files.add(picture);
        files.add(Files.write(dir.resolve("tiny.xnet"), new byte[] {'P', 'K'}));
        files.add(Files.write(dir.resolve("other.xnet"), zip(Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8)))));
        files.add(Files.write(dir.resolve("future.xnet"), zip(Map.of("model.json",
                "{\"formatVersion\": 99}".getBytes(StandardCharsets.UTF_8)))));
        files.add(Files.write(dir.resolve("notjson.xnet"), zip(Map.of("model.json",
                "{formatVersion".getBytes(StandardCharsets.UTF_8)))));

        ModelSpec segnet = NetworksTest.tiny(Architecture.SEGNET);
        ObjectNode json = JSON.valueToTree(metadata(segnet));
        ((ObjectNode) json.get("spec")).remove("filters");
        files.add(Files.write(dir.resolve("nofilters.xnet"), zip(Map.of("model.json", JSON.writeValueAsBytes(json)))));
        byte[] segnetJson = JSON.writeValueAsBytes(metadata(segnet));
        files.add(Files.write(dir.resolve("noweights.xnet"), zip(Map.of("model.json", segnetJson))));

        byte[] weights;
        try (ZipFile zip = new ZipFile(save(segnet, "segnet.xnet", false).toFile())) {
            weights = zip.getInputStream(zip.getEntry("weights.bin")).readAllBytes();
        }
        byte[] flipped = weights.clone();
        for (int i = 5; i < 13; i++) {
            flipped[i] ^= (byte) 0xA5;
        }
        files.add(Files.write(dir.resolve("flipped.xnet"), zip(Map.of("model.json", segnetJson, "weights.bin", flipped))));
        files.add(Files.write(dir.resolve("short.xnet"), zip(Map.of("model.json", segnetJson,
                "weights.bin", Arrays.copyOf(weights, weights.length - 100)))));
        byte[] longer = Arrays.copyOf(weights, weights.length + 7);
        files.add(Files.write(dir.resolve("long.xnet"), zip(Map.of("model.json", segnetJson, "weights.bin", longer))));
        byte[] otherJson = JSON.writeValueAsBytes(metadata(segnet.withFilters(4, 8, 8, 32)));
        files.add(Files.write(dir.resolve("mixed.xnet"), zip(Map.of("model.json", otherJson, "weights.bin", weights))));
        return files;
    }

    private interface Load {
        void run() throws Exception;
    }

    private static void load(Path file) throws XNetException {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelFile.load(file, m);
        }
    }

    private static void load(byte[] bytes) throws XNetException {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelFile.load(bytes, NAME, m);
        }
    }

    /** The message of the XNetException that {@code load} of {@code what} throws. */
    private static String loadFailure(String what, Load load) {
        try {
            load.run();
        } catch (XNetException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(what + ": expected an XNetException, got " + e, e);
        }
        throw new AssertionError(what + ": expected an XNetException, the model loaded");
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : new TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        return out.toByteArray();
    }
}
