package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import javax.imageio.IIOException;
import org.junit.jupiter.api.Test;

/** Marker codes inside packet data are refused; stuffed data, SOP/EPH markers and several tile-parts pass. */
class Jpeg2000CodestreamTest {

    /** SOC, a stand-in SIZ segment, then one tile-part per {@code data} (SOT with its Psot, SOD, data), then EOC. */
    private static byte[] codestream(boolean lastPsotZero, int[]... data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bytes(out, 0xFF, 0x4F, 0xFF, 0x51, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00);
        for (int t = 0; t < data.length; t++) {
            int psot = lastPsotZero && t == data.length - 1 ? 0 : 14 + data[t].length;
            bytes(out, 0xFF, 0x90, 0x00, 0x0A, 0x00, t, psot >>> 24, psot >>> 16 & 0xFF, psot >>> 8 & 0xFF, psot & 0xFF,
                    0x00, 0x01, 0xFF, 0x93);
            bytes(out, data[t]);
        }
        bytes(out, 0xFF, 0xD9);
        return out.toByteArray();
    }

    private static void bytes(ByteArrayOutputStream out, int... values) {
        for (int v : values) {
            out.write(v);
        }
    }

    @Test
    void stuffedDataSopAndEphPass() {
        byte[] c = codestream(false, new int[] {0xFF, 0x91, 0x00, 0x04, 0x00, 0x00, 0x12, 0xFF, 0x7F, 0xFF, 0x92, 0x34},
                new int[] {0xFF, 0x8F, 0x00});
        assertThatCode(() -> Jpeg2000Codestream.requireNoMarkerInPacketData(c)).doesNotThrowAnyException();
        byte[] open = codestream(true, new int[] {0x12, 0xFF, 0x00});
        assertThatCode(() -> Jpeg2000Codestream.requireNoMarkerInPacketData(open)).doesNotThrowAnyException();
    }

    @Test
    void ffFfInTheFirstTilePartIsRefused() {
        byte[] c = codestream(false, new int[] {0x12, 0xFF, 0xFF, 0x34}, new int[] {0x00});
        assertThatThrownBy(() -> Jpeg2000Codestream.requireNoMarkerInPacketData(c)).isInstanceOf(IIOException.class)
                .hasMessageStartingWith("marker code 0xFFFF at byte 25 inside the packet data of the tile-part at byte 10");
    }

    @Test
    void markerInALaterTilePartIsRefused() {
        byte[] c = codestream(false, new int[] {0x12}, new int[] {0x00, 0xFF, 0xA0});
        assertThatThrownBy(() -> Jpeg2000Codestream.requireNoMarkerInPacketData(c)).isInstanceOf(IIOException.class)
                .hasMessageContaining("0xFFA0").hasMessageContaining("tile-part at byte 25");
    }

    @Test
    void headerThatIsNotARunOfMarkerSegmentsIsRefused() {
        byte[] c = codestream(false, new int[] {0x12});
        c[2] = (byte) 0xFD;
        assertThatThrownBy(() -> Jpeg2000Codestream.requireNoMarkerInPacketData(c)).isInstanceOf(IIOException.class)
                .hasMessage("the main header has 0xFD51 at byte 2 where a marker segment or 0xFF90 should begin");
    }
}
