package org.xnet.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xnet.core.XNetException;

/**
 * Fuzzes reading a model file from bytes up to the engine: the zip archive checks
 * ({@link ModelArchive}) and the parsing and validation of {@code model.json} into
 * {@link ModelMetadata} ({@link ModelFile#readMetadata(byte[], String)}). The weights are handed to
 * DJL only after these checks, so the engine is not started in the fuzz loop. Any input must give
 * metadata or an {@link XNetException}.
 * Seeds: {@code src/test/resources/org/xnet/model/ModelFileFuzzTestInputs/readMetadata/}.
 */
class ModelFileFuzzTest {

    @FuzzTest
    void readMetadata(byte[] bytes) {
        try {
            ModelFile.readMetadata(bytes, "fuzz.xnet");
        } catch (XNetException expected) {
            // a one-line refusal is the documented outcome for bad input
        }
    }
}
