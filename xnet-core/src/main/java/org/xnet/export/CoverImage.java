package org.xnet.export;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.xnet.core.Image2D;
import org.xnet.core.SegClass;

/**
 * A model package's cover: the test input in grey (min-max scaled) beside the most likely class
 * of every pixel in the label colours (open beam white, soft tissue yellow, bone blue), as a PNG
 * twice as wide as high, the aspect ratio the BioImage Model Zoo recommends.
 */
final class CoverImage {
    private CoverImage() {
    }

    /** The cover of {@code input} and its class probabilities ({@code classes x height x width}). */
    static byte[] png(Image2D input, float[] probabilities) {
        int w = input.width();
        int h = input.height();
        int area = w * h;
        int classes = probabilities.length / area;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : input.data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max > min ? max - min : 1;
        BufferedImage cover = new BufferedImage(2 * w, h, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < area; p++) {
            int grey = Math.round((input.data()[p] - min) / range * 255);
            cover.setRGB(p % w, p / w, grey << 16 | grey << 8 | grey);
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[c * area + p] > probabilities[best * area + p]) {
                    best = c;
                }
            }
            cover.setRGB(w + p % w, p / w, best < SegClass.COUNT ? SegClass.of(best).rgb() : 0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(cover, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory failed", e);
        }
        return out.toByteArray();
    }
}
