package org.xnet.io;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * UIDs under the root {@code 2.25}, whose rest is the decimal value of a UUID as an unsigned
 * 128-bit integer (PS3.5 B.2; ISO/IEC 9834-8): unique without a registered organisation root, and
 * at most 44 characters, within the 64 a UID may have.
 */
final class DicomUids {

    /** The implementation class UID of this writer (PS3.10 7.1): a name-based UUID, so it never changes. */
    static final String IMPLEMENTATION_CLASS = of(UUID.nameUUIDFromBytes(
            "org.xnet xnet-java DICOM writer".getBytes(StandardCharsets.US_ASCII)));

    private DicomUids() {
    }

    /** The UID {@code 2.25.<uuid as an unsigned decimal>}. */
    static String of(UUID uuid) {
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }

    /** A UID derived from {@code base} and a purpose: the same inputs give the same UID. */
    static String derived(UUID base, String purpose) {
        return of(UUID.nameUUIDFromBytes((base + "/" + purpose).getBytes(StandardCharsets.US_ASCII)));
    }
}
