package org.xnet.io;

import java.nio.file.Path;
import org.xnet.core.AtomicFiles;
import org.xnet.core.XNetException;

/**
 * Writes an RGB overlay (the caller's picture of the mask over the radiograph) as a DICOM Secondary
 * Capture image (PS3.3 A.8.1), for viewers that do not display Segmentations: a new series (modality
 * OT) in the source's study, one 8-bit RGB frame of the source's size, referencing the source image
 * in its Source Image Sequence. Refusals are those of {@link DicomSeg}: missing UIDs, another size.
 */
public final class DicomOverlay {

    /** Secondary Capture Image Storage (PS3.4 B.5). */
    public static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.7";
    static final int SERIES_NUMBER = 901;
    static final int CONVERSION_TYPE = 0x0008_0064;
    static final int DERIVATION_DESCRIPTION = 0x0008_2111;
    static final int PLANAR_CONFIGURATION = 0x0028_0006;
    static final int BURNED_IN_ANNOTATION = 0x0028_0301;

    private DicomOverlay() {
    }

    /**
     * Writes the overlay {@code argb} ({@code width * height} pixels, row-major, 0xAARRGGBB; alpha is
     * ignored) over the image {@code source} (from {@link DicomReader#header}) to {@code out}, atomically.
     */
    public static void write(DicomObject source, int width, int height, int[] argb, DicomSeg.Algorithm algorithm,
            Path out) throws XNetException {
        AtomicFiles.writeBytes(out, encode(source, width, height, argb, algorithm, DicomSeg.Identity.fresh()));
    }

    /** The Part 10 bytes of the overlay; {@code id} fixes the UIDs and times (tests). */
    static byte[] encode(DicomObject source, int width, int height, int[] argb, DicomSeg.Algorithm algorithm,
            DicomSeg.Identity id) throws XNetException {
        if (argb.length != (long) width * height) {
            throw new IllegalArgumentException("overlay has " + argb.length + " pixels, expected " + width + "x" + height);
        }
        SourceImage image = SourceImage.of(source, width, height);
        DicomDataSet d = DerivedObject.start(source, SOP_CLASS, "OT", SERIES_NUMBER, algorithm.name() + " overlay",
                algorithm, id);
        SourceAttributes.copyPatientOrientation(source, d);
        SourceAttributes.copyLaterality(source, d);
        byte[] rgb = new byte[3 * argb.length];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >>> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >>> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        d.text(CONVERSION_TYPE, "CS", "WSD")
                .text(DicomSeg.IMAGE_TYPE, "CS", "DERIVED", "SECONDARY")
                .text(DERIVATION_DESCRIPTION, "ST", "Classes (open beam, soft tissue, bone) by " + algorithm.name()
                        + " " + algorithm.version() + " drawn over the source image")
                .sequence(SegFrames.SOURCE_IMAGES, image.reference()
                        .sequence(SegFrames.PURPOSE_OF_REFERENCE, SegmentCodes.SOURCE_IMAGE.item()))
                .uint16(DicomObject.SAMPLES_PER_PIXEL, 3)
                .text(DicomObject.PHOTOMETRIC, "CS", "RGB")
                .uint16(PLANAR_CONFIGURATION, 0)
                .uint16(DicomObject.ROWS, height)
                .uint16(DicomObject.COLUMNS, width)
                .uint16(DicomObject.BITS_ALLOCATED, 8)
                .uint16(DicomObject.BITS_STORED, 8)
                .uint16(DicomObject.HIGH_BIT, 7)
                .uint16(DicomObject.PIXEL_REPRESENTATION, 0)
                .text(BURNED_IN_ANNOTATION, "CS", "NO")
                .text(DicomSeg.LOSSY_COMPRESSION, "CS", "00")
                .binary(DicomObject.PIXEL_DATA, "OB", rgb);
        return DicomWriter.part10(d, SOP_CLASS, DicomUids.of(id.instance()));
    }
}
