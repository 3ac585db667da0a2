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
import org.xnet.model.FoldedNetwork;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelMetadata;
import org.xnet.model.Networks;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.SegmentationNet;
import org.xnet.testutil.TinyModelFiles;

class ModelFileRoundTripTest {

    /** Writes an untrained tiny XNet (seeded) with a {@code size x size} input as a model file. */
    static Path tinyModelFile(Path dir, int size, int seed) throws XNetException {
        return TinyModelFiles.write(dir, size, seed);
    }

    /**
     * A loaded model predicts as the folded network of the one saved, bit for bit, and within 1e-5 in
     * probability of that network run layer by layer (folding rounds kernels and biases once).
     */
    @Test
    void predictionFromASavedAndLoadedModelIsIdentical(@TempDir Path dir) throws Exception {
        Image2D image = TinyModels.smooth(61, 47, 8);
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(TinyModels.TINY_XNET, m, 13);
            Path file = dir.resolve("m.xnet");
            ModelFile.save(file, ModelMetadata.standard(TinyModels.TINY_XNET, 32, Provenance.now(13, "none", Map.of()),
                    Map.of()), net);
            try (FoldedNetwork folded = FoldedNetwork.of(net, RuntimeOptions.FP32_NCHW);
                 Segmenter loaded = Segmenter.load(file, RuntimeOptions.FP32_NCHW)) {
                Segmenter original = new Segmenter(folded, m.newSubManager(), 3, 32, 32, Normalise::meanThenMinMax);
                Segmenter layers = new Segmenter(net, m.newSubManager(), 3, 32, 32, Normalise::meanThenMinMax);
                assertThat(loaded.inputWidth()).isEqualTo(32);
                assertThat(loaded.provenance()).containsEntry("graph", "folded");
                for (SegmenterOptions o : new SegmenterOptions[] {SegmenterOptions.resize(), SegmenterOptions.tiled()}) {
                    assertThat(loaded.probabilities(image, o)).isEqualTo(original.probabilities(image, o));
                    SegmenterTest.assertClose(loaded.probabilities(image, o), layers.probabilities(image, o), 1e-5);
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
