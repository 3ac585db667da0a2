package org.xnet.testutil;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import org.xnet.core.Provenance;
import org.xnet.core.XNetException;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelMetadata;
import org.xnet.model.ModelSpec;
import org.xnet.model.Networks;
import org.xnet.model.SegmentationNet;

/** Tiny untrained model files (XNet with filters 2,4,4,8, seeded) for tests here and in the front-end modules. */
public final class TinyModelFiles {
    /** The tiny XNet the tests segment with. */
    public static final ModelSpec TINY_XNET = ModelSpec.xnet().withFilters(2, 4, 4, 8);

    private TinyModelFiles() {
    }

    /** Writes an untrained tiny XNet (seeded) with a {@code size x size} input as {@code dir/tiny-SEED.xnet}. */
    public static Path write(Path dir, int size, int seed) throws XNetException {
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(TINY_XNET, m, seed);
            Path file = dir.resolve("tiny-" + seed + ".xnet");
            ModelFile.save(file, ModelMetadata.standard(TINY_XNET, size, Provenance.now(seed, "none", Map.of()),
                    Map.of()), net);
            return file;
        }
    }
}
