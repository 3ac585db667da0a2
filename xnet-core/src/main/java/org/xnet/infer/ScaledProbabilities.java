package org.xnet.infer;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Resize;

/**
 * Class probabilities computed at a working size (the network's input, or a tiled blend) for an
 * image of another size, resized back to it bilinearly per class only as far as each use needs: a
 * label map is made a band of rows at a time, a class channel on its own. A 10000x10000 mask then
 * needs its 100 MB of labels and a few MB of bands, not the 1.2 GB of full-size probabilities.
 * Every value is the one {@link #full()} holds (tested bit for bit).
 */
public final class ScaledProbabilities {
    /** Rows per band: a few MB of probabilities for the widest images. */
    private static final int BAND_ROWS = 64;

    private final ProbabilityMap work;
    private final int width;
    private final int height;

    /** {@code work} stands for an image of {@code width x height} pixels. */
    public ScaledProbabilities(ProbabilityMap work, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
        }
        this.work = work;
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * The label of every pixel by {@code rule} (a per-pixel rule such as {@link ProbabilityMap#argmax},
     * given bands of full-width rows), without holding the full-size probabilities.
     */
    public LabelMap labels(Function<ProbabilityMap, LabelMap> rule) {
        if (isFullSize()) {
            return rule.apply(work);
        }
        byte[] out = new byte[Math.multiplyExact(width, height)];
        forEachBand((y0, band) -> System.arraycopy(rule.apply(band).data(), 0, out, y0 * width, band.width() * band.height()));
        return new LabelMap(width, height, out);
    }

    /**
     * A per-pixel map of the probabilities ({@link ProbabilityMap#confidence}, {@link ProbabilityMap#entropy})
     * at full size, computed a band of rows at a time.
     */
    public Image2D map(Function<ProbabilityMap, Image2D> perPixel) {
        if (isFullSize()) {
            return perPixel.apply(work);
        }
        float[] out = new float[Math.multiplyExact(width, height)];
        forEachBand((y0, band) -> System.arraycopy(perPixel.apply(band).data(), 0, out, y0 * width, band.width() * band.height()));
        return new Image2D(width, height, out);
    }

    /** The mean over all full-size pixels of a per-pixel map, without holding the full-size map. */
    public double mean(Function<ProbabilityMap, Image2D> perPixel) {
        double[] sum = {0};
        if (isFullSize()) {
            addTo(sum, perPixel.apply(work));
        } else {
            forEachBand((y0, band) -> addTo(sum, perPixel.apply(band)));
        }
        return sum[0] / ((double) width * height);
    }

    private static void addTo(double[] sum, Image2D values) {
        for (float v : values.data()) {
            sum[0] += v;
        }
    }

    private boolean isFullSize() {
        return work.width() == width && work.height() == height;
    }

    /** Hands every band of full-width rows (its first row and its probabilities) to {@code action}, top to bottom. */
    private void forEachBand(BiConsumer<Integer, ProbabilityMap> action) {
        Image2D[] channels = new Image2D[work.classes()];
        for (int c = 0; c < channels.length; c++) {
            channels[c] = work.channel(c);
        }
        for (int y0 = 0; y0 < height; y0 += BAND_ROWS) {
            int y1 = Math.min(height, y0 + BAND_ROWS);
            int area = width * (y1 - y0);
            float[] band = new float[channels.length * area];
            for (int c = 0; c < channels.length; c++) {
                System.arraycopy(Resize.bilinearRows(channels[c], width, height, y0, y1).data(), 0, band, c * area, area);
            }
            action.accept(y0, new ProbabilityMap(width, y1 - y0, channels.length, band));
        }
    }

    /** The most likely class at every pixel (the first one on ties). */
    public LabelMap argmax() {
        return labels(ProbabilityMap::argmax);
    }

    /** The probabilities of class {@code classIndex} at full size. */
    public Image2D channel(int classIndex) {
        Image2D small = work.channel(classIndex);
        return isFullSize() ? small : Resize.bilinear(small, width, height);
    }

    /** Every class at full size (classes x width x height floats). */
    public ProbabilityMap full() {
        if (isFullSize()) {
            return work;
        }
        int area = Math.multiplyExact(width, height);
        float[] out = new float[Math.multiplyExact(work.classes(), area)];
        for (int c = 0; c < work.classes(); c++) {
            System.arraycopy(channel(c).data(), 0, out, c * area, area);
        }
        return new ProbabilityMap(width, height, work.classes(), out);
    }
}
