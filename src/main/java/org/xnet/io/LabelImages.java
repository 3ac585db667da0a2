package org.xnet.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;

/**
 * Label images: colour images in the class colours of {@link SegClass} (as the original project
 * drew them) and index images whose pixel values are the class indices 0, 1, 2.
 */
public final class LabelImages {

    private LabelImages() {
    }

    /** Writes {@code labels} as an RGB PNG, each pixel in its class colour ({@link SegClass#rgb()}). */
    public static void writeColour(LabelMap labels, Path file) throws XNetException {
        BufferedImage image = new BufferedImage(labels.width(), labels.height(), BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[SegClass.COUNT];
        for (SegClass c : SegClass.values()) {
            rgb[c.index()] = c.rgb();
        }
        byte[] data = labels.data();
        int[] row = new int[labels.width()];
        for (int y = 0; y < labels.height(); y++) {
            for (int x = 0; x < row.length; x++) {
                row[x] = rgb[data[y * row.length + x]];
            }
            image.setRGB(0, y, row.length, 1, row, 0, row.length);
        }
        ImageWriters.write(image, "png", file);
    }

    /** Writes {@code labels} as an 8-bit greyscale PNG whose values are the class indices. */
    public static void writeIndex(LabelMap labels, Path file) throws XNetException {
        byte[] pixels = labels.data().clone();
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(pixels, pixels.length),
                labels.width(), labels.height(), labels.width(), 1, new int[] {0}, null);
        BufferedImage image = new BufferedImage(labels.width(), labels.height(), BufferedImage.TYPE_BYTE_GRAY);
        image.setData(raster);
        ImageWriters.write(image, "png", file);
    }
}
