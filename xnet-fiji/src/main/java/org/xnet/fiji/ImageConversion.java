package org.xnet.fiji;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import org.xnet.core.Image2D;

/**
 * An ImageJ image as the library's {@link Image2D}: the current slice's raw pixel values (16-bit
 * unsigned, 32-bit as is), colour by Rec. 601 luminance as {@code xnet predict} reads colour files,
 * and negated under an inverting LUT, so the network sees the polarity the user sees (the
 * per-image normalisation makes a negation the same as {@code max - value}). Calibration functions
 * are ignored: the normalisation cancels any linear one.
 */
final class ImageConversion {
    private ImageConversion() {
    }

    /** The grey values of {@code image}'s current slice. */
    static Image2D toImage2D(ImagePlus image) {
        ImageProcessor ip = image.getProcessor();
        int w = ip.getWidth();
        int h = ip.getHeight();
        float[] grey = new float[w * h];
        if (ip instanceof ColorProcessor colour) {
            int[] rgb = (int[]) colour.getPixels();
            for (int i = 0; i < grey.length; i++) {
                grey[i] = luminance((rgb[i] >> 16) & 0xFF, (rgb[i] >> 8) & 0xFF, rgb[i] & 0xFF);
            }
            return new Image2D(w, h, grey);
        }
        float sign = ip.isInvertedLut() ? -1f : 1f;
        for (int i = 0; i < grey.length; i++) {
            grey[i] = sign * ip.getf(i);
        }
        return new Image2D(w, h, grey);
    }

    private static float luminance(double red, double green, double blue) {
        return (float) ((299 * red + 587 * green + 114 * blue) / 1000);
    }
}
