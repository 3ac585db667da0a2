package org.xnet.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A protocol-buffers message in the wire format, written field by field: varints (wire type 0) and
 * length-delimited bytes, strings and nested messages (wire type 2). That is all the ONNX messages
 * the project writes need; fields appear in the order they are added, and repeated scalars are
 * written unpacked (proto2's default, which every parser accepts).
 *
 * <p>The message is kept as a list of chunks: a nested message or a large byte field is linked, not
 * copied, so tens of MB of weights are copied once, into {@link #toByteArray()}.
 */
final class Protobuf {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    /** Byte fields at least this long are linked as chunks of their own rather than copied. */
    private static final int LINK_THRESHOLD = 4096;

    private final List<Object> chunks = new ArrayList<>();
    private ByteArrayOutputStream current = new ByteArrayOutputStream();
    private long size;

    /** An integer field (int32, int64 or enum); negative numbers take ten bytes, as in protobuf. */
    Protobuf varint(int field, long value) {
        tag(field, VARINT);
        writeVarint(value);
        return this;
    }

    /** A string field (UTF-8). */
    Protobuf string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A bytes field; the array is kept by reference and must not change afterwards. */
    Protobuf bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        writeVarint(value.length);
        if (value.length >= LINK_THRESHOLD) {
            link(value, value.length);
        } else {
            current.write(value, 0, value.length);
            size += value.length;
        }
        return this;
    }

    /** A nested message field; {@code value} is linked and must not change afterwards. */
    Protobuf message(int field, Protobuf value) {
        tag(field, LENGTH_DELIMITED);
        writeVarint(value.size);
        link(value, value.size);
        return this;
    }

    /** The encoded message. */
    byte[] toByteArray() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("message of " + size + " bytes is too large for one array");
        }
        byte[] out = new byte[(int) size];
        int end = copyInto(out, 0);
        if (end != out.length) {
            throw new IllegalStateException("encoded " + end + " bytes, expected " + size);
        }
        return out;
    }

    private int copyInto(byte[] out, int at) {
        int pos = at;
        for (Object chunk : chunks) {
            if (chunk instanceof Protobuf nested) {
                pos = nested.copyInto(out, pos);
            } else {
                byte[] b = (byte[]) chunk;
                System.arraycopy(b, 0, out, pos, b.length);
                pos += b.length;
            }
        }
        byte[] tail = current.toByteArray();
        System.arraycopy(tail, 0, out, pos, tail.length);
        return pos + tail.length;
    }

    private void link(Object chunk, long length) {
        if (current.size() > 0) {
            chunks.add(current.toByteArray());
            current = new ByteArrayOutputStream();
        }
        chunks.add(chunk);
        size += length;
    }

    private void tag(int field, int wireType) {
        if (field < 1) {
            throw new IllegalArgumentException("field numbers start at 1, got " + field);
        }
        writeVarint((long) field << 3 | wireType);
    }

    private void writeVarint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            current.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
            size++;
        }
        current.write((int) v);
        size++;
    }
}
