package org.xnet.io;

import org.xnet.core.AtomicFiles;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jj2000.j2k.NotImplementedError;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.xnet.core.Image2D;

/**
 * Turns the pixel data of a greyscale DICOM image into an {@link Image2D}: stored values (native
 * 8/16-bit, or JPEG 2000 decoded by the jai-imageio plugin), optionally inverted, then the modality
 * rescale applied: {@code out = slope * v' + intercept} (Rescale Slope/Intercept, default 1 and 0).
 *
 * <p>Inversion is {@code v' = lo + hi - v} on the stored value, where {@code [lo, hi]} is the range
 * that {@code BitsStored} can hold ({@code [0, 2^bits - 1]} unsigned,
 * {@code [-2^(bits-1), 2^(bits-1) - 1]} signed).
 */
final class DicomPixels {

    static final Set<String> JPEG_2000 = Set.of("1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91");

    /** The attributes of the Image Pixel module that decoding needs. */
    record Format(int rows, int columns, int bitsAllocated, int bitsStored, int highBit, boolean signed,
            String photometric, double slope, double intercept) {

        static Format of(DicomObject o) throws DicomFormatException {
            int rows = required(o, DicomObject.ROWS, "Rows");
            int columns = required(o, DicomObject.COLUMNS, "Columns");
            int allocated = required(o, DicomObject.BITS_ALLOCATED, "Bits Allocated");
            int stored = o.uint16(DicomObject.BITS_STORED, allocated);
            int high = o.uint16(DicomObject.HIGH_BIT, stored - 1);
            int samples = o.uint16(DicomObject.SAMPLES_PER_PIXEL, 1);
            String photometric = o.string(DicomObject.PHOTOMETRIC);
            photometric = photometric == null ? "MONOCHROME2" : photometric;
            if (samples != 1 || !photometric.startsWith("MONOCHROME")) {
                throw new DicomFormatException("only greyscale images are supported, this one has "
                        + samples + " samples per pixel, photometric interpretation " + photometric);
            }
            if (allocated != 8 && allocated != 16) {
                throw new DicomFormatException("unsupported bit depth: " + allocated
                        + " bits allocated (supported: 8, 16)");
            }
            if (stored < 1 || stored > allocated || high < stored - 1 || high >= allocated) {
                throw new DicomFormatException("inconsistent bit layout: " + allocated + " allocated, "
                        + stored + " stored, high bit " + high);
            }
            if ((long) rows * columns > ImageReaders.MAX_PIXELS) {
                throw new DicomFormatException(String.format(Locale.ROOT,
                        "the header declares %,d x %,d pixels, more than the %,d an image may have",
                        columns, rows, ImageReaders.MAX_PIXELS));
            }
            double frames = o.decimal(DicomObject.NUMBER_OF_FRAMES, 1);
            if (frames != 1) {
                throw new DicomFormatException("multi-frame images are not supported (" + (long) frames + " frames)");
            }
            double slope = o.decimal(DicomObject.RESCALE_SLOPE, 1);
            double intercept = o.decimal(DicomObject.RESCALE_INTERCEPT, 0);
            boolean signed = o.uint16(DicomObject.PIXEL_REPRESENTATION, 0) == 1;
            return new Format(rows, columns, allocated, stored, high, signed, photometric, slope, intercept);
        }

        private static int required(DicomObject o, int tag, String name) throws DicomFormatException {
            int v = o.uint16(tag, -1);
            if (v <= 0) {
                throw new DicomFormatException("missing or zero " + name + " " + DicomObject.tagString(tag));
            }
            return v;
        }

        int lowest() {
            return signed ? -(1 << (bitsStored - 1)) : 0;
        }

        int highest() {
            return signed ? (1 << (bitsStored - 1)) - 1 : (1 << bitsStored) - 1;
        }

        /** Keeps the stored bits of a raw sample and sign-extends them when the data are signed. */
        int stored(int raw) {
            int v = (raw >>> (highBit + 1 - bitsStored)) & ((1 << bitsStored) - 1);
            return signed && v > highest() ? v - (1 << bitsStored) : v;
        }
    }

    private DicomPixels() {
    }

    /**
     * The image: stored values, inverted when {@code exposurePolarity} is set and the image is
     * MONOCHROME2, rescaled. Radiographs are displayed with open beam dark, so a MONOCHROME1 file
     * already stores open beam high (RG3: open beam 1023, collimator 0) and a MONOCHROME2 one stores
     * it low; exposure polarity therefore inverts MONOCHROME2 only. CT slices use modality values
     * ({@code exposurePolarity} false).
     */
    static Image2D decode(DicomObject o, boolean exposurePolarity) throws DicomFormatException {
        if (!o.hasPixelData()) {
            throw new DicomFormatException("no pixel data (7FE0,0010): not an image");
        }
        Format f = Format.of(o);
        int[] stored = storedValues(o, f);
        float[] out = new float[stored.length];
        boolean invert = exposurePolarity && f.photometric().equals("MONOCHROME2");
        int flip = f.lowest() + f.highest();
        for (int i = 0; i < out.length; i++) {
            int v = invert ? flip - stored[i] : stored[i];
            out[i] = (float) (f.slope() * v + f.intercept());
        }
        return new Image2D(f.columns(), f.rows(), out);
    }

    /** The stored pixel values, row by row, before inversion and rescale. */
    static int[] storedValues(DicomObject o, Format f) throws DicomFormatException {
        if (o.nativePixels() != null) {
            return nativeValues(o, f);
        }
        if (JPEG_2000.contains(o.transferSyntax())) {
            return jpeg2000Values(o, f);
        }
        throw new DicomFormatException("unsupported transfer syntax " + o.transferSyntax()
                + " (supported: uncompressed little endian, JPEG 2000 .4.90 and .4.91)");
    }

    private static int[] nativeValues(DicomObject o, Format f) throws DicomFormatException {
        // long: 65535 rows times 65535 columns overflows an int (found by DicomFuzzTest)
        long pixels = (long) f.rows() * f.columns();
        int bytesPer = f.bitsAllocated() / 8;
        DicomObject.Span span = o.nativePixels();
        if (pixels * bytesPer > span.length()) {
            throw new DicomFormatException("truncated pixel data: " + f.columns() + "x" + f.rows() + " at "
                    + f.bitsAllocated() + " bits needs " + pixels * bytesPer + " bytes, found " + span.length());
        }
        int count = (int) pixels;
        byte[] b = o.bytes();
        int[] values = new int[count];
        int at = span.offset();
        if (bytesPer == 1) {
            for (int i = 0; i < count; i++) {
                values[i] = f.stored(b[at + i] & 0xFF);
            }
        } else {
            for (int i = 0; i < count; i++, at += 2) {
                values[i] = f.stored((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8);
            }
        }
        return values;
    }

    private static int[] jpeg2000Values(DicomObject o, Format f) throws DicomFormatException {
        Raster raster = decodeJpeg2000(codestream(o), f);
        if (raster.getWidth() != f.columns() || raster.getHeight() != f.rows()) {
            throw new DicomFormatException("JPEG 2000 image is " + raster.getWidth() + "x" + raster.getHeight()
                    + " but the header says " + f.columns() + "x" + f.rows());
        }
        if (raster.getNumBands() != 1) {
            throw new DicomFormatException("JPEG 2000 image has " + raster.getNumBands()
                    + " components, expected 1 (greyscale)");
        }
        int[] values = raster.getSamples(raster.getMinX(), raster.getMinY(), f.columns(), f.rows(), 0, (int[]) null);
        int mask = (1 << f.bitsStored()) - 1;
        for (int i = 0; i < values.length; i++) {
            // the decoder returns the values as coded; mask and sign-extend as the header describes
            int v = values[i] & mask;
            values[i] = f.signed() && v > f.highest() ? v - (1 << f.bitsStored()) : v;
        }
        return values;
    }

    /** The fragments of the single frame, joined into one JPEG 2000 codestream. */
    private static byte[] codestream(DicomObject o) throws DicomFormatException {
        List<DicomObject.Span> fragments = o.fragments();
        if (fragments.isEmpty()) {
            throw new DicomFormatException("encapsulated pixel data has no fragments");
        }
        long total = 0;
        for (DicomObject.Span s : fragments) {
            total += s.length();
        }
        byte[] joined = new byte[(int) total];
        int at = 0;
        for (DicomObject.Span s : fragments) {
            System.arraycopy(o.bytes(), s.offset(), joined, at, s.length());
            at += s.length();
        }
        return joined;
    }

    /**
     * Decodes the codestream once its own size is known to match the header's (and, for a raw
     * codestream, its SIZ marker is read here): a codestream declaring 4 million columns in tiles of 6
     * made the decoder set up 700,000 tiles, more than 10 s, before any size could be compared
     * (found by DicomFuzzTest).
     */
    private static Raster decodeJpeg2000(byte[] codestream, Format f) throws DicomFormatException {
        requireSizFits(codestream, f);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg2000");
        if (!readers.hasNext()) {
            throw new DicomFormatException("no JPEG 2000 decoder on the class path (jai-imageio-jpeg2000)");
        }
        ImageReader reader = readers.next();
        try (Jpeg2000Input in = new Jpeg2000Input(codestream)) {
            Jpeg2000Codestream.requireNoMarkerInPacketData(codestream);
            reader.setInput(in, true, true);
            if ((long) reader.getWidth(0) * reader.getHeight(0) > ImageReaders.MAX_PIXELS) {
                throw new DicomFormatException("the JPEG 2000 header declares " + reader.getWidth(0) + " x "
                        + reader.getHeight(0) + " pixels, more than the " + ImageReaders.MAX_PIXELS + " an image may have");
            }
            Raster raster = reader.readRaster(0, null);
            if (in.readPastEnd()) {
                // a packet header ran past the data: more layers or code-blocks declared than coded
                throw new DicomFormatException("truncated JPEG 2000 pixel data (the packets need more than the "
                        + codestream.length + " bytes of the codestream)");
            }
            return raster;
        } catch (IOException | RuntimeException e) {
            throw new DicomFormatException("corrupt JPEG 2000 pixel data (" + AtomicFiles.describe(e) + ")", e);
        } catch (ThreadDeath | NotImplementedError e) {
            // jj2000 reports some corrupt codestreams with these two Errors (found by DicomFuzzTest)
            throw new DicomFormatException("corrupt JPEG 2000 pixel data (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * When the codestream starts with its SOC and SIZ markers (ISO 15444-1 A.5.1), the image it
     * declares must be the header's size and hold at most one tile per pixel.
     */
    private static void requireSizFits(byte[] c, Format f) throws DicomFormatException {
        Jpeg2000Codestream.Siz siz = Jpeg2000Codestream.siz(c);
        if (siz == null) {
            return;
        }
        if (siz.width() != f.columns() || siz.height() != f.rows()) {
            throw new DicomFormatException("JPEG 2000 image is " + siz.width() + "x" + siz.height() + " but the header says "
                    + f.columns() + "x" + f.rows());
        }
        if (siz.tiles() > siz.pixels()) {
            throw new DicomFormatException("corrupt JPEG 2000 pixel data (" + (siz.tiles() == Long.MAX_VALUE ? "a tile grid"
                    : siz.tiles() + " tiles") + " that cannot fit a " + siz.width() + "x" + siz.height() + " image)");
        }
    }

}
