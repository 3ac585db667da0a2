package org.xnet.infer;

import java.awt.image.BufferedImage;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;

/**
 * The mask drawn over the radiograph: the radiograph in grey, windowed to its own minimum and
 * maximum, with soft tissue tinted in its class colour (yellow) and bone in its class colour (blue);
 * open beam is left untinted so the radiograph stays readable there.
 */
final class Overlay {
    /** Opacity of the class colour over the grey radiograph. */
    static final double ALPHA = 0.4;

    private Overlay() {
    }

    static BufferedImage render(Image2D image, LabelMap labels) {
        if (!labels.sameSize(image)) {
            throw new IllegalArgumentException("Image shapes do not match. " + image.sizeString() + " vs "
                    + labels.sizeString());
        }
        double lo = image.min();
        double range = image.max() - lo;
        int w = image.width();
        BufferedImage out = new BufferedImage(w, image.height(), BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < w; x++) {
                int grey = range > 0 ? (int) Math.round((image.get(x, y) - lo) / range * 255) : 0;
                row[x] = tint(grey, labels.get(x, y));
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    static int tint(int grey, int classIndex) {
        if (classIndex == SegClass.OPEN_BEAM.index()) {
            return grey << 16 | grey << 8 | grey;
        }
        int rgb = SegClass.of(classIndex).rgb();
        int r = mix(grey, rgb >> 16 & 0xFF);
        int g = mix(grey, rgb >> 8 & 0xFF);
        int b = mix(grey, rgb & 0xFF);
        return r << 16 | g << 8 | b;
    }

    private static int mix(int grey, int colour) {
        return (int) Math.round((1 - ALPHA) * grey + ALPHA * colour);
    }
}
