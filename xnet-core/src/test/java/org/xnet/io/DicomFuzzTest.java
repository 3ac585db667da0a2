package org.xnet.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xnet.core.XNetException;

/**
 * Fuzzes the DICOM reader (element parser, pixel decoding incl. encapsulated JPEG 2000) from bytes:
 * any input must give an image or an {@link XNetException}; anything else Jazzer reports as a finding.
 * Seeds and regression inputs: {@code src/test/resources/org/xnet/io/DicomFuzzTestInputs/read/}.
 */
class DicomFuzzTest {

    @FuzzTest
    void read(byte[] bytes) {
        try {
            DicomReader.readRadiograph(bytes, "fuzz.dcm");
        } catch (XNetException expected) {
            // a one-line refusal is the documented outcome for bad input
        }
    }
}
