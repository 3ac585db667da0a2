package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xnet.core.XNetException;

/** The end of JPEG 2000 data is an EOFException for jj2000, and a truncated codestream is refused quickly. */
class Jpeg2000InputTest {

    @Test
    void singleByteReadPastTheEndThrowsAndIsRemembered() throws Exception {
        try (Jpeg2000Input in = new Jpeg2000Input(new byte[] {7, 9})) {
            assertThat(in.read()).isEqualTo(7);
            assertThat(in.read()).isEqualTo(9);
            assertThat(in.readPastEnd()).isFalse();
            assertThatThrownBy(in::read).isInstanceOf(EOFException.class);
            assertThat(in.readPastEnd()).isTrue();
        }
    }

    @Test
    void bulkReadReturnsMinusOneAtTheEndAndIsRemembered() throws Exception {
        try (Jpeg2000Input in = new Jpeg2000Input(new byte[] {1, 2, 3})) {
            byte[] b = new byte[8];
            assertThat(in.read(b, 0, 8)).isEqualTo(3);
            assertThat(in.readPastEnd()).isFalse();
            assertThat(in.read(b, 0, 8)).isEqualTo(-1);
            assertThat(in.readPastEnd()).isTrue();
        }
    }

    /** The codestream declares five quality layers and codes one: jj2000 used to read on for minutes. */
    @Test
    void codestreamWhosePacketHeadersRunPastItsEndIsRefusedQuickly() {
        Path file = Path.of("src/test/resources/org/xnet/io/DicomFuzzTestInputs/read/"
                + "regression-dicom-jpeg2000-packet-header-past-end");
        long start = System.nanoTime();
        assertThatThrownBy(() -> DicomReader.readRadiograph(file)).isInstanceOf(XNetException.class)
                .hasMessageStartingWith(file + ": truncated JPEG 2000 pixel data");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }
}
