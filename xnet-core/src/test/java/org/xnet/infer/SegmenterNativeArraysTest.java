package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Image2D;
import org.xnet.core.XNetException;
import org.xnet.model.InferenceGraph;
import org.xnet.model.InferenceProgram;
import org.xnet.model.LoadedModel;
import org.xnet.model.MemoryLayout;
import org.xnet.model.ModelFile;
import org.xnet.model.Networks;
import org.xnet.model.RuntimeOptions;
import org.xnet.testutil.TinyModelFiles;

/**
 * The native arrays a loaded segmenter keeps, counted over the whole process (the engine's system
 * manager holds every manager, so its managed arrays are every live NDArray): a folded segmenter
 * keeps only its folded kernels and biases and its program, predictions leave nothing behind, and
 * load, predict, close cycles return to where they started.
 */
class SegmenterNativeArraysTest {
    private static final int SIZE = 32;

    /** Every NDArray alive in this process. */
    private static int liveArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    /** The arrays a folded copy of the model holds: a kernel and a bias per convolution, and the program. */
    private static int foldedArrays(Path model) throws XNetException {
        try (NDManager m = NDManager.newBaseManager()) {
            LoadedModel loaded = ModelFile.load(model, m);
            return 2 * InferenceProgram.of(loaded.network(), MemoryLayout.NCHW).convs().size() + 1;
        }
    }

    private static int parameterArrays(Path model) throws XNetException {
        try (NDManager m = NDManager.newBaseManager()) {
            return Networks.distinctParameters(ModelFile.load(model, m).network()).size();
        }
    }

    private static void predict(Segmenter segmenter) {
        List<Image2D> images = List.of(TinyModels.smooth(40, 28, 1), TinyModels.smooth(23, 37, 2),
                TinyModels.random(SIZE, SIZE, 3));
        segmenter.probabilities(images, SegmenterOptions.resize().withBatchSize(2));
        segmenter.probabilities(images.get(0), SegmenterOptions.tiled().withTta(true));
    }

    @Test
    void aFoldedSegmenterKeepsOnlyItsFoldedWeightsAndFreesThemOnClose(@TempDir Path dir) throws Exception {
        Path model = TinyModelFiles.write(dir, SIZE, 3);
        int folded = foldedArrays(model);
        int before = liveArrays();
        try (Segmenter segmenter = Segmenter.load(model, RuntimeOptions.FP32_NCHW)) {
            assertThat(segmenter.provenance()).containsEntry("graph", "folded");
            assertThat(liveArrays() - before).as("arrays held by the loaded segmenter").isEqualTo(folded);
            predict(segmenter);
            assertThat(liveArrays() - before).as("arrays held after predicting").isEqualTo(folded);
        }
        assertThat(liveArrays()).as("arrays alive after close").isEqualTo(before);
    }

    @Test
    void loadPredictCloseCyclesLeaveNoArrays(@TempDir Path dir) throws Exception {
        Path model = TinyModelFiles.write(dir, SIZE, 4);
        Path manifest = dir.resolve("cv").resolve(EnsembleManifest.FILE);
        EnsembleManifest.write(manifest, List.of(model, TinyModelFiles.write(dir, SIZE, 5)));
        int before = liveArrays();
        for (int cycle = 0; cycle < 4; cycle++) {
            try (Segmenter one = Segmenter.load(model, RuntimeOptions.FP32_NCHW);
                 Segmenter ensemble = Segmenter.loadEnsemble(manifest, RuntimeOptions.FP32_NCHW)) {
                predict(one);
                predict(ensemble);
                assertThat(liveArrays() - before).as("cycle %d: a folded model and an ensemble of two", cycle)
                        .isEqualTo(3 * foldedArrays(model));
            }
            assertThat(liveArrays()).as("arrays alive after cycle %d", cycle).isEqualTo(before);
        }
    }

    @Test
    void theLayersGraphKeepsTheNetworkItRuns(@TempDir Path dir) throws Exception {
        Path model = TinyModelFiles.write(dir, SIZE, 6);
        int parameters = parameterArrays(model);
        String was = System.getProperty(InferenceGraph.PROPERTY);
        System.setProperty(InferenceGraph.PROPERTY, "layers");
        try {
            int before = liveArrays();
            try (Segmenter segmenter = Segmenter.load(model, RuntimeOptions.FP32_NCHW)) {
                assertThat(segmenter.provenance()).containsEntry("graph", "layers");
                assertThat(liveArrays() - before).isEqualTo(parameters);
                predict(segmenter);
                assertThat(liveArrays() - before).isEqualTo(parameters);
            }
            assertThat(liveArrays()).isEqualTo(before);
        } finally {
            if (was == null) {
                System.clearProperty(InferenceGraph.PROPERTY);
            } else {
                System.setProperty(InferenceGraph.PROPERTY, was);
            }
        }
    }
}
