package org.xnet.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;
import org.xnet.core.SegClass;
import org.xnet.eval.PostProcessed;

/**
 * One row per test image, as in the original's {@code plot()}: image | ground truth | prediction |
 * thresholded | dilated, label maps in the original colours (open beam white, soft tissue yellow, bone
 * blue), each column titled, with the file name above.
 */
public final class Panels {
    /** Column titles, in drawing order. */
    public static final List<String> COLUMNS = List.of("Image", "Ground truth", "Prediction", "Thresholded",
            "Dilated");
    private static final int GAP = 6;
    private static final int CAPTION = 22;
    private static final int TITLE = 20;
    private static final Color BACKGROUND = new Color(0x33, 0x33, 0x33);

    private Panels() {
    }

    /** The row of {@code sample}; {@code thresholdName} titles the thresholded column (e.g. "threshold 90 %"). */
    public static BufferedImage row(Sample sample, PostProcessed maps, String thresholdName) {
        Image2D image = sample.image();
        int w = image.width();
        int h = image.height();
        int scale = Math.max(1, 200 / Math.max(w, h));
        int tw = w * scale;
        int th = h * scale;
        BufferedImage[] tiles = {grey(image), colour(sample.label()), colour(maps.prediction()),
                colour(maps.thresholded().get(0)), colour(maps.cleanedUp())};
        BufferedImage out = new BufferedImage(GAP + tiles.length * (tw + GAP), CAPTION + TITLE + th + GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(sample.source() + "  (" + sample.bodyPart() + ")", GAP, CAPTION - 6);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < tiles.length; i++) {
            int x = GAP + i * (tw + GAP);
            String title = i == 3 ? "Thresholded (" + thresholdName.replace("threshold ", "") + ")" : COLUMNS.get(i);
            g.drawString(title, x + (tw - fm.stringWidth(title)) / 2, CAPTION + TITLE - 6);
            g.drawImage(tiles[i], x, CAPTION + TITLE, tw, th, null);
        }
        g.dispose();
        return out;
    }

    /** The image min-max scaled to grey levels. */
    static BufferedImage grey(Image2D image) {
        float min = image.min();
        float range = image.max() - min;
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        float[] d = image.data();
        for (int i = 0; i < d.length; i++) {
            int v = range > 0 ? Math.round(255 * (d[i] - min) / range) : 0;
            out.setRGB(i % image.width(), i / image.width(), v << 16 | v << 8 | v);
        }
        return out;
    }

    /** The label map in the original colours. */
    static BufferedImage colour(LabelMap labels) {
        BufferedImage out = new BufferedImage(labels.width(), labels.height(), BufferedImage.TYPE_INT_RGB);
        byte[] d = labels.data();
        for (int i = 0; i < d.length; i++) {
            out.setRGB(i % labels.width(), i / labels.width(), SegClass.of(d[i]).rgb());
        }
        return out;
    }
}
