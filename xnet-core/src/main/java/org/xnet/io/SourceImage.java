package org.xnet.io;

import org.xnet.core.XNetException;

/**
 * What a Segmentation needs from its source image, checked once: the UIDs it references, and the
 * geometry its frames share (pixel spacing; position and orientation when the source has them), as
 * the source's DS values byte for byte, or null when absent.
 */
record SourceImage(String name, String sopClass, String sopInstance, String seriesUid, byte[] pixelSpacing,
        byte[] position, byte[] orientation, byte[] sliceThickness) {

    static final int IMAGER_PIXEL_SPACING = 0x0018_1164;

    /**
     * Reads and checks {@code source} for a derived image of {@code width x height}: the UIDs must be
     * present (the SOP Class and Instance UIDs may come from the file meta group, as in files whose
     * data set lost them), the image must be single-frame and of that size. Pixel spacing is the source's Pixel Spacing, or
     * its Imager Pixel Spacing (spacing at the detector) when that is all it has; a spacing that is
     * not two positive numbers (RG1 of the NEMA set has 0\0) counts as absent.
     */
    static SourceImage of(DicomObject source, int width, int height) throws XNetException {
        String name = source.name();
        String sopClass = required(source, DicomWriter.SOP_CLASS, DicomWriter.MEDIA_SOP_CLASS, "SOP Class UID");
        String sopInstance = required(source, DicomWriter.SOP_INSTANCE, DicomWriter.MEDIA_SOP_INSTANCE,
                "SOP Instance UID");
        required(source, SourceAttributes.STUDY_UID, "Study Instance UID");
        String series = required(source, DicomObject.SERIES_UID, "Series Instance UID");
        try {
            int rows = source.uint16(DicomObject.ROWS, -1);
            int columns = source.uint16(DicomObject.COLUMNS, -1);
            if (rows <= 0 || columns <= 0) {
                throw new XNetException(name + ": not an image (no Rows and Columns), cannot be segmented");
            }
            double frames = source.decimal(DicomObject.NUMBER_OF_FRAMES, 1);
            if (frames != 1) {
                throw new XNetException(name + ": has " + (long) frames + " frames, expected a single-frame image");
            }
            if (columns != width || rows != height) {
                throw new XNetException(name + ": the image is " + columns + "x" + rows + " but the derived image is "
                        + width + "x" + height + "; it must have the source image's size");
            }
            int spacingTag = positive(source, DicomObject.PIXEL_SPACING) ? DicomObject.PIXEL_SPACING
                    : positive(source, IMAGER_PIXEL_SPACING) ? IMAGER_PIXEL_SPACING : -1;
            boolean placed = source.decimals(DicomObject.IMAGE_POSITION).length == 3
                    && source.decimals(DicomObject.IMAGE_ORIENTATION).length == 6;
            return new SourceImage(name, sopClass, sopInstance, series,
                    spacingTag < 0 ? null : source.rawValue(spacingTag),
                    placed ? source.rawValue(DicomObject.IMAGE_POSITION) : null,
                    placed ? source.rawValue(DicomObject.IMAGE_ORIENTATION) : null,
                    source.rawValue(DicomObject.SLICE_THICKNESS));
        } catch (DicomFormatException e) {
            throw new XNetException(name + ": " + e.getMessage(), e);
        }
    }

    /** The item that references the source image: its SOP class and instance. */
    DicomDataSet reference() {
        return new DicomDataSet().text(DicomSeg.REFERENCED_SOP_CLASS, "UI", sopClass)
                .text(DicomSeg.REFERENCED_SOP_INSTANCE, "UI", sopInstance);
    }

    /** The value of {@code tag}, else of {@code fallback} (the meta group's copy of a SOP UID). */
    private static String required(DicomObject source, int tag, int fallback, String what) throws XNetException {
        String v = source.string(tag);
        return v == null || v.isEmpty() ? required(source, fallback, what) : v;
    }

    private static String required(DicomObject source, int tag, String what) throws XNetException {
        String v = source.string(tag);
        if (v == null || v.isEmpty()) {
            throw new XNetException(source.name() + ": no " + what + " " + DicomObject.tagString(tag)
                    + "; a Segmentation must reference its source image's UIDs, so none is written");
        }
        return v;
    }

    private static boolean positive(DicomObject source, int tag) throws DicomFormatException {
        double[] spacing = source.decimals(tag);
        return spacing.length == 2 && spacing[0] > 0 && spacing[1] > 0;
    }
}
