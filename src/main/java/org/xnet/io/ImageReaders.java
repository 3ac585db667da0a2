package org.xnet.io;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import org.xnet.core.Image2D;
import org.xnet.core.XNetException;

/**
 * Reads a radiograph of any supported format into an {@link Image2D} of raw float32 values (no
 * normalisation): TIFF 8/16/32-bit (integer or float), PNG 8/16-bit, JPEG and DICOM, recognised by
 * content, not by extension. Colour images become grey by Rec. 601 luminance
 * {@code (299 R + 587 G + 114 B) / 1000}, in the image's own units (so 16-bit RGB keeps its range).
 */
public final class ImageReaders {

    /** File name extensions of the formats read here (lower case, without the dot). */
    public static final Set<String> EXTENSIONS = Set.of("tif", "tiff", "png", "jpg", "jpeg", "dcm", "dicom");

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
        if (!Files.isRegularFile(file)) {
            throw new XNetException(file + ": no such file");
        }
        ImageFormat format = ImageFormat.of(file);
        if (format == ImageFormat.DICOM) {
            return DicomReader.read(file);
        }
        if (format == ImageFormat.PNG) {
            requirePngEnd(file);
        }
        return toGrey(decode(file, format), file);
    }

    /**
     * ImageIO's PNG reader accepts a file cut after its last image data, so the end chunk is checked
     * here: a PNG must end with its IEND chunk.
     */
    private static void requirePngEnd(Path file) throws XNetException {
        byte[] tail = new byte[12];
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            if (size >= tail.length) {
                ch.position(size - tail.length);
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(tail);
                while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
                    // fill the tail
                }
            }
        } catch (IOException e) {
            throw new XNetException(file + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
        if (tail[4] != 'I' || tail[5] != 'E' || tail[6] != 'N' || tail[7] != 'D') {
            throw new XNetException(file + ": truncated PNG image (it does not end with an IEND chunk)");
        }
    }

    /** Decoded pixels with the colour model that says what they mean. */
    record Decoded(Raster raster, ColorModel colourModel) {
    }

    /**
     * Decodes {@code file} with ImageIO, preferring the TwelveMonkeys plugin for TIFF. TIFF is read
     * as a raw raster: TwelveMonkeys' {@code read} clamps float samples to [0, 1], its raster does not.
     */
    static Decoded decode(Path file, ImageFormat format) throws XNetException {
        String kind = format == ImageFormat.OTHER ? "image" : format + " image";
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = chooseReader(in, format);
            if (reader == null) {
                throw new XNetException(file + ": not an image (expected TIFF, PNG, JPEG or DICOM)");
            }
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                Decoded decoded = read(reader, format);
                if (!warnings.isEmpty()) {
                    throw new XNetException(file + ": truncated or corrupt " + kind + " (" + warnings.get(0) + ")");
                }
                return decoded;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new XNetException(file + ": truncated or corrupt " + kind + " (" + AtomicFiles.describe(e) + ")", e);
        }
    }

    private static Decoded read(ImageReader reader, ImageFormat format) throws IOException {
        if (format == ImageFormat.TIFF && reader.canReadRaster()) {
            ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type != null) {
                return new Decoded(reader.readRaster(0, null), type.getColorModel());
            }
        }
        BufferedImage image = reader.read(0);
        return new Decoded(image.getRaster(), image.getColorModel());
    }

    private static ImageReader chooseReader(ImageInputStream in, ImageFormat format) {
        Iterator<ImageReader> readers = format == ImageFormat.OTHER ? ImageIO.getImageReaders(in)
                : ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
        ImageReader chosen = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            if (chosen == null || r.getClass().getName().startsWith("com.twelvemonkeys")) {
                chosen = r;
            }
        }
        return chosen;
    }

    /** The grey values of {@code image}: the single band as is, colour by luminance, palettes via their colours. */
    static Image2D toGrey(Decoded image, Path file) throws XNetException {
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
                grey[i] = (float) ((299.0 * red[i] + 587.0 * green[i] + 114.0 * blue[i]) / 1000.0);
            }
            return new Image2D(w, h, grey);
        }
        throw new XNetException(file + ": unsupported colour layout (" + colours + " colour components, "
                + cm.getPixelSize() + " bits per pixel); expected greyscale or RGB");
    }

    private static float[] samples(Raster r, int band) {
        if (r.getDataBuffer().getDataType() == DataBuffer.TYPE_FLOAT
                || r.getDataBuffer().getDataType() == DataBuffer.TYPE_DOUBLE) {
            return r.getSamples(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), band, (float[]) null);
        }
        int[] ints = r.getSamples(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), band, (int[]) null);
        float[] out = new float[ints.length];
        for (int i = 0; i < ints.length; i++) {
            out[i] = ints[i];
        }
        return out;
    }

    private static Image2D paletteToGrey(Raster r, IndexColorModel palette) {
        int w = r.getWidth();
        int h = r.getHeight();
        int[] indices = r.getSamples(r.getMinX(), r.getMinY(), w, h, 0, (int[]) null);
        float[] grey = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int red = palette.getRed(indices[i]);
            int green = palette.getGreen(indices[i]);
            int blue = palette.getBlue(indices[i]);
            grey[i] = (float) ((299.0 * red + 587.0 * green + 114.0 * blue) / 1000.0);
        }
        return new Image2D(w, h, grey);
    }
}
