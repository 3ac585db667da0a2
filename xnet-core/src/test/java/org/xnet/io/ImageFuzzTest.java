package org.xnet.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xnet.core.XNetException;

/**
 * Fuzzes reading a radiograph from bytes ({@link ImageReaders#read(byte[], String)}): format
 * recognition, TIFF, PNG and JPEG decoding through ImageIO and the conversion to grey. Any input
 * must give an image or an {@link XNetException}. The seeds cover each format
 * ({@code src/test/resources/org/xnet/io/ImageFuzzTestInputs/read/}).
 */
class ImageFuzzTest {

    @FuzzTest
    void read(byte[] bytes) {
        try {
            ImageReaders.read(bytes, "fuzz");
        } catch (XNetException expected) {
            // a one-line refusal is the documented outcome for bad input
        }
    }
}
