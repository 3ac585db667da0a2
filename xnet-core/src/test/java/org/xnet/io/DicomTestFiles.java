package org.xnet.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes tiny DICOM files for tests, by hand from the standard (PS3.10 preamble and meta group,
 * PS3.5 element encoding): explicit or implicit VR little endian, native or encapsulated pixels.
 */
public final class DicomTestFiles {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean explicit;

    private DicomTestFiles(boolean explicit) {
        this.explicit = explicit;
    }

    /** A Part 10 file: 128-byte preamble, "DICM", a meta group naming {@code transferSyntax}. */
    public static DicomTestFiles part10(String transferSyntax) {
        DicomTestFiles f = new DicomTestFiles(!transferSyntax.equals(DicomParser.IMPLICIT_LE));
        f.out.writeBytes(new byte[128]);
        f.out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        DicomTestFiles meta = new DicomTestFiles(true);
        meta.text(0x0002_0010, "UI", transferSyntax);
        byte[] group = meta.bytes();
        DicomTestFiles lengthElement = new DicomTestFiles(true);
        lengthElement.element(0x0002_0000, "UL", le32(group.length));
        f.out.writeBytes(lengthElement.bytes());
        f.out.writeBytes(group);
        return f;
    }

    /**
     * Writes a small 12-bit MONOCHROME2 CR radiograph with patient, study, series and SOP instance UIDs
     * ({@code sopInstance}), for tests outside this package that need a DICOM input.
     */
    public static void writeRadiograph(Path file, int width, int height, int[] pixels, String sopInstance)
            throws IOException {
        Files.write(file, part10(DicomParser.EXPLICIT_LE)
                .text(0x0008_0016, "UI", "1.2.840.10008.5.1.4.1.1.1").text(0x0008_0018, "UI", sopInstance)
                .text(0x0008_0060, "CS", "CR").text(0x0010_0010, "PN", "Doe^Jane").text(0x0010_0020, "LO", "P1")
                .text(0x0020_000D, "UI", "1.2.3.4.5").text(0x0020_000E, "UI", "1.2.3.4.5.6")
                .pixelModule(height, width, 16, 12, false, "MONOCHROME2").pixels16(pixels).bytes());
    }

    /** A bare data set without preamble or meta group. */
    public static DicomTestFiles bare(boolean explicit) {
        return new DicomTestFiles(explicit);
    }

    public DicomTestFiles text(int tag, String vr, String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        if (b.length % 2 == 1) {
            b = (value + (vr.equals("UI") ? "\0" : " ")).getBytes(StandardCharsets.US_ASCII);
        }
        return element(tag, vr, b);
    }

    public DicomTestFiles us(int tag, int value) {
        return element(tag, "US", new byte[] {(byte) value, (byte) (value >> 8)});
    }

    /** The Image Pixel module of a single-frame greyscale image. */
    public DicomTestFiles pixelModule(int rows, int columns, int allocated, int stored, boolean signed, String photometric) {
        us(0x0028_0002, 1);
        text(0x0028_0004, "CS", photometric);
        us(0x0028_0010, rows);
        us(0x0028_0011, columns);
        us(0x0028_0100, allocated);
        us(0x0028_0101, stored);
        us(0x0028_0102, stored - 1);
        return us(0x0028_0103, signed ? 1 : 0);
    }

    /** A sequence of undefined length holding one undefined-length item with {@code inner} elements. */
    public DicomTestFiles undefinedSequence(int tag, byte[] innerElements) {
        header(tag, "SQ", 0xFFFF_FFFFL);
        out.writeBytes(le16(0xFFFE));
        out.writeBytes(le16(0xE000));
        out.writeBytes(le32(0xFFFF_FFFFL));
        out.writeBytes(innerElements);
        out.writeBytes(le16(0xFFFE));
        out.writeBytes(le16(0xE00D));
        out.writeBytes(le32(0));
        out.writeBytes(le16(0xFFFE));
        out.writeBytes(le16(0xE0DD));
        out.writeBytes(le32(0));
        return this;
    }

    /** Native 16-bit pixel data, little endian. */
    public DicomTestFiles pixels16(int[] values) {
        byte[] b = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            b[2 * i] = (byte) values[i];
            b[2 * i + 1] = (byte) (values[i] >> 8);
        }
        return element(DicomObject.PIXEL_DATA, "OW", b);
    }

    /** Native 8-bit pixel data (padded to even length). */
    public DicomTestFiles pixels8(int[] values) {
        byte[] b = new byte[values.length + values.length % 2];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return element(DicomObject.PIXEL_DATA, "OB", b);
    }

    /** Encapsulated pixel data: an empty offset table, then one item per fragment. */
    public DicomTestFiles encapsulated(List<byte[]> fragments) {
        header(DicomObject.PIXEL_DATA, "OB", 0xFFFF_FFFFL);
        item(new byte[0]);
        for (byte[] f : fragments) {
            item(f);
        }
        out.writeBytes(le16(0xFFFE));
        out.writeBytes(le16(0xE0DD));
        out.writeBytes(le32(0));
        return this;
    }

    public DicomTestFiles element(int tag, String vr, byte[] value) {
        header(tag, vr, value.length);
        out.writeBytes(value);
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    private void item(byte[] value) {
        out.writeBytes(le16(0xFFFE));
        out.writeBytes(le16(0xE000));
        out.writeBytes(le32(value.length));
        out.writeBytes(value);
    }

    private void header(int tag, String vr, long length) {
        out.writeBytes(le16(tag >>> 16));
        out.writeBytes(le16(tag & 0xFFFF));
        if (!explicit) {
            out.writeBytes(le32(length));
            return;
        }
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        if (List.of("OB", "OW", "SQ", "UN", "UT").contains(vr)) {
            out.writeBytes(new byte[2]);
            out.writeBytes(le32(length));
        } else {
            out.writeBytes(le16((int) length));
        }
    }

    private static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }
}
