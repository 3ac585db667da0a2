package org.xnet.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DICOM data set being built for writing: elements kept in tag order, each value encoded when it
 * is put, so {@link #encode} only lays them out in explicit VR little endian (PS3.5 7.1.2).
 * Sequences and their items have defined lengths (computed from the encoded items), never
 * delimiters. Values are padded to even length as PS3.5 6.2 says: UI with a NUL, other text with a
 * space, binary values with a zero byte. Written for this project from the standard; pairs with
 * {@link DicomParser}, which reads what this writes.
 */
final class DicomDataSet {

    private static final int ITEM = 0xFFFE_E000;
    /** Text VRs and their maximum value lengths in characters (PS3.5 table 6.2-1); 0: no check here. */
    private static final Map<String, Integer> TEXT_VRS = Map.ofEntries(Map.entry("AE", 16), Map.entry("AS", 4),
            Map.entry("CS", 16), Map.entry("DA", 8), Map.entry("DS", 16), Map.entry("DT", 26), Map.entry("IS", 12),
            Map.entry("LO", 64), Map.entry("LT", 10240), Map.entry("PN", 0), Map.entry("SH", 16),
            Map.entry("ST", 1024), Map.entry("TM", 14), Map.entry("UC", 0), Map.entry("UI", 64), Map.entry("UT", 0));

    /** One element: its VR and either its encoded, padded value or its items. */
    private record Element(String vr, byte[] value, List<DicomDataSet> items) {
    }

    private final TreeMap<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);

    /**
     * Puts a text value; several {@code values} are joined with backslashes (value multiplicity).
     * A value longer than its VR allows is a programmer error.
     */
    DicomDataSet text(int tag, String vr, String... values) {
        Integer max = TEXT_VRS.get(vr);
        if (max == null) {
            throw new IllegalArgumentException(vr + " is not a text VR (element " + DicomObject.tagString(tag) + ")");
        }
        boolean multiValued = !List.of("LT", "ST", "UT").contains(vr);
        for (String v : values) {
            if (max > 0 && v.length() > max || multiValued && v.contains("\\")) {
                throw new IllegalArgumentException("value '" + v + "' does not fit VR " + vr + " (at most " + max
                        + " characters, no backslash) in element " + DicomObject.tagString(tag));
            }
        }
        byte[] b = String.join("\\", values).getBytes(StandardCharsets.ISO_8859_1);
        return put(tag, vr, pad(b, vr.equals("UI") ? 0 : ' '));
    }

    /** Puts unsigned 16-bit values (US). */
    DicomDataSet uint16(int tag, int... values) {
        byte[] b = new byte[2 * values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 0xFFFF) {
                throw new IllegalArgumentException("US value " + values[i] + " out of range in " + DicomObject.tagString(tag));
            }
            b[2 * i] = (byte) values[i];
            b[2 * i + 1] = (byte) (values[i] >>> 8);
        }
        return put(tag, "US", b);
    }

    /** Puts unsigned 32-bit values (UL). */
    DicomDataSet uint32(int tag, long... values) {
        byte[] b = new byte[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            writeInt32(b, 4 * i, values[i]);
        }
        return put(tag, "UL", b);
    }

    /** Puts attribute tags (AT), each as group then element. */
    DicomDataSet tags(int tag, int... pointers) {
        byte[] b = new byte[4 * pointers.length];
        for (int i = 0; i < pointers.length; i++) {
            writeInt32(b, 4 * i, (pointers[i] >>> 16) | (long) (pointers[i] & 0xFFFF) << 16);
        }
        return put(tag, "AT", b);
    }

    /** Puts a binary value (OB, OW, UN), padded with a zero byte to even length. */
    DicomDataSet binary(int tag, String vr, byte[] value) {
        return put(tag, vr, pad(value, 0));
    }

    /**
     * Puts a value copied byte for byte from another file (already padded there), with the VR this
     * attribute has in the data dictionary; an odd length is padded as for a new value.
     */
    DicomDataSet raw(int tag, String vr, byte[] value) {
        boolean text = TEXT_VRS.containsKey(vr);
        return put(tag, vr, pad(value, !text ? 0 : vr.equals("UI") ? 0 : ' '));
    }

    /** Puts a sequence with the given items (none: an empty sequence). */
    DicomDataSet sequence(int tag, List<DicomDataSet> items) {
        elements.put(tag, new Element("SQ", null, List.copyOf(items)));
        return this;
    }

    /** Puts a sequence of one item. */
    DicomDataSet sequence(int tag, DicomDataSet item) {
        return sequence(tag, List.of(item));
    }

    boolean has(int tag) {
        return elements.containsKey(tag);
    }

    /** The data set in explicit VR little endian, elements in ascending tag order. */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<Integer, Element> e : elements.entrySet()) {
            int tag = e.getKey();
            Element el = e.getValue();
            byte[] value = el.items() == null ? el.value() : encodeItems(el.items());
            out.writeBytes(header(tag, el.vr(), value.length));
            out.writeBytes(value);
        }
        return out.toByteArray();
    }

    private static byte[] encodeItems(List<DicomDataSet> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DicomDataSet item : items) {
            byte[] body = item.encode();
            byte[] h = new byte[8];
            writeTag(h, 0, ITEM);
            writeInt32(h, 4, body.length);
            out.writeBytes(h);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static byte[] header(int tag, String vr, long length) {
        boolean longForm = DicomParser.LONG_VRS.contains(vr);
        if (!longForm && length > 0xFFFF) {
            throw new IllegalArgumentException("value of " + DicomObject.tagString(tag) + " (" + vr + ") is "
                    + length + " bytes, more than a 16-bit length holds");
        }
        byte[] h = new byte[longForm ? 12 : 8];
        writeTag(h, 0, tag);
        h[4] = (byte) vr.charAt(0);
        h[5] = (byte) vr.charAt(1);
        if (longForm) {
            writeInt32(h, 8, length);
        } else {
            h[6] = (byte) length;
            h[7] = (byte) (length >>> 8);
        }
        return h;
    }

    private DicomDataSet put(int tag, String vr, byte[] value) {
        elements.put(tag, new Element(vr, value, null));
        return this;
    }

    private static byte[] pad(byte[] b, int padding) {
        if (b.length % 2 == 0) {
            return b;
        }
        byte[] padded = new byte[b.length + 1];
        System.arraycopy(b, 0, padded, 0, b.length);
        padded[b.length] = (byte) padding;
        return padded;
    }

    private static void writeTag(byte[] b, int at, int tag) {
        b[at] = (byte) (tag >>> 16);
        b[at + 1] = (byte) (tag >>> 24);
        b[at + 2] = (byte) tag;
        b[at + 3] = (byte) (tag >>> 8);
    }

    static void writeInt32(byte[] b, int at, long v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

}
