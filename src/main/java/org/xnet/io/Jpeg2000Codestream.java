package org.xnet.io;

import javax.imageio.IIOException;

/**
 * A check of a raw JPEG 2000 codestream that jj2000 (jai-imageio's decoder) relies on without making
 * it: no marker code inside the packet data.
 *
 * <p>ISO 15444-1 stuffs the packet data so that a byte after 0xFF is always below 0x90: a zero bit
 * after each 0xFF in packet headers (B.10.1), the MQ coder's byte stuffing in code-block data (C.2.6).
 * So no code 0xFF90-0xFFFF appears between a tile-part's SOD marker and its end, except the optional
 * SOP (0xFF91) and EPH (0xFF92) markers and the EOC (0xFFD9) ending the last one. jj2000's packet-header
 * bit reader assumes it: after 0xFF 0xFF it keeps taking the stuffed byte again, an endless run of
 * 1 bits, and counts Lblock increments towards 2^32 (a 6x4 DICOM, found by DicomFuzzTest's CI pass).
 */
final class Jpeg2000Codestream {
    private static final int SOC = 0xFF4F;
    private static final int SOT = 0xFF90;
    private static final int SOP = 0xFF91;
    private static final int EPH = 0xFF92;
    private static final int SOD = 0xFF93;
    private static final int EOC = 0xFFD9;

    private Jpeg2000Codestream() {
    }

    /**
     * Refuses a codestream ({@code c} starting with SOC) with a marker code inside a tile-part's packet
     * data. Tile-parts are followed by their SOT lengths (Psot); anything else (a JP2 file, a header that
     * does not parse) is left to the decoder.
     */
    static void requireNoMarkerInPacketData(byte[] c) throws IIOException {
        if (c.length < 4 || u16(c, 0) != SOC) {
            return;
        }
        int at = 2;
        while (at + 4 <= c.length && u16(c, at) != SOT) {
            if (c[at] != (byte) 0xFF) {
                return;
            }
            at += 2 + u16(c, at + 2);
        }
        while (at + 12 <= c.length && u16(c, at) == SOT) {
            long psot = u32(c, at + 6);
            int end = psot == 0 ? c.length : (int) Math.min(c.length, at + psot);
            int data = at + 2 + u16(c, at + 2);
            while (data + 2 <= end && u16(c, data) != SOD) {
                if (c[data] != (byte) 0xFF || data + 4 > end) {
                    return;
                }
                data += 2 + u16(c, data + 2);
            }
            for (int i = data + 2; i + 1 < end; i++) {
                int code = u16(c, i);
                if (code == EOC) {
                    return;
                }
                if (code >= SOT && code != SOP && code != EPH) {
                    throw new IIOException(String.format("marker code 0x%04X at byte %d inside the packet data"
                            + " of the tile-part at byte %d (ISO 15444-1 stuffs packet data to keep them out)",
                            code, i, at));
                }
            }
            if (end <= at) {
                return;
            }
            at = end;
        }
    }

    private static int u16(byte[] c, int at) {
        return (c[at] & 0xFF) << 8 | c[at + 1] & 0xFF;
    }

    private static long u32(byte[] c, int at) {
        return (long) u16(c, at) << 16 | u16(c, at + 2);
    }
}
