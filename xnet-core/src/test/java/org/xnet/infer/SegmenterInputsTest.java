package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Image2D;
import org.xnet.core.Provenance;
import org.xnet.core.XNetException;
import org.xnet.io.ImageReaders;
import org.xnet.io.ImageWriters;
import org.xnet.model.MemoryLayout;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelMetadata;
import org.xnet.model.ModelSpec;
import org.xnet.model.Networks;
import org.xnet.model.Precision;
import org.xnet.model.RuntimeOptions;

/** A segmenter loaded from a model file's bytes or a stream predicts as one loaded from the file. */
class SegmenterInputsTest {
    private static final RuntimeOptions BF16 = new RuntimeOptions(Precision.BF16, MemoryLayout.CHANNELS_LAST);

    @TempDir
    Path dir;

    @Test
    void bytesAndAStreamGiveTheSegmenterOfTheFile() throws Exception {
        Path file = ModelFileRoundTripTest.tinyModelFile(dir, 32, 17);
        byte[] bytes = Files.readAllBytes(file);
        Image2D image = TinyModels.smooth(70, 45, 4);
        for (RuntimeOptions arithmetic : List.of(RuntimeOptions.FP32_NCHW, BF16)) {
            try (Segmenter fromFile = Segmenter.load(file, arithmetic);
                 InputStream in = Files.newInputStream(file);
                 Segmenter fromStream = Segmenter.load(in, "model from a stream", arithmetic);
                 Segmenter fromBytes = Segmenter.load(bytes, "model from bytes", arithmetic)) {
                assertThat(fromBytes.inputWidth()).isEqualTo(32);
                assertThat(fromBytes.trainableParameters()).isEqualTo(fromFile.trainableParameters());
                for (SegmenterOptions o : List.of(SegmenterOptions.resize(), SegmenterOptions.tiled().withTta(true))) {
                    assertThat(fromBytes.probabilities(image, o)).as(arithmetic.describe() + " " + o)
                            .isEqualTo(fromFile.probabilities(image, o));
                    assertThat(fromStream.probabilities(image, o)).as(arithmetic.describe() + " " + o)
                            .isEqualTo(fromFile.probabilities(image, o));
                }
            }
        }
        try (Segmenter fp32 = Segmenter.load(bytes, "fp32", RuntimeOptions.FP32_NCHW); Segmenter bf16 = Segmenter.load(bytes, "bf16", BF16)) {
            assertThat(bf16.probabilities(image, SegmenterOptions.resize()))
                    .as("the arithmetic asked for is used").isNotEqualTo(fp32.probabilities(image, SegmenterOptions.resize()));
        }
    }

    @Test
    void anImageReadFromBytesSegmentsAsTheFileDoes() throws Exception {
        Path tiff = dir.resolve("radiograph.tif");
        ImageWriters.writeTiffFloat(TinyModels.smooth(83, 61, 6), tiff);
        try (Segmenter segmenter = Segmenter.load(Files.readAllBytes(ModelFileRoundTripTest.tinyModelFile(dir, 32, 3)),
                "tiny.xnet")) {
            Image2D fromBytes = ImageReaders.read(Files.readAllBytes(tiff), "upload 1");
            assertThat(segmenter.segment(fromBytes, SegmenterOptions.tiled()))
                    .isEqualTo(segmenter.segment(ImageReaders.read(tiff), SegmenterOptions.tiled()));
            assertThat(segmenter.segment(fromBytes, SegmenterOptions.tiled()).sameSize(fromBytes)).isTrue();
        }
    }

    @Test
    void modelsThatCannotSegmentRadiographsAreRefusedByName() throws Exception {
        Path notAModel = Files.writeString(dir.resolve("notes.xnet"), "hello");
        assertThatThrownBy(() -> Segmenter.load(Files.readAllBytes(notAModel), "part-7")).isInstanceOf(XNetException.class)
                .hasMessage("part-7: not an xnet model file (not a zip archive)");

        ModelSpec tiny = TinyModels.TINY_XNET;
        ModelMetadata standard = ModelMetadata.standard(tiny, 32, Provenance.now(1, "none", Map.of()), Map.of());
        Path unnormalised = save("raw.xnet", tiny, new ModelMetadata(standard.formatVersion(), tiny, 32,
                standard.classes(), "none", standard.provenance(), Map.of()));
        assertRefused(unnormalised, "unknown normalisation \"none\", expected \"" + ModelMetadata.PER_IMAGE_NORMALISATION
                + "\"");

        ModelSpec twoClasses = tiny.withClasses(2);
        Path binary = save("binary.xnet", twoClasses, new ModelMetadata(standard.formatVersion(), twoClasses, 32,
                standard.classes().subList(0, 2), ModelMetadata.PER_IMAGE_NORMALISATION, standard.provenance(), Map.of()));
        assertRefused(binary, "the model has 1 input channel(s) and 2 classes, predict needs 1 and 3");
    }

    private Path save(String name, ModelSpec spec, ModelMetadata metadata) throws XNetException {
        try (NDManager m = NDManager.newBaseManager()) {
            Path file = dir.resolve(name);
            ModelFile.save(file, metadata, Networks.initialized(spec, m, 1));
            return file;
        }
    }

    private static void assertRefused(Path file, String why) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertThatThrownBy(() -> Segmenter.load(file)).isInstanceOf(XNetException.class).hasMessage(file + ": " + why);
        assertThatThrownBy(() -> Segmenter.load(bytes, "broadcast 3")).isInstanceOf(XNetException.class)
                .hasMessage("broadcast 3: " + why);
        assertThatThrownBy(() -> Segmenter.load(new ByteArrayInputStream(bytes), "stream 4"))
                .isInstanceOf(XNetException.class).hasMessage("stream 4: " + why);
    }
}
