package org.xnet.io;

import org.xnet.core.AtomicFiles;
import java.awt.Rectangle;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReader;
import jj2000.j2k.NotImplementedError;
import org.xnet.core.Image2D;
import org.xnet.core.XNetException;

/**
 * Reads a radiograph of any supported format into an {@link Image2D} of raw float32 values (no
 * normalisation): TIFF 8/16/32-bit (integer or float), PNG 8/16-bit, JPEG and DICOM, from a file or
 * from its bytes. The format is recognised by content ({@link ImageFormat}: the TIFF, PNG and JPEG
 * signatures, "DICM" after a DICOM preamble), not by extension; only a DICOM data set without
 * preamble, which has no signature, is recognised by a name ending in {@code .dcm} or {@code .dicom}.
 * Colour images become grey by Rec. 601 luminance {@code (299 R + 587 G + 114 B) / 1000}, in the
 * image's own units (so 16-bit RGB keeps its range). DICOM radiographs come in exposure polarity,
 * open beam bright ({@link DicomReader#readRadiograph(Path)}); other formats carry no such
 * information and are read as stored.
 *
 * <p>Three rules protect what comes after: an image may have at most {@link #MAX_PIXELS} pixels,
 * checked from its header before any pixel is decoded (a 100000 x 100000 header in a small file
 * is refused, not allocated); a file may not declare more pixels than its size can code
 * ({@link ImageFileChecks}: PNG and TIFF by their compressed data, formats other than TIFF, PNG and JPEG by
 * {@link ImageFileChecks#OTHER_PIXELS_PER_BYTE}); and every pixel must be finite: an image holding NaN or infinite
 * values (a float TIFF, say) is refused with their count, since normalisation would spread them
 * over the whole image.
 */
public final class ImageReaders {

    /** File name extensions of the formats read here (lower case, without the dot). */
    public static final Set<String> EXTENSIONS = Set.of("tif", "tiff", "png", "jpg", "jpeg", "dcm", "dicom");
    /** The most pixels an image may have: 2^28, a 16384 x 16384 radiograph (1 GiB as float32). */
    public static final long MAX_PIXELS = 1L << 28;

    private ImageReaders() {
    }

    /** True when {@code file}'s name ends in one of {@link #EXTENSIONS} (ignoring case). */
    public static boolean hasImageExtension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    /** Reads {@code file}; every failure is an {@link XNetException} whose message names the file. */
    public static Image2D read(Path file) throws XNetException {
        String name = file.toString();
        // the bytes live only in decode's frame: they are garbage before the pixels become floats
        // (a 10000x10000 16-bit TIFF: 200 MB less at the peak, see TiledPredictMemoryTest)
        return requireFinite(decode(readAll(file), name).grey(name), name);
    }

    /**
     * Reads an image from the whole content of a file, for callers that hold bytes rather than a
     * file (a Spark record, an upload, a zip entry). The format is recognised by content as for a
     * file; {@code name} (a file name or any label) starts every error message and, as a file's name
     * does, marks a DICOM data set without preamble when it ends in {@code .dcm} or {@code .dicom}.
     */
    public static Image2D read(byte[] bytes, String name) throws XNetException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(name, "name");
        return requireFinite(decode(bytes, name).grey(name), name);
    }

    /**
     * A file's picture before grey conversion: already grey (a DICOM radiograph, a large grey TIFF read
     * in bands) or decoded pixels.
     */
    private record Picture(Image2D radiograph, Decoded decoded) {
        Image2D grey(String name) throws XNetException {
            return radiograph != null ? radiograph : toGrey(decoded, name);
        }
    }

    private static Picture decode(byte[] bytes, String name) throws XNetException {
        ImageFormat format = format(bytes, name);
        if (format == ImageFormat.DICOM) {
            return new Picture(DicomReader.readRadiograph(bytes, name), null);
        }
        Image2D banded = format == ImageFormat.TIFF ? largeGreyTiff(bytes, name, BANDED_PIXELS, PIXELS_PER_BAND) : null;
        return banded != null ? new Picture(banded, null) : new Picture(null, decode(bytes, name, format));
    }

    /** Grey TIFFs with more pixels than this are decoded band by band ({@link #largeGreyTiff}). */
    static final long BANDED_PIXELS = 1L << 24;
    private static final int PIXELS_PER_BAND = 1 << 22;

    /**
     * A single-band TIFF of more than {@code minPixels} pixels, decoded a band of about
     * {@code bandPixels} pixels at a time straight into floats by the first reader; null for any other
     * TIFF, or when that reader cannot, and then {@link #decode(byte[], String, ImageFormat)} reads it
     * (and reports its errors). A
     * whole-image raster would sit next to the floats: a 10000x10000 16-bit radiograph needed 200 MB
     * more, and G1, which does not move arrays this large, did not always find 400 contiguous MB for
     * the floats beside it in a 1 GB heap (TiledPredictMemoryTest).
     */
    static Image2D largeGreyTiff(byte[] bytes, String name, long minPixels, int bandPixels) throws XNetException {
        ImageFileChecks.requireTiffTagsInFile(bytes, name);
        ImageFileChecks.requireTiffDataCanHoldPixels(bytes, name);
        List<ImageReader> readers = readers(bytes, name, ImageFormat.TIFF);
        if (readers.isEmpty()) {
            return null;
        }
        readers.subList(1, readers.size()).forEach(ImageReader::dispose);
        ImageReader reader = readers.get(0);
        try (ImageInputStream in = new BytesImageInputStream(bytes)) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            ImageTypeSpecifier type = reader.getRawImageType(0);
            if ((long) width * height <= minPixels || (long) width * height > MAX_PIXELS || type == null
                    || type.getNumBands() != 1 || type.getColorModel() instanceof IndexColorModel) {
                return null;
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            float[] grey = new float[width * height];
            int rows = Math.max(1, bandPixels / width);
            ImageReadParam param = reader.getDefaultReadParam();
            for (int y = 0; y < height; y += rows) {
                param.setSourceRegion(new Rectangle(0, y, width, Math.min(rows, height - y)));
                Raster band = reader.read(0, param).getRaster();
                float[] values = samples(band, 0);
                System.arraycopy(values, 0, grey, y * width, values.length);
            }
            return warnings.isEmpty() ? new Image2D(width, height, grey) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            reader.dispose();
        }
    }

    /** {@code image} when all its pixels are finite; otherwise an error naming {@code name} and their count. */
    static Image2D requireFinite(Image2D image, String name) throws XNetException {
        long bad = nonFinite(image.data());
        if (bad > 0) {
            throw new XNetException(String.format(Locale.ROOT,
                    "%s: %,d of %,d pixels are not finite (NaN or infinite); expected finite values",
                    name, bad, image.data().length));
        }
        return image;
    }

    /** How many of {@code values} are NaN or infinite. */
    static long nonFinite(float[] values) {
        long bad = 0;
        for (float v : values) {
            bad += Float.isFinite(v) ? 0 : 1;
        }
        return bad;
    }

    /** Refuses a {@code width x height} image of more than {@link #MAX_PIXELS} pixels, before it is decoded. */
    static void checkPixelCount(long width, long height, String name) throws XNetException {
        if (width * height > MAX_PIXELS) {
            throw tooLarge(name, width, height);
        }
    }

    private static XNetException tooLarge(String name, long width, long height) {
        return new XNetException(String.format(Locale.ROOT,
                "%s: the header declares %,d x %,d pixels, more than the %,d an image may have",
                name, width, height, MAX_PIXELS));
    }

    /** As {@link #read(byte[], String)}, reading {@code in} to its end; the stream is not closed. */
    public static Image2D read(InputStream in, String name) throws XNetException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(name, "name");
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new XNetException(name + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
        return read(bytes, name);
    }

    /** The content of an existing regular {@code file}; failures name the file. */
    static byte[] readAll(Path file) throws XNetException {
        if (!Files.isRegularFile(file)) {
            throw new XNetException(file + ": no such file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new XNetException(file + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
    }

    /** The format of a whole file's {@code bytes}; no bytes at all is an error naming {@code name}. */
    static ImageFormat format(byte[] bytes, String name) throws XNetException {
        if (bytes.length == 0) {
            throw new XNetException(name + ": empty file, not an image");
        }
        return ImageFormat.of(bytes, name);
    }

    /** Decoded pixels with the colour model that says what they mean. */
    record Decoded(Raster raster, ColorModel colourModel) {

        /** The pixels as a BufferedImage (for {@code getRGB}). */
        BufferedImage image() {
            WritableRaster writable = raster instanceof WritableRaster w && w.getMinX() == 0 && w.getMinY() == 0
                    ? w : raster.createCompatibleWritableRaster();
            if (writable != raster) {
                writable.setRect(-raster.getMinX(), -raster.getMinY(), raster);
            }
            return new BufferedImage(colourModel, writable, colourModel.isAlphaPremultiplied(), null);
        }
    }

    /**
     * Decodes a file's {@code bytes} with ImageIO. Readers are tried in turn until one succeeds: the
     * JDK's own first (for TIFF it is several times faster than TwelveMonkeys on uncompressed 16-bit
     * files), then TwelveMonkeys (more TIFF variants), then any other. TwelveMonkeys is read as a raw
     * raster: its {@code read} clamps float samples to [0, 1]. When every reader fails, the first
     * error is reported; a decoder warning (e.g. a JPEG without its end marker) counts as a failure.
     */
    static Decoded decode(byte[] bytes, String name, ImageFormat format) throws XNetException {
        if (format == ImageFormat.PNG) {
            ImageFileChecks.requirePngEnd(bytes, name);
            ImageFileChecks.requirePngDataCanHoldPixels(bytes, name);
        }
        if (format == ImageFormat.TIFF) {
            ImageFileChecks.requireTiffTagsInFile(bytes, name);
            ImageFileChecks.requireTiffDataCanHoldPixels(bytes, name);
        }
        long maxPixels = ImageFileChecks.maxPixels(format, bytes.length);
        String kind = format == ImageFormat.OTHER ? "image" : format + " image";
        List<ImageReader> readers = readers(bytes, name, format);
        if (readers.isEmpty()) {
            throw new XNetException(name + ": not an image (expected TIFF, PNG, JPEG or DICOM)");
        }
        Exception first = null;
        for (ImageReader reader : readers) {
            try (ImageInputStream in = stream(bytes, reader)) {
                if (in instanceof Jpeg2000Input) {
                    requireSizFits(Jpeg2000Codestream.siz(bytes), maxPixels);
                    Jpeg2000Codestream.requireNoMarkerInPacketData(bytes);
                }
                Decoded decoded = read(reader, in, maxPixels);
                if (in instanceof Jpeg2000Input j2k && j2k.readPastEnd()) {
                    throw new IIOException("truncated JPEG 2000 data (the decoder needed more than its "
                            + bytes.length + " bytes)");
                }
                return decoded;
            } catch (TooLarge e) {
                throw maxPixels == MAX_PIXELS ? tooLarge(name, e.width, e.height)
                        : ImageFileChecks.cannotCode(name, e.width, e.height, bytes.length, ImageFileChecks.OTHER_PIXELS_PER_BYTE);
            } catch (IOException | RuntimeException e) {
                first = first == null ? e : first;
            } catch (OutOfMemoryError e) {
                // the file is already in memory, so a reader running out of it followed a corrupt size
                // field (ImageFuzzTest: a TIFF tag declaring 973 million values in a 300-byte file)
                first = first == null ? new IIOException("a size declared in the file does not fit in memory", e)
                        : first;
            } catch (ThreadDeath | NotImplementedError e) {
                // jj2000, the JPEG 2000 reader, reports some corrupt data with these Errors (DicomFuzzTest)
                first = first == null ? new IIOException("corrupt JPEG 2000 data (" + e.getClass().getSimpleName() + ")", e)
                        : first;
            } finally {
                reader.dispose();
            }
        }
        throw new XNetException(name + ": truncated or corrupt " + kind + " (" + AtomicFiles.describe(first) + ")", first);
    }

    /** jj2000 (jai-imageio's JPEG 2000 reader) needs the end of its data signalled, see {@link Jpeg2000Input}. */
    private static ImageInputStream stream(byte[] bytes, ImageReader reader) {
        return reader instanceof J2KImageReader ? new Jpeg2000Input(bytes) : new BytesImageInputStream(bytes);
    }

    /** A raw JPEG 2000 codestream's SIZ marker ({@code siz}, null for none) must fit: checked before jj2000 sets up its tiles. */
    private static void requireSizFits(Jpeg2000Codestream.Siz siz, long maxPixels) throws IOException {
        if (siz != null && siz.pixels() > maxPixels) {
            throw new TooLarge(siz.width(), siz.height());
        }
        if (siz != null && siz.tiles() > siz.pixels()) {
            throw new IIOException("the SIZ marker's tile grid does not fit its " + siz.width() + " x " + siz.height()
                    + " image (more tiles than pixels)");
        }
    }

    /** A header declaring more pixels than a file may have, found before decoding. */
    private static final class TooLarge extends IOException {
        private final long width;
        private final long height;

        TooLarge(long width, long height) {
            super(width + " x " + height + " pixels");
            this.width = width;
            this.height = height;
        }
    }

    /** As {@link #read(ImageReader, ImageInputStream, long)} with at most {@link #MAX_PIXELS} pixels. */
    static Decoded read(ImageReader reader, ImageInputStream in) throws IOException {
        return read(reader, in, MAX_PIXELS);
    }

    /**
     * The first image {@code reader} decodes from {@code in}; a header declaring more than
     * {@code maxPixels} pixels is refused before any pixel is decoded, and a decoder warning is an error.
     */
    static Decoded read(ImageReader reader, ImageInputStream in, long maxPixels) throws IOException {
        List<String> warnings = new ArrayList<>();
        reader.setInput(in, true, true);
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width * height > maxPixels) {
            throw new TooLarge(width, height);
        }
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        Decoded decoded;
        ImageTypeSpecifier raw = isTwelveMonkeys(reader) && reader.canReadRaster() ? reader.getRawImageType(0) : null;
        if (raw != null) {
            decoded = new Decoded(reader.readRaster(0, null), raw.getColorModel());
        } else {
            BufferedImage image = reader.read(0);
            decoded = new Decoded(image.getRaster(), image.getColorModel());
        }
        if (!warnings.isEmpty()) {
            throw new IIOException(warnings.get(0));
        }
        return decoded;
    }

    /** The readers for {@code format} of {@code file}, in the order {@link #decode} tries them. */
    static List<ImageReader> readers(Path file, ImageFormat format) throws XNetException {
        return readers(format == ImageFormat.OTHER ? readAll(file) : new byte[0], file.toString(), format);
    }

    /**
     * The readers for {@code format}, JDK first, then TwelveMonkeys, then any other, each group by class
     * name; OTHER asks ImageIO about {@code bytes}.
     */
    private static List<ImageReader> readers(byte[] bytes, String name, ImageFormat format) throws XNetException {
        List<ImageReader> readers = new ArrayList<>();
        if (format == ImageFormat.OTHER) {
            try (ImageInputStream in = new BytesImageInputStream(bytes)) {
                ImageIO.getImageReaders(in).forEachRemaining(readers::add);
            } catch (IOException e) {
                throw new XNetException(name + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
            }
        } else {
            ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT)).forEachRemaining(readers::add);
        }
        // then by class name: ImageIO's own order comes from identity hash codes and changes from JVM to
        // JVM, which changed which reader's error was reported and made a fixed-seed fuzz pass differ
        readers.sort(Comparator.<ImageReader>comparingInt(r -> r.getClass().getName().startsWith("com.sun.imageio") ? 0
                : isTwelveMonkeys(r) ? 1 : 2).thenComparing(r -> r.getClass().getName()));
        return readers;
    }

    private static boolean isTwelveMonkeys(ImageReader reader) {
        return reader.getClass().getName().startsWith("com.twelvemonkeys");
    }

    /** As {@link #toGrey(Decoded, String)}, naming {@code file} in errors. */
    static Image2D toGrey(Decoded image, Path file) throws XNetException {
        return toGrey(image, file.toString());
    }

    /** The grey values of {@code image}: the single band as is, colour by luminance, palettes via their colours. */
    static Image2D toGrey(Decoded image, String name) throws XNetException {
        Raster r = image.raster();
        int w = r.getWidth();
        int h = r.getHeight();
        ColorModel cm = image.colourModel();
        if (cm instanceof IndexColorModel palette) {
            return paletteToGrey(r, palette);
        }
        int colours = cm.getNumColorComponents();
        if (colours == 1) {
            return new Image2D(w, h, samples(r, 0));
        }
        if (colours == 3 && cm.getColorSpace().getType() == ColorSpace.TYPE_RGB) {
            float[] red = samples(r, 0);
            float[] green = samples(r, 1);
            float[] blue = samples(r, 2);
            float[] grey = new float[w * h];
            for (int i = 0; i < grey.length; i++) {
                grey[i] = luminance(red[i], green[i], blue[i]);
            }
            return new Image2D(w, h, grey);
        }
        throw new XNetException(name + ": unsupported colour layout (" + colours + " colour components, "
                + cm.getPixelSize() + " bits per pixel); expected greyscale or RGB");
    }

    private static float[] samples(Raster r, int band) {
        if (r.getDataBuffer().getDataType() == DataBuffer.TYPE_FLOAT
                || r.getDataBuffer().getDataType() == DataBuffer.TYPE_DOUBLE) {
            return r.getSamples(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), band, (float[]) null);
        }
        // row by row: an int[] of the whole image would be another 4 bytes per pixel (400 MB at 10000x10000)
        int w = r.getWidth();
        int[] row = new int[w];
        float[] out = new float[Math.multiplyExact(w, r.getHeight())];
        for (int y = 0; y < r.getHeight(); y++) {
            r.getSamples(r.getMinX(), r.getMinY() + y, w, 1, band, row);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = row[x];
            }
        }
        return out;
    }

    private static Image2D paletteToGrey(Raster r, IndexColorModel palette) {
        int w = r.getWidth();
        int h = r.getHeight();
        int[] indices = r.getSamples(r.getMinX(), r.getMinY(), w, h, 0, (int[]) null);
        float[] grey = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            grey[i] = luminance(palette.getRed(indices[i]), palette.getGreen(indices[i]), palette.getBlue(indices[i]));
        }
        return new Image2D(w, h, grey);
    }

    /** Rec. 601 luma; an integer grey (r = g = b) comes back exactly. */
    private static float luminance(double red, double green, double blue) {
        return (float) ((299.0 * red + 587.0 * green + 114.0 * blue) / 1000.0);
    }
}
