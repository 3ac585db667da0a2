package org.xnet.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xnet.core.Image2D;
import org.xnet.core.XNetException;

/**
 * Reads a single-frame greyscale DICOM image: uncompressed explicit or implicit VR little endian,
 * or JPEG 2000 (lossless .4.90 and lossy .4.91). The result holds rescaled values (Rescale Slope and
 * Intercept applied) with MONOCHROME1 inverted so that open beam is bright; width is Columns and
 * height is Rows. See {@link DicomPixels} for the exact arithmetic.
 */
public final class DicomReader {

    private DicomReader() {
    }

    /** Reads {@code file}; any problem is an {@link XNetException} naming the file. */
    public static Image2D read(Path file) throws XNetException {
        DicomObject o = parse(file);
        try {
            return DicomPixels.decode(o);
        } catch (DicomFormatException e) {
            throw new XNetException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads and parses the element stream of {@code file}. */
    static DicomObject parse(Path file) throws XNetException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new XNetException(file + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
        try {
            return DicomParser.parse(file.toString(), bytes);
        } catch (DicomFormatException e) {
            throw new XNetException(file + ": not a readable DICOM file: " + e.getMessage(), e);
        }
    }
}
