package org.xnet.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xnet.core.XNetException;

/**
 * Fuzzes the label-image reader ({@link LabelImages#read(java.nio.file.Path)}): index and colour
 * labels in PNG, TIFF or JPEG. Any input must give a label map or an {@link XNetException}.
 * Seeds: {@code src/test/resources/org/xnet/io/LabelFuzzTestInputs/read/}.
 */
class LabelFuzzTest {

    @FuzzTest
    void read(byte[] bytes) {
        try {
            LabelImages.read(FuzzFiles.write("fuzz-label.png", bytes));
        } catch (XNetException expected) {
            // a one-line refusal is the documented outcome for bad input
        }
    }
}
