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
     * The image and tile grid a codestream's SIZ marker declares (ISO 15444-1 A.5.1). jj2000 sets up
     * every tile and component while reading the main header, before any size can be compared: a
     * 208-byte codestream declaring 6 x 33,598,464 pixels in tiles of 6 x 4 ran out of a 1 GB heap
     * after a minute (ImageFuzzTest), so callers check it first.
     *
     * @param tiles the number of tiles, {@link Long#MAX_VALUE} for a tile grid that cannot be (a tile
     *     size of 0, a tile origin past the image)
     */
    record Siz(long width, long height, long tiles) {

        /** width x height, or {@link Long#MAX_VALUE} when that does not fit in a long. */
        long pixels() {
            return width != 0 && height > Long.MAX_VALUE / width ? Long.MAX_VALUE : width * height;
        }
    }

    /** The SIZ marker of {@code c} when it starts with SOC and SIZ, else null. */
    static Siz siz(byte[] c) {
        if (c.length < 4 + 38 || u16(c, 0) != SOC || u16(c, 2) != 0xFF51) {
            return null;
        }
        long x = u32(c, 8);
        long y = u32(c, 12);
        long x0 = u32(c, 16);
        long y0 = u32(c, 20);
        long tileWidth = u32(c, 24);
        long tileHeight = u32(c, 28);
        long tileX = u32(c, 32);
        long tileY = u32(c, 36);
        long tiles = tileWidth == 0 || tileHeight == 0 || tileX > x || tileY > y ? Long.MAX_VALUE
                : ceilDiv(x - tileX, tileWidth) * ceilDiv(y - tileY, tileHeight);
        return new Siz(Math.max(0, x - x0), Math.max(0, y - y0), tiles);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /**
     * Refuses a codestream ({@code c} starting with SOC) with a marker code inside a tile-part's packet
     * data, or with headers that are not runs of marker segments. Tile-parts are followed by their SOT
     * lengths (Psot). Anything not starting with SOC (a JP2 file) is left to the decoder.
     */
    static void requireNoMarkerInPacketData(byte[] c) throws IIOException {
        if (c.length < 4 || u16(c, 0) != SOC) {
            return;
        }
        int at = segmentsUpTo(c, 2, c.length, SOT, "main header");
        while (at + 12 <= c.length && u16(c, at) == SOT) {
            long psot = u32(c, at + 6);
            if (psot != 0 && psot < 14) {
                throw new IIOException("tile-part at byte " + at + " declares " + psot + " bytes, less than its SOT and SOD");
            }
            int end = psot == 0 ? c.length : (int) Math.min(c.length, at + psot);
            int data = segmentsUpTo(c, at + 2 + u16(c, at + 2), end, SOD, "header of the tile-part at byte " + at);
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
            at = end;
        }
    }

    /**
     * Steps over the marker segments (each 0xFF, a code, a length; A.1) from {@code at} to the first
     * {@code marker}, whose position it returns; a header that is not a run of segments is corrupt
     * (a mutated marker code left jj2000 decoding packets from the wrong place, found by DicomFuzzTest).
     */
    private static int segmentsUpTo(byte[] c, int at, int end, int marker, String where) throws IIOException {
        while (at + 2 <= end && u16(c, at) != marker) {
            if (c[at] != (byte) 0xFF || at + 4 > end) {
                throw new IIOException(String.format("the %s has 0x%04X at byte %d where a marker segment"
                        + " or 0x%04X should begin", where, u16(c, at), at, marker));
            }
            at += 2 + u16(c, at + 2);
        }
        if (at + 2 > end) {
            throw new IIOException(String.format("the %s ends at byte %d without its 0x%04X marker", where, end, marker));
        }
        return at;
    }

    private static int u16(byte[] c, int at) {
        return (c[at] & 0xFF) << 8 | c[at + 1] & 0xFF;
    }

    private static long u32(byte[] c, int at) {
        return (long) u16(c, at) << 16 | u16(c, at + 2);
    }
}
