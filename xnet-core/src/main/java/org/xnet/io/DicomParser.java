package org.xnet.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the element stream of a little-endian DICOM file (Part 10 with preamble, or a bare data
 * set): the elements of the data set and of its sequence items (explicit VR sequences, and any
 * sequence of undefined length), and the pixel data, native or encapsulated. In header mode it stops
 * at the pixel data element, so a prefix of the file is enough. Written for this project from the DICOM standard
 * (PS3.5 sections 7.1, 7.5 and A.4). Not a library: dcm4che is not on Maven Central, and ImageJ's
 * reader (net.imagej:ij) handles only native pixel data, with no access to the encapsulated JPEG 2000
 * fragments the shared radiographs use; so one parser serves every transfer syntax, the JPEG 2000
 * codestreams go to the jai-imageio decoder, and {@code DicomSharedDataTest} checks the stored values
 * of the NEMA ankle RG3 against ImageJ's reading of the same file.
 */
final class DicomParser {

    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";

    private static final int ITEM = 0xFFFE_E000;
    private static final int ITEM_END = 0xFFFE_E00D;
    private static final int SEQUENCE_END = 0xFFFE_E0DD;
    private static final long UNDEFINED = 0xFFFF_FFFFL;
    /** Real objects nest sequences a few levels deep; a deeper file would only exhaust the stack. */
    private static final int MAX_SEQUENCE_DEPTH = 64;
    /** The VRs whose explicit-VR header has two reserved bytes and a 32-bit length (PS3.5 7.1.2). */
    static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV",
            "UC", "UN", "UR", "UT", "UV");

    /** The elements and sequences of one data set or sequence item, while they are being read. */
    private record Level(Map<Integer, DicomObject.Span> elements, Map<Integer, List<DicomObject>> sequences) {
        Level() {
            this(new HashMap<>(), new HashMap<>());
        }
    }

    private final String name;
    private final byte[] b;
    private final boolean headerOnly;
    private int pos;
    private int depth;
    private boolean explicit;
    private String syntax;

    private DicomParser(String name, byte[] bytes, boolean headerOnly) {
        this.name = name;
        this.b = bytes;
        this.headerOnly = headerOnly;
    }

    /** True when {@code bytes} start with a Part 10 preamble: 128 bytes, then "DICM". */
    static boolean hasPreamble(byte[] bytes) {
        return bytes.length >= 132 && bytes[128] == 'D' && bytes[129] == 'I' && bytes[130] == 'C'
                && bytes[131] == 'M';
    }

    /** Parses {@code bytes}; {@code name} is only used in messages. */
    static DicomObject parse(String name, byte[] bytes) throws DicomFormatException {
        return new DicomParser(name, bytes, false).parse();
    }

    /**
     * Parses the elements before the pixel data, which is neither read nor required: {@code bytes}
     * may be a prefix of the file. Running out of bytes before the pixel data element is an error
     * unless {@code wholeFile} says there are no more (a DICOM object without pixel data).
     */
    static DicomObject parseHeader(String name, byte[] bytes, boolean wholeFile) throws DicomFormatException {
        DicomObject o = new DicomParser(name, bytes, true).parse();
        if (!wholeFile && !o.has(DicomObject.PIXEL_DATA)) {
            throw new DicomFormatException("no pixel data element within the first " + bytes.length + " bytes");
        }
        return o;
    }

    private DicomObject parse() throws DicomFormatException {
        Level top = new Level();
        Map<Integer, DicomObject.Span> elements = top.elements();
        if (hasPreamble(b)) {
            pos = 132;
            explicit = true; // the meta group is always explicit VR little endian
            while (pos + 4 <= b.length && uint16(pos) == 0x0002) {
                readElement(top);
            }
            DicomObject meta = new DicomObject(name, b, null, elements, Map.of(), null, null);
            syntax = meta.string(DicomObject.TRANSFER_SYNTAX);
            if (syntax == null) {
                throw new DicomFormatException("no transfer syntax (0002,0010) in the file meta information");
            }
        } else {
            pos = 0;
            syntax = looksExplicit(0) ? EXPLICIT_LE : IMPLICIT_LE;
        }
        if (syntax.equals(EXPLICIT_BE)) {
            throw new DicomFormatException("big-endian transfer syntax " + syntax + " is not supported");
        }
        if (syntax.equals(DEFLATED_LE)) {
            throw new DicomFormatException("deflated transfer syntax " + syntax + " is not supported");
        }
        explicit = !syntax.equals(IMPLICIT_LE);
        while (pos < b.length) {
            if (b.length - pos < 8) {
                throw truncated("an element header", pos, 8);
            }
            int tag = tag(pos);
            if (tag == DicomObject.PIXEL_DATA && headerOnly) {
                elements.put(tag, new DicomObject.Span(pos, 0));
                return new DicomObject(name, b, syntax, elements, top.sequences(), null, null);
            }
            if (tag == DicomObject.PIXEL_DATA) {
                return readPixelData(top);
            }
            readElement(top);
        }
        return new DicomObject(name, b, syntax, elements, top.sequences(), null, null);
    }

    /** Reads one element at {@code pos} into {@code into}: a value's span, or a sequence's items. */
    private void readElement(Level into) throws DicomFormatException {
        int start = pos;
        need(8, "an element header");
        int tag = tag(pos);
        String vr = null;
        long length;
        if (explicit && (tag >>> 16) != 0xFFFE) {
            vr = new String(b, pos + 4, 2, StandardCharsets.US_ASCII);
            if (LONG_VRS.contains(vr)) {
                need(12, "an element header");
                length = uint32(pos + 8);
                pos += 12;
            } else {
                length = uint16(pos + 6);
                pos += 8;
            }
        } else {
            need(8, "an element header");
            length = uint32(pos + 4);
            pos += 8;
        }
        if (length != UNDEFINED && length > b.length - pos) {
            throw truncated("element " + DicomObject.tagString(tag), start, length);
        }
        if (length == UNDEFINED || "SQ".equals(vr)) {
            // an undefined length is a sequence whatever the VR; UN items are implicit VR (PS3.5 6.2.2)
            into.sequences().put(tag, readItems(length, "UN".equals(vr)));
            return;
        }
        into.elements().put(tag, new DicomObject.Span(pos, (int) length));
        pos += (int) length;
    }

    /** Reads the items of a sequence of {@code length} bytes (or undefined length, up to its delimiter). */
    private List<DicomObject> readItems(long length, boolean implicitInside) throws DicomFormatException {
        if (++depth > MAX_SEQUENCE_DEPTH) {
            throw new DicomFormatException("sequences nested more than " + MAX_SEQUENCE_DEPTH + " deep at byte " + pos);
        }
        boolean saved = explicit;
        explicit = explicit && !implicitInside;
        long end = length == UNDEFINED ? Long.MAX_VALUE : pos + length;
        List<DicomObject> items = new ArrayList<>();
        while (pos < end) {
            need(8, "a sequence item");
            int tag = tag(pos);
            long itemLength = uint32(pos + 4);
            pos += 8;
            if (tag == SEQUENCE_END && length == UNDEFINED) {
                break;
            }
            if (tag != ITEM) {
                throw new DicomFormatException("expected a sequence item at byte " + (pos - 8) + ", found tag "
                        + DicomObject.tagString(tag));
            }
            items.add(readItem(itemLength));
        }
        if (pos > end) {
            throw new DicomFormatException("a sequence item overruns its sequence's length at byte " + pos);
        }
        explicit = saved;
        depth--;
        return items;
    }

    private DicomObject readItem(long length) throws DicomFormatException {
        Level item = new Level();
        if (length == UNDEFINED) {
            while (true) {
                need(8, "an item element");
                if (tag(pos) == ITEM_END) {
                    pos += 8;
                    break;
                }
                readElement(item);
            }
        } else {
            if (length > b.length - pos) {
                throw truncated("a sequence item", pos - 8, length);
            }
            int end = pos + (int) length;
            while (pos < end) {
                readElement(item);
            }
            if (pos != end) {
                throw new DicomFormatException("an element overruns its sequence item at byte " + end);
            }
        }
        return new DicomObject(name, b, syntax, item.elements(), item.sequences(), null, null);
    }

    private DicomObject readPixelData(Level top) throws DicomFormatException {
        Map<Integer, DicomObject.Span> elements = top.elements();
        int start = pos;
        long length;
        if (explicit) {
            need(12, "the pixel data header");
            length = uint32(pos + 8);
            pos += 12;
        } else {
            need(8, "the pixel data header");
            length = uint32(pos + 4);
            pos += 8;
        }
        if (length != UNDEFINED) {
            if (length > b.length - pos) {
                throw truncated("the pixel data", start, length);
            }
            return new DicomObject(name, b, syntax, elements, top.sequences(), new DicomObject.Span(pos, (int) length),
                    null);
        }
        List<DicomObject.Span> fragments = new ArrayList<>();
        boolean offsetTable = true;
        while (true) {
            need(8, "a pixel data fragment");
            int tag = tag(pos);
            long itemLength = uint32(pos + 4);
            pos += 8;
            if (tag == SEQUENCE_END) {
                break;
            }
            if (tag != ITEM) {
                throw new DicomFormatException("expected a pixel data fragment at byte " + (pos - 8)
                        + ", found tag " + DicomObject.tagString(tag));
            }
            if (itemLength > b.length - pos) {
                throw truncated("a pixel data fragment", pos - 8, itemLength);
            }
            if (!offsetTable) {
                fragments.add(new DicomObject.Span(pos, (int) itemLength));
            }
            offsetTable = false;
            pos += (int) itemLength;
        }
        return new DicomObject(name, b, syntax, elements, top.sequences(), null, fragments);
    }

    /** A bare data set is explicit VR when bytes 4..5 of its first element are two capital letters. */
    private boolean looksExplicit(int at) {
        return b.length >= at + 8 && Character.isUpperCase(b[at + 4]) && Character.isUpperCase(b[at + 5]);
    }

    private void need(int count, String what) throws DicomFormatException {
        if (b.length - pos < count) {
            throw truncated(what, pos, count);
        }
    }

    private DicomFormatException truncated(String what, int at, long length) {
        return new DicomFormatException("truncated: " + what + " at byte " + at + " needs " + length
                + " bytes but the file is only " + b.length + " bytes long");
    }

    private int tag(int at) {
        return uint16(at) << 16 | uint16(at + 2);
    }

    private int uint16(int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private long uint32(int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
