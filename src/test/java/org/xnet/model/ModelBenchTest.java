package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelBenchTest {
    @Test
    void resetLowersThePeakToTheCurrentResidentSize() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc: peak RSS is not measured here");
        // raise the peak well above what stays resident: touch 256 MiB of heap, then drop it
        byte[][] blocks = new byte[64][];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new byte[4 << 20];
            for (int j = 0; j < blocks[i].length; j += 4096) {
                blocks[i][j] = 1;
            }
        }
        long before = ModelBench.peakRssBytes().orElseThrow();
        assertThat(ModelBench.resetPeakRss()).isTrue();
        long after = ModelBench.peakRssBytes().orElseThrow();
        long resident = residentBytes();
        assertThat(after).isLessThanOrEqualTo(before);
        // right after the reset the peak is the resident size (plus what was touched in between)
        assertThat(after - resident).isBetween(-(16L << 20), 16L << 20);
        assertThat(blocks[63][0]).isEqualTo((byte) 1);
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
