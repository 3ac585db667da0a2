package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Image2D;
import org.xnet.core.Normalise;
import org.xnet.core.Provenance;
import org.xnet.core.XNetException;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelMetadata;
import org.xnet.model.Networks;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.SegmentationNet;

public class ModelFileRoundTripTest {

    /**
     * Writes an untrained tiny XNet (seeded) with a {@code size x size} input as a model file (public:
     * the front-end modules' tests use it through the test jar).
     */
    public static Path tinyModelFile(Path dir, int size, int seed) throws XNetException {
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(TinyModels.TINY_XNET, m, seed);
            Path file = dir.resolve("tiny-" + seed + ".xnet");
            ModelFile.save(file, ModelMetadata.standard(TinyModels.TINY_XNET, size, Provenance.now(seed, "none", Map.of()),
                    Map.of()), net);
            return file;
        }
    }

    @Test
    void predictionFromASavedAndLoadedModelIsIdentical(@TempDir Path dir) throws Exception {
        Image2D image = TinyModels.smooth(61, 47, 8);
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(TinyModels.TINY_XNET, m, 13);
            Path file = dir.resolve("m.xnet");
            ModelFile.save(file, ModelMetadata.standard(TinyModels.TINY_XNET, 32, Provenance.now(13, "none", Map.of()),
                    Map.of()), net);
            Segmenter original = new Segmenter(net, m.newSubManager(), 3, 32, 32, Normalise::meanThenMinMax);
            try (Segmenter loaded = Segmenter.load(file, RuntimeOptions.FP32_NCHW)) {
                assertThat(loaded.inputWidth()).isEqualTo(32);
                for (SegmenterOptions o : new SegmenterOptions[] {SegmenterOptions.resize(), SegmenterOptions.tiled()}) {
                    assertThat(loaded.probabilities(image, o)).isEqualTo(original.probabilities(image, o));
                }
            }
        }
    }

    @Test
    void aFileThatIsNotAModelIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path bogus = Files.writeString(dir.resolve("bogus.xnet"), "hello");
        assertThatThrownBy(() -> Segmenter.load(bogus)).isInstanceOf(XNetException.class)
                .hasMessageContaining("bogus.xnet");
    }
}
