package org.xnet.io;

import java.io.ByteArrayOutputStream;
import org.xnet.core.Provenance;

/**
 * Lays out a DICOM Part 10 file (PS3.10 7.1): a 128-byte zero preamble, "DICM", the file meta
 * information group (0002) with its group length, then the data set, all in explicit VR little
 * endian. The media storage SOP class and instance are those of the data set.
 */
final class DicomWriter {

    static final int META_GROUP_LENGTH = 0x0002_0000;
    static final int META_VERSION = 0x0002_0001;
    static final int MEDIA_SOP_CLASS = 0x0002_0002;
    static final int MEDIA_SOP_INSTANCE = 0x0002_0003;
    static final int IMPLEMENTATION_CLASS_UID = 0x0002_0012;
    static final int IMPLEMENTATION_VERSION = 0x0002_0013;
    static final int SOP_CLASS = 0x0008_0016;
    static final int SOP_INSTANCE = 0x0008_0018;

    private DicomWriter() {
    }

    /** The bytes of a Part 10 file holding {@code dataSet}, which must have a SOP class and instance UID. */
    static byte[] part10(DicomDataSet dataSet, String sopClass, String sopInstance) {
        if (!dataSet.has(SOP_CLASS) || !dataSet.has(SOP_INSTANCE)) {
            throw new IllegalArgumentException("the data set has no SOP Class UID or SOP Instance UID");
        }
        String version = ("XNET_" + Provenance.softwareVersion()).replaceAll("[^A-Za-z0-9_.-]", "_");
        byte[] meta = new DicomDataSet()
                .binary(META_VERSION, "OB", new byte[] {0, 1})
                .text(MEDIA_SOP_CLASS, "UI", sopClass)
                .text(MEDIA_SOP_INSTANCE, "UI", sopInstance)
                .text(DicomObject.TRANSFER_SYNTAX, "UI", DicomParser.EXPLICIT_LE)
                .text(IMPLEMENTATION_CLASS_UID, "UI", DicomUids.IMPLEMENTATION_CLASS)
                .text(IMPLEMENTATION_VERSION, "SH", version.substring(0, Math.min(16, version.length())))
                .encode();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes(new byte[] {'D', 'I', 'C', 'M'});
        out.writeBytes(new DicomDataSet().uint32(META_GROUP_LENGTH, meta.length).encode());
        out.writeBytes(meta);
        out.writeBytes(dataSet.encode());
        return out.toByteArray();
    }
}
