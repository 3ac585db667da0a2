package org.xnet.io;

import org.xnet.core.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xnet.core.Image2D;
import org.xnet.core.XNetException;

/**
 * Reads a single-frame greyscale DICOM image: uncompressed explicit or implicit VR little endian,
 * or JPEG 2000 (lossless .4.90 and lossy .4.91). Width is Columns and height is Rows; values are
 * rescaled (Rescale Slope and Intercept). See {@link DicomPixels} for the exact arithmetic.
 *
 * <p>XNet works on exposure polarity: open beam bright (highest values), bone dark, as the detector
 * intensities of the original data and {@code xnet synth}. {@link #readRadiograph} gives that
 * polarity for any radiograph; {@link #read} gives the stored values unchanged. DICOM (PS3.3
 * C.7.6.3.1.2) defines MONOCHROME1 as "minimum value displayed white" and radiographs are displayed
 * like film, open beam black, so a MONOCHROME1 file already stores open beam high (RG3: open beam
 * 1023, collimator 0) and is kept, while a MONOCHROME2 file stores it low and is inverted. The
 * "invert MONOCHROME1" of the issue text and data/README is about display brightness (what a viewer
 * does to show it bone-white), the opposite of what brightness in the value space needs.
 */
public final class DicomReader {

    private DicomReader() {
    }

    /** Reads {@code file} as stored (rescaled); any problem is an {@link XNetException} naming the file. */
    public static Image2D read(Path file) throws XNetException {
        return decode(file, false);
    }

    /** Reads {@code file} in exposure polarity (open beam bright); see the class comment. */
    public static Image2D readRadiograph(Path file) throws XNetException {
        return decode(file, true);
    }

    /** Reads a DICOM file's {@code bytes} in exposure polarity; errors start with {@code name}. */
    static Image2D readRadiograph(byte[] bytes, String name) throws XNetException {
        return decode(bytes, name, true);
    }

    private static Image2D decode(Path file, boolean exposurePolarity) throws XNetException {
        return decode(readAll(file), file.toString(), exposurePolarity);
    }

    private static Image2D decode(byte[] bytes, String name, boolean exposurePolarity) throws XNetException {
        DicomObject o = parse(bytes, name);
        try {
            return DicomPixels.decode(o, exposurePolarity);
        } catch (DicomFormatException e) {
            throw new XNetException(name + ": " + e.getMessage(), e);
        }
    }

    /** How much of a file {@link #header} reads first; headers are usually a few kilobytes. */
    static final int HEADER_PREFIX = 1 << 18;

    /**
     * The header of {@code file} (every element before the pixel data, sequences included), without
     * reading or decoding the pixels: the first {@value #HEADER_PREFIX} bytes are read, and the
     * whole file only when the header is longer. For {@link DicomSeg#write}.
     */
    public static DicomObject header(Path file) throws XNetException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] prefix = in.readNBytes(HEADER_PREFIX);
            boolean whole = in.read() < 0;
            try {
                return DicomParser.parseHeader(file.toString(), prefix, whole);
            } catch (DicomFormatException e) {
                if (whole) {
                    throw e;
                }
            }
            return DicomParser.parseHeader(file.toString(), readAll(file), true);
        } catch (IOException e) {
            throw new XNetException(file + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        } catch (DicomFormatException e) {
            throw new XNetException(file + ": not a readable DICOM file: " + e.getMessage(), e);
        }
    }

    /**
     * The header of a DICOM file held as {@code bytes} (a Spark record, an upload), as {@link #header(Path)}
     * reads it from a file; errors start with {@code name}.
     */
    public static DicomObject header(byte[] bytes, String name) throws XNetException {
        try {
            return DicomParser.parseHeader(name, bytes, true);
        } catch (DicomFormatException e) {
            throw new XNetException(name + ": not a readable DICOM file: " + e.getMessage(), e);
        }
    }

    /** Reads and parses the element stream of {@code file}. */
    static DicomObject parse(Path file) throws XNetException {
        return parse(readAll(file), file.toString());
    }

    private static DicomObject parse(byte[] bytes, String name) throws XNetException {
        try {
            return DicomParser.parse(name, bytes);
        } catch (DicomFormatException e) {
            throw new XNetException(name + ": not a readable DICOM file: " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(Path file) throws XNetException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new XNetException(file + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
    }
}
