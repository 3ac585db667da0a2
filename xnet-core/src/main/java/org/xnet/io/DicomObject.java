package org.xnet.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The elements of one DICOM file (or of one sequence item), as found by {@link DicomParser}: where
 * each value lies in the file's bytes, the items of each sequence, and where the pixel data lies
 * (native, or encapsulated as fragments). Accessors read values the way the tags this project needs
 * are encoded (US, UL, DS, IS, CS, UI). Public only as a handle: obtain one with
 * {@link DicomReader#header} and pass it to {@link DicomSeg#write}.
 */
public final class DicomObject {

    static final int TRANSFER_SYNTAX = 0x0002_0010;
    static final int SERIES_UID = 0x0020_000E;
    static final int INSTANCE_NUMBER = 0x0020_0013;
    static final int IMAGE_POSITION = 0x0020_0032;
    static final int IMAGE_ORIENTATION = 0x0020_0037;
    static final int SLICE_THICKNESS = 0x0018_0050;
    static final int SPACING_BETWEEN_SLICES = 0x0018_0088;
    static final int SAMPLES_PER_PIXEL = 0x0028_0002;
    static final int PHOTOMETRIC = 0x0028_0004;
    static final int NUMBER_OF_FRAMES = 0x0028_0008;
    static final int ROWS = 0x0028_0010;
    static final int COLUMNS = 0x0028_0011;
    static final int PIXEL_SPACING = 0x0028_0030;
    static final int BITS_ALLOCATED = 0x0028_0100;
    static final int BITS_STORED = 0x0028_0101;
    static final int HIGH_BIT = 0x0028_0102;
    static final int PIXEL_REPRESENTATION = 0x0028_0103;
    static final int RESCALE_INTERCEPT = 0x0028_1052;
    static final int RESCALE_SLOPE = 0x0028_1053;
    static final int PIXEL_DATA = 0x7FE0_0010;

    /** Where a value lies: {@code length} bytes from {@code offset}. */
    record Span(int offset, int length) {
    }

    private final String name;
    private final byte[] bytes;
    private final String transferSyntax;
    private final Map<Integer, Span> elements;
    private final Map<Integer, List<DicomObject>> sequences;
    private final Span nativePixels;
    private final List<Span> fragments;

    /**
     * @param sequences the items of each sequence element
     * @param nativePixels the native pixel data, or null
     * @param fragments the encapsulated pixel data fragments (after the offset table), or null
     */
    DicomObject(String name, byte[] bytes, String transferSyntax, Map<Integer, Span> elements,
            Map<Integer, List<DicomObject>> sequences, Span nativePixels, List<Span> fragments) {
        this.name = name;
        this.bytes = bytes;
        this.transferSyntax = transferSyntax;
        this.elements = Map.copyOf(elements);
        this.sequences = Map.copyOf(sequences);
        this.nativePixels = nativePixels;
        this.fragments = fragments == null ? null : List.copyOf(fragments);
    }

    /** The file name used in error messages. */
    public String name() {
        return name;
    }

    byte[] bytes() {
        return bytes;
    }

    String transferSyntax() {
        return transferSyntax;
    }

    /** True when {@code tag} is a value element here (not a sequence). */
    boolean has(int tag) {
        return elements.containsKey(tag);
    }

    /** The items of sequence {@code tag}, in order; empty when absent. */
    List<DicomObject> sequence(int tag) {
        return sequences.getOrDefault(tag, List.of());
    }

    /** The raw bytes of value {@code tag} (padding included), or null when absent. */
    byte[] rawValue(int tag) {
        Span s = elements.get(tag);
        return s == null ? null : Arrays.copyOfRange(bytes, s.offset(), s.offset() + s.length());
    }

    boolean hasPixelData() {
        return nativePixels != null || fragments != null;
    }

    /** The native (uncompressed) pixel data, or null when there is none or it is encapsulated. */
    Span nativePixels() {
        return nativePixels;
    }

    /** The encapsulated pixel data fragments in file order, or null when the data are native. */
    List<Span> fragments() {
        return fragments;
    }

    /** A text value with trailing spaces and NULs removed, or null when absent. */
    String string(int tag) {
        Span s = elements.get(tag);
        if (s == null) {
            return null;
        }
        int end = s.offset() + s.length();
        while (end > s.offset() && (bytes[end - 1] == ' ' || bytes[end - 1] == 0)) {
            end--;
        }
        return new String(bytes, s.offset(), end - s.offset(), StandardCharsets.ISO_8859_1).strip();
    }

    /** An unsigned 16-bit (US) value, or {@code absent} when the element is missing or empty. */
    int uint16(int tag, int absent) throws DicomFormatException {
        Span s = elements.get(tag);
        if (s == null || s.length() == 0) {
            return absent;
        }
        if (s.length() < 2) {
            throw new DicomFormatException("element " + tagString(tag) + " has " + s.length()
                    + " bytes, expected 2");
        }
        return (bytes[s.offset()] & 0xFF) | (bytes[s.offset() + 1] & 0xFF) << 8;
    }

    /** The unsigned 32-bit (UL) values of {@code tag}; empty when absent. */
    long[] uint32s(int tag) {
        Span s = elements.get(tag);
        if (s == null) {
            return new long[0];
        }
        long[] values = new long[s.length() / 4];
        for (int i = 0; i < values.length; i++) {
            int at = s.offset() + 4 * i;
            values[i] = (bytes[at] & 0xFFL) | (bytes[at + 1] & 0xFFL) << 8 | (bytes[at + 2] & 0xFFL) << 16
                    | (bytes[at + 3] & 0xFFL) << 24;
        }
        return values;
    }

    /** A decimal (DS) or integer (IS) string value split at backslashes; empty when absent. */
    double[] decimals(int tag) throws DicomFormatException {
        String text = string(tag);
        if (text == null || text.isEmpty()) {
            return new double[0];
        }
        String[] parts = text.split("\\\\");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new DicomFormatException("element " + tagString(tag) + " holds '" + text
                        + "', not a number");
            }
        }
        return values;
    }

    /** The first decimal value of {@code tag}, or {@code absent}. */
    double decimal(int tag, double absent) throws DicomFormatException {
        double[] values = decimals(tag);
        return values.length == 0 ? absent : values[0];
    }

    static String tagString(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
