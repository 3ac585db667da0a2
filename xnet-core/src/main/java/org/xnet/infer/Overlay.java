package org.xnet.infer;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;
import org.xnet.eval.BinaryMorphology;

/**
 * The mask drawn over the radiograph, legible whether the radiograph is dark or bright. The
 * radiograph is windowed from its 1st to its 99th percentile (so a few saturated or dead pixels do
 * not squash the rest into black or white) onto the mid-grey range [{@value #GREY_LOW},
 * {@value #GREY_HIGH}], which leaves room above and below for the class colours; every pixel is then
 * tinted with its class colour (open beam white, soft tissue yellow, bone blue) at opacity
 * {@value #ALPHA}, and the class boundaries are drawn opaque, in the colour of the class with the
 * higher index (a tissue outline against open beam is yellow, a bone outline blue), thicker on large
 * images ({@link #lineWidth}). At the same grey
 * level two classes then differ by {@code ALPHA * 255} in at least one channel whatever the
 * radiograph's brightness, while the grey structure keeps {@code (1 - ALPHA) * (GREY_HIGH - GREY_LOW)}
 * levels.
 */
final class Overlay {
    /** Opacity of the class colour over the grey radiograph. */
    static final double ALPHA = 0.45;
    /** Grey level of the radiograph's 1st percentile. */
    static final int GREY_LOW = 48;
    /** Grey level of the radiograph's 99th percentile. */
    static final int GREY_HIGH = 208;
    /** At most this many pixels are sorted to find the percentiles (an even sample of larger images). */
    private static final int PERCENTILE_SAMPLE = 1 << 20;
    private static final int[][] NEIGHBOURS = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};

    private Overlay() {
    }

    static BufferedImage render(Image2D image, LabelMap labels) {
        if (!labels.sameSize(image)) {
            throw new IllegalArgumentException("Image shapes do not match. " + image.sizeString() + " vs "
                    + labels.sizeString());
        }
        double[] window = window(image);
        double lo = window[0];
        double range = window[1] - lo;
        int w = image.width();
        int h = image.height();
        int[] outline = outlines(labels);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int boundary = outline[y * w + x];
                if (boundary >= 0) {
                    row[x] = SegClass.of(boundary).rgb();
                    continue;
                }
                double t = range > 0 ? Math.min(1, Math.max(0, (image.get(x, y) - lo) / range)) : 0.5;
                int grey = (int) Math.round(GREY_LOW + t * (GREY_HIGH - GREY_LOW));
                row[x] = tint(grey, labels.get(x, y));
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /**
     * The outline class of every pixel ({@link #boundaryClass}, -1 off the outlines), the outlines
     * thickened by a square of {@link #lineWidth} pixels so that they stay visible when a large
     * radiograph is viewed whole; where thickened outlines meet, the higher class wins.
     */
    static int[] outlines(LabelMap labels) {
        int w = labels.width();
        int h = labels.height();
        int[] out = new int[w * h];
        boolean[][] byClass = new boolean[SegClass.COUNT][w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = boundaryClass(labels, x, y);
                if (c >= 0) {
                    byClass[c][y * w + x] = true;
                }
            }
        }
        Arrays.fill(out, -1);
        int size = lineWidth(w, h);
        for (int c = 0; c < SegClass.COUNT; c++) {
            boolean[] line = size > 1 ? BinaryMorphology.dilate(byClass[c], w, h, size) : byClass[c];
            for (int i = 0; i < line.length; i++) {
                if (line[i]) {
                    out[i] = c;
                }
            }
        }
        return out;
    }

    /** The side of the square that thickens outlines: 1 up to 750 pixels, then one more per 500. */
    static int lineWidth(int width, int height) {
        return Math.max(1, (int) Math.round(Math.max(width, height) / 500.0));
    }

    /** The 1st and 99th percentiles of the image's values (of an even sample of at most 2^20 of them). */
    static double[] window(Image2D image) {
        float[] data = image.data();
        int step = Math.max(1, (data.length + PERCENTILE_SAMPLE - 1) / PERCENTILE_SAMPLE);
        float[] sample = new float[(data.length + step - 1) / step];
        for (int i = 0, k = 0; i < data.length; i += step, k++) {
            sample[k] = data[i];
        }
        Arrays.sort(sample);
        return new double[] {percentile(sample, 0.01), percentile(sample, 0.99)};
    }

    private static double percentile(float[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    /**
     * The class whose outline passes through {@code (x, y)}: the highest class among the pixel and
     * those of its 4-neighbours that differ from it, or -1 when every 4-neighbour has the pixel's
     * class. Both pixels on either side of a boundary are drawn, so an outline is two pixels wide.
     */
    static int boundaryClass(LabelMap labels, int x, int y) {
        int own = labels.get(x, y);
        int highest = -1;
        for (int[] s : NEIGHBOURS) {
            int nx = x + s[0];
            int ny = y + s[1];
            if (nx >= 0 && ny >= 0 && nx < labels.width() && ny < labels.height()) {
                int other = labels.get(nx, ny);
                if (other != own) {
                    highest = Math.max(highest, Math.max(other, own));
                }
            }
        }
        return highest;
    }

    /** {@code grey} tinted with the class colour at opacity {@link #ALPHA}. */
    static int tint(int grey, int classIndex) {
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
