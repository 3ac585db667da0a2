package org.xnet.io;

import org.xnet.core.AtomicFiles;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.xnet.core.Image2D;
import org.xnet.core.XNetException;

/**
 * Writes an {@link Image2D} as a 16-bit or 32-bit float greyscale TIFF or as an 8-bit PNG through
 * a display window. Every write is atomic (see {@link AtomicFiles}).
 */
public final class ImageWriters {

    private ImageWriters() {
    }

    /** 16-bit greyscale TIFF; each value is rounded to the nearest integer and clamped to 0..65535. */
    public static void writeTiff16(Image2D image, Path file) throws XNetException {
        float[] src = image.data();
        short[] pixels = new short[src.length];
        for (int i = 0; i < src.length; i++) {
            pixels[i] = (short) toUnsigned16(src[i]);
        }
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferUShort(pixels, pixels.length),
                image.width(), image.height(), image.width(), 1, new int[] {0}, null);
        write(grey(raster, DataBuffer.TYPE_USHORT), "tiff", file);
    }

    /** 32-bit floating-point greyscale TIFF holding the values unchanged. */
    public static void writeTiffFloat(Image2D image, Path file) throws XNetException {
        float[] pixels = image.data().clone();
        WritableRaster raster = Raster.createWritableRaster(
                new PixelInterleavedSampleModel(DataBuffer.TYPE_FLOAT, image.width(),
                        image.height(), 1, image.width(), new int[] {0}),
                new DataBufferFloat(pixels, pixels.length), null);
        write(grey(raster, DataBuffer.TYPE_FLOAT), "tiff", file);
    }

    /**
     * 8-bit greyscale PNG: {@code lo} maps to 0 and {@code hi} to 255, linearly, values outside the
     * window are clamped, and the result is rounded half up.
     */
    public static void writePng8(Image2D image, double lo, double hi, Path file) throws XNetException {
        if (!(hi > lo) || Double.isInfinite(hi - lo)) {
            throw new IllegalArgumentException("window must have lo < hi, both finite; got [" + lo + ", " + hi + "]");
        }
        float[] src = image.data();
        byte[] pixels = new byte[src.length];
        double range = hi - lo;
        for (int i = 0; i < src.length; i++) {
            double v = Math.floor((src[i] - lo) * 255.0 / range + 0.5);
            pixels[i] = (byte) (v <= 0 || Double.isNaN(v) ? 0 : Math.min(255, (int) v));
        }
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(pixels, pixels.length),
                image.width(), image.height(), image.width(), 1, new int[] {0}, null);
        write(grey(raster, DataBuffer.TYPE_BYTE), "png", file);
    }

    /** 8-bit greyscale PNG windowed to the image's own minimum and maximum (flat images become black). */
    public static void writePng8(Image2D image, Path file) throws XNetException {
        float lo = image.min();
        float hi = image.max();
        writePng8(image, lo, hi > lo ? hi : lo + 1, file);
    }

    static int toUnsigned16(float value) {
        if (!(value > 0)) {
            return 0; // also NaN
        }
        return value >= 65535 ? 65535 : Math.round(value);
    }

    private static BufferedImage grey(WritableRaster raster, int dataType) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
                false, false, Transparency.OPAQUE, dataType);
        return new BufferedImage(model, raster, false, null);
    }

    /**
     * Writes {@code image} in {@code format} atomically. The writer is chosen deterministically: for
     * TIFF the JDK's own writer (TwelveMonkeys 3.15 cannot write float samples), else the first one.
     */
    static void write(BufferedImage image, String format, Path file) throws XNetException {
        ImageWriter writer = chooseWriter(format);
        AtomicFiles.write(file, temp -> {
            try (ImageOutputStream out = ImageIO.createImageOutputStream(temp.toFile())) {
                writer.setOutput(out);
                writer.write(image);
            } finally {
                writer.dispose();
            }
        });
    }

    private static ImageWriter chooseWriter(String format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        ImageWriter chosen = null;
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            if (chosen == null || w.getClass().getName().startsWith("com.sun.imageio")) {
                chosen = w;
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return chosen;
    }
}
