package org.xnet.io;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;

/**
 * Label images: colour images in the class colours of {@link SegClass} (as the original project
 * drew them, JPEG artefacts included) and index images whose pixel values are the class indices
 * 0, 1, 2.
 *
 * <p>Reading: an integer greyscale image (8 or 16 bit) whose values are all class indices is an
 * index image. Any
 * other image is a colour image: each pixel takes the nearest reference colour of a
 * {@link ColourTable} (Euclidean distance in RGB; greyscale values count as grey colours). Pixels
 * far from every reference colour (JPEG blends colours at edges) also take the nearest one; when
 * they are more than {@link ColourTable#WARN_FAR_FRACTION} of the image a warning names the file
 * and their count, and when they are more than {@link ColourTable#maxFarFraction()} the image is
 * refused as not a label image.
 */
public final class LabelImages {

    private LabelImages() {
    }

    /** Reads a label image with the default colours ({@link ColourTable#defaults()}), without warnings. */
    public static LabelMap read(Path file) throws XNetException {
        return read(file, ColourTable.defaults());
    }

    /** As {@link #read(Path, ColourTable, Consumer)}, dropping the warning. */
    public static LabelMap read(Path file, ColourTable table) throws XNetException {
        return read(file, table, warning -> { });
    }

    /**
     * Reads a colour or index label image; every failure is an {@link XNetException} naming the file.
     * A warning (one line naming the file) goes to {@code warnings} when many pixels are far from
     * every label colour but not so many that the image is refused.
     */
    public static LabelMap read(Path file, ColourTable table, Consumer<String> warnings) throws XNetException {
        byte[] bytes = ImageReaders.readAll(file);
        ImageFormat format = ImageReaders.format(bytes, file.toString());
        if (format == ImageFormat.DICOM) {
            throw new XNetException(file + ": a DICOM file is not a label image");
        }
        ImageReaders.Decoded decoded = ImageReaders.decode(bytes, file.toString(), format);
        Raster r = decoded.raster();
        int w = r.getWidth();
        int h = r.getHeight();
        boolean grey = decoded.colourModel().getNumColorComponents() == 1
                && !(decoded.colourModel() instanceof IndexColorModel);
        if (grey) {
            int[] values = r.getSamples(r.getMinX(), r.getMinY(), w, h, 0, (int[]) null);
            int bits = decoded.colourModel().getComponentSize(0);
            boolean integers = r.getDataBuffer().getDataType() != DataBuffer.TYPE_FLOAT
                    && r.getDataBuffer().getDataType() != DataBuffer.TYPE_DOUBLE;
            if (!integers) {
                throw new XNetException(file + ": a floating-point image is not a label image");
            }
            if (allIndices(values)) {
                byte[] labels = new byte[values.length];
                for (int i = 0; i < values.length; i++) {
                    labels[i] = (byte) values[i];
                }
                return new LabelMap(w, h, labels);
            }
            for (int i = 0; i < values.length; i++) {
                int v = bits == 8 ? values[i] : values[i] >> (bits - 8);
                values[i] = v << 16 | v << 8 | v;
            }
            return nearest(file, w, h, values, table, warnings);
        }
        return nearest(file, w, h, decoded.image().getRGB(0, 0, w, h, null, 0, w), table, warnings);
    }

    private static boolean allIndices(int[] values) {
        for (int v : values) {
            if (v < 0 || v >= SegClass.COUNT) {
                return false;
            }
        }
        return true;
    }

    /** Each pixel's nearest reference colour; warns when many are far from all, refuses the image when most are. */
    static LabelMap nearest(Path file, int w, int h, int[] rgb, ColourTable table, Consumer<String> warnings)
            throws XNetException {
        int[] reference = new int[SegClass.COUNT];
        for (int c = 0; c < reference.length; c++) {
            reference[c] = table.rgb(c);
        }
        byte[] labels = new byte[rgb.length];
        long far = 0;
        for (int i = 0; i < rgb.length; i++) {
            int best = 0;
            long bestDistance = Long.MAX_VALUE;
            boolean near = false;
            for (int c = 0; c < reference.length; c++) {
                int dr = (rgb[i] >> 16 & 0xFF) - (reference[c] >> 16 & 0xFF);
                int dg = (rgb[i] >> 8 & 0xFF) - (reference[c] >> 8 & 0xFF);
                int db = (rgb[i] & 0xFF) - (reference[c] & 0xFF);
                long d = (long) dr * dr + (long) dg * dg + (long) db * db;
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
                int threshold = table.farThreshold();
                near |= Math.abs(dr) <= threshold && Math.abs(dg) <= threshold && Math.abs(db) <= threshold;
            }
            labels[i] = (byte) best;
            far += near ? 0 : 1;
        }
        String count = String.format(Locale.ROOT, "%s: %,d of %,d pixels (%.1f %%) are far from every label colour",
                file, far, rgb.length, 100.0 * far / rgb.length);
        if (far > table.maxFarFraction() * rgb.length) {
            throw new XNetException(count + "; is this a label image?");
        }
        if (far > ColourTable.WARN_FAR_FRACTION * rgb.length) {
            warnings.accept("warning: " + count + " (JPEG edges?); each took the nearest colour's class");
        }
        return new LabelMap(w, h, labels);
    }

    /**
     * Writes {@code labels} as a colour PNG, each pixel in its class colour ({@link SegClass#rgb()}):
     * a palette PNG over the label bytes themselves, so a 10000x10000 mask needs no 400 MB RGB copy.
     */
    public static void writeColour(LabelMap labels, Path file) throws XNetException {
        byte[] r = new byte[SegClass.COUNT];
        byte[] g = new byte[SegClass.COUNT];
        byte[] b = new byte[SegClass.COUNT];
        for (SegClass c : SegClass.values()) {
            r[c.index()] = (byte) (c.rgb() >> 16);
            g[c.index()] = (byte) (c.rgb() >> 8);
            b[c.index()] = (byte) c.rgb();
        }
        ImageWriters.write(overBytes(labels, new IndexColorModel(8, SegClass.COUNT, r, g, b)), "png", file);
    }

    /** Writes {@code labels} as an 8-bit greyscale PNG whose values are the class indices. */
    public static void writeIndex(LabelMap labels, Path file) throws XNetException {
        ColorModel grey = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), new int[] {8}, false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        ImageWriters.write(overBytes(labels, grey), "png", file);
    }

    /** An image of {@code labels}' bytes as they are (no copy), one byte per pixel, in {@code colours}. */
    private static BufferedImage overBytes(LabelMap labels, ColorModel colours) {
        byte[] data = labels.data();
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(data, data.length),
                labels.width(), labels.height(), labels.width(), 1, new int[] {0}, null);
        return new BufferedImage(colours, raster, false, null);
    }
}
