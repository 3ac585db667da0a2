package org.xnet.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.xnet.core.XNetException;

/**
 * What {@link ImageReaders} checks in a file's bytes before an ImageIO reader decodes them: that a
 * PNG ends as it must, that a TIFF's tags hold their values inside the file, and that a file can
 * code as many pixels as its header declares. The last one matters because some readers fill what
 * a file lacks with zeros, without a warning: jai-imageio's PCX reader turned a 75-byte file into
 * 66.5 million pixels, and classifying them as labels took more than 10 s before the image was
 * refused (LabelFuzzTest, finding 13 in docs/RELIABILITY.md). Each bound is what the format's
 * best coding achieves, so no file a real encoder wrote is refused by it.
 */
final class ImageFileChecks {

    /**
     * Deflate (PNG's compression) codes at most 1,032 bytes per byte: a match of 258 bytes at
     * distance 1 in two 1-bit Huffman codes.
     */
    static final long DEFLATE_RATIO = 1032;
    /**
     * Pixels per file byte at most for the formats ImageIO reads besides TIFF, PNG and JPEG (BMP,
     * GIF, PCX, PNM, WBMP, JPEG 2000 codestreams). More than they code at best: GIF's LZW about
     * 2,700 (12-bit codes for runs of up to 4,096 pixels), BMP's and PCX's run lengths 127 and 252,
     * 1-bit raw pixels 8.
     */
    static final long OTHER_PIXELS_PER_BYTE = 4096;

    private ImageFileChecks() {
    }

    /** The most pixels a file of {@code length} bytes in {@code format} may declare, checked from the reader's header. */
    static long maxPixels(ImageFormat format, long length) {
        return format == ImageFormat.OTHER ? Math.min(ImageReaders.MAX_PIXELS, OTHER_PIXELS_PER_BYTE * length)
                : ImageReaders.MAX_PIXELS;
    }

    /** The refusal of a header declaring {@code width x height} pixels in a file too small to code them. */
    static XNetException cannotCode(String name, long width, long height, long length, long perByte) {
        return new XNetException(String.format(Locale.ROOT,
                "%s: truncated or corrupt image (the header declares %,d x %,d pixels; its %,d bytes can code at most"
                        + " %,d pixels per byte in this format)", name, width, height, length, perByte));
    }

    /**
     * ImageIO's PNG reader accepts a file cut after its last image data, so the end chunk is checked
     * here: a PNG must end with its IEND chunk.
     */
    static void requirePngEnd(byte[] bytes, String name) throws XNetException {
        int tail = bytes.length - 12;
        if (tail < 0 || bytes[tail + 4] != 'I' || bytes[tail + 5] != 'E' || bytes[tail + 6] != 'N'
                || bytes[tail + 7] != 'D') {
            throw new XNetException(name + ": truncated PNG image (it does not end with an IEND chunk)");
        }
    }

    /**
     * A PNG's image data (its IDAT chunks, deflate-compressed) must be able to hold the pixels its
     * IHDR chunk declares: at least 1/{@link #DEFLATE_RATIO} of their bytes. Headers ImageIO will
     * refuse anyway (no IHDR first, an unknown colour type, more than {@link ImageReaders#MAX_PIXELS}
     * pixels) are left to it.
     */
    static void requirePngDataCanHoldPixels(byte[] bytes, String name) throws XNetException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < 33 || b.getInt(12) != 0x49484452) { // "IHDR"
            return;
        }
        long width = b.getInt(16) & 0xFFFF_FFFFL;
        long height = b.getInt(20) & 0xFFFF_FFFFL;
        int bitDepth = bytes[24] & 0xFF;
        int channels = switch (bytes[25]) {
            case 0, 3 -> 1; // grey, palette
            case 4 -> 2; // grey and alpha
            case 2 -> 3; // RGB
            case 6 -> 4; // RGBA
            default -> 0;
        };
        if (channels == 0 || bitDepth > 16 || width > ImageReaders.MAX_PIXELS || height > ImageReaders.MAX_PIXELS
                || width * height > ImageReaders.MAX_PIXELS) {
            return;
        }
        long idat = 0;
        for (long at = 8; at + 12 <= bytes.length; ) {
            long length = b.getInt((int) at) & 0xFFFF_FFFFL;
            if (b.getInt((int) at + 4) == 0x49444154) { // "IDAT"
                idat += Math.min(length, bytes.length - at - 8);
            }
            at += 12 + length;
        }
        long dataBytes = (width * height * bitDepth * channels + 7) / 8;
        if (dataBytes > DEFLATE_RATIO * idat) {
            throw new XNetException(String.format(Locale.ROOT,
                    "%s: truncated or corrupt PNG image (the header declares %,d x %,d pixels, %,d bytes of image data;"
                            + " its %,d bytes of compressed data can hold at most %,d)",
                    name, width, height, dataBytes, idat, DEFLATE_RATIO * idat));
        }
    }

    /**
     * A classic TIFF's strips or tiles must be able to hold the pixels its first directory declares:
     * their byte counts (no more than the file holds) times the most its compression codes per byte
     * ({@link #tiffRatio}). Two TIFF readers here fill missing strip data with zeros: an uncompressed
     * 8000 x 8000 header with 100 bytes of data was read as 64 million pixels, nearly all 0. Call
     * after {@link #requireTiffTagsInFile}, so that every tag's values are inside the file.
     */
    static void requireTiffDataCanHoldPixels(byte[] bytes, String name) throws XNetException {
        if (bytes.length < 8 || bytes[2] == 43 || bytes[3] == 43) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(bytes[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long ifd = b.getInt(4) & 0xFFFF_FFFFL;
        if (ifd < 8 || ifd + 2 > bytes.length) {
            return;
        }
        long width = -1;
        long height = -1;
        long bitsPerPixel = 1; // TIFF's defaults: one sample of 1 bit, no compression
        long compression = 1;
        long dataBytes = -1;
        int entries = b.getShort((int) ifd) & 0xFFFF;
        for (int i = 0; i < entries && ifd + 2 + 12L * (i + 1) <= bytes.length; i++) {
            int at = (int) ifd + 2 + 12 * i;
            long[] values = tiffValues(b, at);
            switch (b.getShort(at) & 0xFFFF) {
                case 256 -> width = values.length == 1 ? values[0] : -1;
                case 257 -> height = values.length == 1 ? values[0] : -1;
                case 258 -> bitsPerPixel = sum(values);
                case 259 -> compression = values.length == 1 ? values[0] : -1;
                case 279, 325 -> dataBytes = Math.min(sum(values), bytes.length); // strip or tile byte counts
                default -> { }
            }
        }
        long ratio = tiffRatio(compression);
        if (width <= 0 || height <= 0 || width * height > ImageReaders.MAX_PIXELS || dataBytes < 0 || ratio == 0) {
            return; // the readers refuse it, or its compression has no bound here
        }
        long imageBytes = (width * height * Math.min(bitsPerPixel, 1024) + 7) / 8;
        if (imageBytes > ratio * dataBytes) {
            throw new XNetException(String.format(Locale.ROOT,
                    "%s: truncated or corrupt TIFF image (the header declares %,d x %,d pixels, %,d bytes of image data;"
                            + " its %,d bytes of strips or tiles can hold at most %,d)",
                    name, width, height, imageBytes, dataBytes, ratio * dataBytes));
        }
    }

    /**
     * Bytes of image data a TIFF compression codes per byte at most, 0 when unbounded here: none 1,
     * PackBits 64 (two bytes repeat one 128 times), LZW 3,641 (a code of at least 9 bits stands for
     * at most 4,096 bytes), Deflate {@link #DEFLATE_RATIO}. JPEG, CCITT and the rest are not bounded.
     */
    static long tiffRatio(long compression) {
        return switch ((int) Math.min(compression, Integer.MAX_VALUE)) {
            case 1 -> 1;
            case 32773 -> 64;
            case 5 -> 4096 * 8 / 9;
            case 8, 32946 -> DEFLATE_RATIO;
            default -> 0;
        };
    }

    /** The SHORT or LONG values of the TIFF entry at {@code at} (inline or at their offset); none for other types. */
    private static long[] tiffValues(ByteBuffer b, int at) {
        int type = b.getShort(at + 2) & 0xFFFF;
        long count = b.getInt(at + 4) & 0xFFFF_FFFFL;
        int size = type == 3 ? 2 : type == 4 ? 4 : 0;
        if (size == 0 || count * size > b.capacity()) {
            return new long[0];
        }
        long from = count * size <= 4 ? at + 8 : b.getInt(at + 8) & 0xFFFF_FFFFL;
        if (from + count * size > b.capacity()) {
            return new long[0];
        }
        long[] values = new long[(int) count];
        for (int i = 0; i < values.length; i++) {
            int v = (int) from + size * i;
            values[i] = size == 2 ? b.getShort(v) & 0xFFFF : b.getInt(v) & 0xFFFF_FFFFL;
        }
        return values;
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum;
    }

    /** Bytes per value of the TIFF field types 1 to 12 (TIFF 6.0 section 2), index 0 unused. */
    private static final int[] TIFF_TYPE_SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8};

    /**
     * Every tag of a classic TIFF's first directory must hold its values inside the file: one TIFF
     * reader allocates what a tag declares before reading it (ImageFuzzTest: 973 million values
     * declared in a 300-byte file took 1.9 GB).
     */
    static void requireTiffTagsInFile(byte[] bytes, String name) throws XNetException {
        if (bytes[2] == 43 || bytes[3] == 43) {
            return; // BigTIFF: 64-bit offsets, left to the readers
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(bytes[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long ifd = bytes.length < 8 ? -1 : b.getInt(4) & 0xFFFF_FFFFL;
        if (ifd >= 0 && ifd < 8) {
            // the readers read such a directory anyway (ImageFuzzTest: at byte 1, with a tag of 285 million values;
            // at byte 0, where jai-imageio took 10 s over 19,789 entries and a tag of 134 million values)
            throw new XNetException(name + ": truncated or corrupt TIFF image (its first directory starts at byte " + ifd
                    + ", inside the 8-byte header)");
        }
        if (ifd < 8 || ifd + 2 > bytes.length) {
            return; // no directory at all: the readers say so
        }
        int entries = b.getShort((int) ifd) & 0xFFFF;
        for (int i = 0; i < entries && ifd + 2 + 12L * (i + 1) <= bytes.length; i++) {
            int at = (int) ifd + 2 + 12 * i;
            int type = b.getShort(at + 2) & 0xFFFF;
            long size = (type < TIFF_TYPE_SIZES.length ? TIFF_TYPE_SIZES[type] : 1) * (b.getInt(at + 4) & 0xFFFF_FFFFL);
            if (size > 4 && (b.getInt(at + 8) & 0xFFFF_FFFFL) + size > bytes.length) {
                throw new XNetException(name + ": truncated or corrupt TIFF image (tag " + (b.getShort(at) & 0xFFFF)
                        + " declares " + size + " bytes of values beyond the end of the " + bytes.length + "-byte file)");
            }
        }
    }
}
