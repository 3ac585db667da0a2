package org.xnet.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xnet.core.XNetException;

/**
 * Fuzzes the HDF5 dataset reader ({@link DatasetFile#read}: jhdf's parsing, then the layout, shape
 * and one-hot checks). jhdf reads files, so each input is written to a temporary file first. Any
 * input must give a dataset or an {@link XNetException}.
 * Seeds: {@code src/test/resources/org/xnet/io/DatasetFileFuzzTestInputs/read/}.
 */
class DatasetFileFuzzTest {

    @FuzzTest
    void read(byte[] bytes) {
        try {
            DatasetFile.read(FuzzFiles.write("fuzz.h5", bytes));
        } catch (XNetException expected) {
            // a one-line refusal is the documented outcome for bad input
        }
    }
}
