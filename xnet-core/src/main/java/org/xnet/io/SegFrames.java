package org.xnet.io;

import java.util.ArrayList;
import java.util.List;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;

/**
 * The pixel side of a binary Segmentation: one frame per segment (frame k shows class k-1), and the
 * functional groups that say which segment each frame shows and which image it was derived from.
 *
 * <p>Frames are 1 bit per pixel (Bits Allocated 1), pixels in row-major order, the first pixel in
 * the least significant bit of the first byte (PS3.5 D.2), and consecutive frames follow each other
 * bit by bit, without padding to a byte boundary (PS3.5 8.1.1): frame {@code k}'s pixel {@code i}
 * is bit {@code (k * rows * columns + i) % 8} of byte {@code (k * rows * columns + i) / 8}. Only the
 * whole value is padded to even length.
 */
final class SegFrames {

    static final int DERIVATION_IMAGES = 0x0008_9124;
    static final int SOURCE_IMAGES = 0x0008_2112;
    static final int DERIVATION_CODE = 0x0008_9215;
    static final int PURPOSE_OF_REFERENCE = 0x0040_A170;
    static final int FRAME_CONTENT = 0x0020_9111;
    static final int DIMENSION_INDEX_VALUES = 0x0020_9157;
    static final int DIMENSION_ORGANIZATION_UID = 0x0020_9164;
    static final int DIMENSION_INDEX_POINTER = 0x0020_9165;
    static final int FUNCTIONAL_GROUP_POINTER = 0x0020_9167;
    static final int DIMENSION_ORGANIZATIONS = 0x0020_9221;
    static final int DIMENSION_INDEXES = 0x0020_9222;
    static final int DIMENSION_LABEL = 0x0020_9421;
    static final int PIXEL_MEASURES = 0x0028_9110;
    static final int PLANE_POSITION = 0x0020_9113;
    static final int PLANE_ORIENTATION = 0x0020_9116;
    static final int SEGMENT_IDENTIFICATION = 0x0062_000A;
    static final int REFERENCED_SEGMENT_NUMBER = 0x0062_000B;
    static final int SHARED_GROUPS = 0x5200_9229;
    static final int PER_FRAME_GROUPS = 0x5200_9230;

    private SegFrames() {
    }

    /** The Image Pixel attributes of a binary Segmentation with one frame per class, and the pixel data. */
    static void imagePixel(DicomDataSet d, LabelMap mask) {
        d.uint16(DicomObject.SAMPLES_PER_PIXEL, 1)
                .text(DicomObject.PHOTOMETRIC, "CS", "MONOCHROME2")
                .text(DicomObject.NUMBER_OF_FRAMES, "IS", Integer.toString(SegClass.COUNT))
                .uint16(DicomObject.ROWS, mask.height())
                .uint16(DicomObject.COLUMNS, mask.width())
                .uint16(DicomObject.BITS_ALLOCATED, 1)
                .uint16(DicomObject.BITS_STORED, 1)
                .uint16(DicomObject.HIGH_BIT, 0)
                .uint16(DicomObject.PIXEL_REPRESENTATION, 0)
                .binary(DicomObject.PIXEL_DATA, "OB", pack(mask));
    }

    /** Frame {@code k} is 1 where the mask holds class {@code k}; frames packed as the class comment says. */
    static byte[] pack(LabelMap mask) {
        byte[] labels = mask.data();
        int area = labels.length;
        byte[] packed = new byte[(int) ((SegClass.COUNT * (long) area + 7) / 8)];
        for (int i = 0; i < area; i++) {
            long bit = (long) labels[i] * area + i;
            packed[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
        return packed;
    }

    /**
     * The Multi-frame Functional Groups (shared: the source's geometry; per frame: the derivation
     * from the source image, the frame's dimension index and its segment) and Multi-frame Dimension
     * modules. The one dimension is the segment number, so frame k's index value is k.
     */
    static void functionalGroups(DicomDataSet d, SourceImage image, String dimensionOrganization,
            boolean frameOfReference) {
        DicomDataSet shared = new DicomDataSet();
        if (image.pixelSpacing() != null) {
            DicomDataSet measures = new DicomDataSet().raw(DicomObject.PIXEL_SPACING, "DS", image.pixelSpacing());
            if (frameOfReference && image.sliceThickness() != null) {
                measures.raw(DicomObject.SLICE_THICKNESS, "DS", image.sliceThickness());
            }
            shared.sequence(PIXEL_MEASURES, measures);
        }
        if (frameOfReference && image.position() != null) {
            shared.sequence(PLANE_POSITION, new DicomDataSet().raw(DicomObject.IMAGE_POSITION, "DS", image.position()))
                    .sequence(PLANE_ORIENTATION,
                            new DicomDataSet().raw(DicomObject.IMAGE_ORIENTATION, "DS", image.orientation()));
        }
        List<DicomDataSet> frames = new ArrayList<>();
        for (SegClass c : SegClass.values()) {
            int segment = DicomSeg.segmentNumber(c);
            frames.add(new DicomDataSet()
                    .sequence(DERIVATION_IMAGES, new DicomDataSet()
                            .sequence(SOURCE_IMAGES, image.reference()
                                    .sequence(PURPOSE_OF_REFERENCE, SegmentCodes.SOURCE_IMAGE.item()))
                            .sequence(DERIVATION_CODE, SegmentCodes.SEGMENTATION.item()))
                    .sequence(FRAME_CONTENT, new DicomDataSet().uint32(DIMENSION_INDEX_VALUES, segment))
                    .sequence(SEGMENT_IDENTIFICATION, new DicomDataSet().uint16(REFERENCED_SEGMENT_NUMBER, segment)));
        }
        d.sequence(SHARED_GROUPS, shared).sequence(PER_FRAME_GROUPS, frames)
                .sequence(DIMENSION_ORGANIZATIONS, new DicomDataSet().text(DIMENSION_ORGANIZATION_UID, "UI",
                        dimensionOrganization))
                .sequence(DIMENSION_INDEXES, new DicomDataSet()
                        .text(DIMENSION_ORGANIZATION_UID, "UI", dimensionOrganization)
                        .tags(DIMENSION_INDEX_POINTER, REFERENCED_SEGMENT_NUMBER)
                        .tags(FUNCTIONAL_GROUP_POINTER, SEGMENT_IDENTIFICATION)
                        .text(DIMENSION_LABEL, "LO", "Segment number"));
    }
}
