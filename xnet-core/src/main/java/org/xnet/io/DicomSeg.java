package org.xnet.io;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.nio.file.Path;
import org.xnet.core.AtomicFiles;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;

/**
 * Writes a DICOM Segmentation (SEG, PS3.3 A.51) of one single-frame source radiograph, so that a
 * PACS files the result under the source's patient and study and a viewer shows it over the image:
 * BINARY segmentation, one segment (and one 1-bit frame) per XNet class, coded as
 * {@link SegmentCodes} explains, algorithm type AUTOMATIC with the algorithm's name and version;
 * a new series (modality SEG) whose single instance references the source's SOP instance in every
 * frame's derivation and in the Common Instance Reference module.
 *
 * <p>A source without SOP Class, SOP Instance, Study Instance or Series Instance UID is refused rather
 * than given invented ones: a Segmentation in a study of its own, referencing an image no archive
 * holds, would be filed where nobody finds it next to its image. Dates and times are the local time
 * of writing. See {@link SegFrames} for the bit packing of the frames.
 */
public final class DicomSeg {

    /** Segmentation Storage (PS3.4 B.5). */
    public static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.66.4";

    /**
     * The algorithm that made the mask. {@code modelId} identifies the exact weights (the model file's
     * SHA-256 suits): it becomes the Device Serial Number of the equipment modules, at most 64 characters.
     */
    public record Algorithm(String name, String version, String modelId) {
        public Algorithm {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(modelId, "modelId");
            if (name.isBlank() || name.length() > 64 || version.isBlank() || version.length() > 64
                    || modelId.isBlank() || modelId.length() > 64) {
                throw new IllegalArgumentException("algorithm name, version and model id must have 1 to 64 "
                        + "characters, got '" + name + "', '" + version + "', '" + modelId + "'");
            }
        }
    }

    /** What makes one written object unique: its series and instance, and when it was made. */
    record Identity(UUID series, UUID instance, LocalDateTime created) {
        static Identity fresh() {
            return new Identity(UUID.randomUUID(), UUID.randomUUID(), LocalDateTime.now());
        }
    }

    static final int IMAGE_TYPE = 0x0008_0008;
    static final int MODALITY = DerivedObject.MODALITY;
    static final int REFERENCED_SERIES = 0x0008_1115;
    static final int REFERENCED_INSTANCES = 0x0008_114A;
    static final int REFERENCED_SOP_CLASS = 0x0008_1150;
    static final int REFERENCED_SOP_INSTANCE = 0x0008_1155;
    static final int LOSSY_COMPRESSION = 0x0028_2110;
    static final int SEGMENTATION_TYPE = 0x0062_0001;
    static final int SEGMENT_SEQUENCE = 0x0062_0002;
    static final int SEGMENT_CATEGORY = 0x0062_0003;
    static final int SEGMENT_NUMBER = 0x0062_0004;
    static final int SEGMENT_LABEL = 0x0062_0005;
    static final int SEGMENT_ALGORITHM_IDENTIFICATION = 0x0062_0007;
    static final int SEGMENT_ALGORITHM_TYPE = 0x0062_0008;
    static final int SEGMENT_ALGORITHM_NAME = 0x0062_0009;
    static final int SEGMENT_TYPE = 0x0062_000F;
    static final int ALGORITHM_FAMILY = 0x0066_002F;
    static final int ALGORITHM_VERSION = 0x0066_0031;
    static final int ALGORITHM_NAME = 0x0066_0036;
    static final int CONTENT_LABEL = 0x0070_0080;
    static final int CONTENT_DESCRIPTION = 0x0070_0081;
    static final int CONTENT_CREATOR = 0x0070_0084;

    /** The series number of the Segmentation series (type 1 there; any fixed value serves). */
    static final int SERIES_NUMBER = 900;

    private DicomSeg() {
    }

    /**
     * Writes the Segmentation of {@code mask} over the image {@code source} (from
     * {@link DicomReader#header}) to {@code out}, atomically. The mask must have the source's
     * Columns x Rows; anything the source lacks (see the class comment) or a size mismatch is an
     * {@link XNetException} naming the source file.
     */
    public static void write(DicomObject source, LabelMap mask, Algorithm algorithm, Path out) throws XNetException {
        AtomicFiles.writeBytes(out, encode(source, mask, algorithm, Identity.fresh()));
    }

    /** The Part 10 bytes of the Segmentation; {@code id} fixes the UIDs and times (tests). */
    static byte[] encode(DicomObject source, LabelMap mask, Algorithm algorithm, Identity id) throws XNetException {
        SourceImage image = SourceImage.of(source, mask.width(), mask.height());
        DicomDataSet d = DerivedObject.start(source, SOP_CLASS, "SEG", SERIES_NUMBER, algorithm.name()
                + " segmentation", algorithm, id);
        boolean frameOfReference = SourceAttributes.copyFrameOfReference(source, d);
        if (!frameOfReference || image.position() == null) {
            SourceAttributes.copyPatientOrientation(source, d);
        }
        d.text(IMAGE_TYPE, "CS", "DERIVED", "PRIMARY")
                .sequence(REFERENCED_SERIES, new DicomDataSet()
                        .text(DicomObject.SERIES_UID, "UI", image.seriesUid())
                        .sequence(REFERENCED_INSTANCES, image.reference()));
        content(d, algorithm);
        segments(d, algorithm);
        SegFrames.imagePixel(d, mask);
        SegFrames.functionalGroups(d, image, DicomUids.derived(id.instance(), "dimension-organization"),
                frameOfReference);
        return DicomWriter.part10(d, SOP_CLASS, DicomUids.of(id.instance()));
    }

    /** The Content Identification macro of the Segmentation Image module. */
    private static void content(DicomDataSet d, Algorithm algorithm) {
        String label = algorithm.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_ ]", "_");
        d.text(CONTENT_LABEL, "CS", label.substring(0, Math.min(16, label.length())))
                .text(CONTENT_DESCRIPTION, "LO", DerivedObject.fit("Open beam, soft tissue and bone by "
                        + algorithm.name() + " " + algorithm.version()))
                .text(CONTENT_CREATOR, "PN", algorithm.name() + "^");
    }

    /** Segmentation Type and the Segment Sequence: one segment per class, numbered from 1 in class order. */
    private static void segments(DicomDataSet d, Algorithm algorithm) {
        List<DicomDataSet> items = new ArrayList<>();
        for (SegClass c : SegClass.values()) {
            SegmentCodes.Segment s = SegmentCodes.of(c);
            items.add(new DicomDataSet()
                    .sequence(SEGMENT_CATEGORY, s.category().item())
                    .uint16(SEGMENT_NUMBER, segmentNumber(c))
                    .text(SEGMENT_LABEL, "LO", s.label())
                    .sequence(SEGMENT_ALGORITHM_IDENTIFICATION, new DicomDataSet()
                            .sequence(ALGORITHM_FAMILY, SegmentCodes.ARTIFICIAL_INTELLIGENCE.item())
                            .text(ALGORITHM_VERSION, "LO", algorithm.version())
                            .text(ALGORITHM_NAME, "LO", algorithm.name()))
                    .text(SEGMENT_ALGORITHM_TYPE, "CS", "AUTOMATIC")
                    .text(SEGMENT_ALGORITHM_NAME, "LO", algorithm.name())
                    .sequence(SEGMENT_TYPE, s.type().item()));
        }
        d.text(SEGMENTATION_TYPE, "CS", "BINARY").sequence(SEGMENT_SEQUENCE, items)
                .text(LOSSY_COMPRESSION, "CS", "00");
    }

    /** The segment number of class {@code c}: its index plus one (segment numbers start at 1). */
    static int segmentNumber(SegClass c) {
        return c.index() + 1;
    }
}
