package org.xnet.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xnet.core.XNetException;

/**
 * Fuzzes the NIfTI-1 reader (header, orientation, voxel decoding) on raw {@code .nii} files and on
 * gzip-compressed ones (the fuzzer mutates the uncompressed content): any input must give a volume
 * or an {@link XNetException}. Seeds: {@code src/test/resources/org/xnet/io/NiftiFuzzTestInputs/}.
 */
class NiftiFuzzTest {

    @FuzzTest
    void read(byte[] bytes) {
        readFile("fuzz.nii", bytes);
    }

    @FuzzTest
    void readGzipped(byte[] bytes) {
        readFile("fuzz.nii.gz", FuzzFiles.gzip(bytes));
    }

    private static void readFile(String name, byte[] content) {
        try {
            Nifti.read(FuzzFiles.write(name, content));
        } catch (XNetException expected) {
            // a one-line refusal is the documented outcome for bad input
        }
    }
}
