package org.xnet.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;
import org.xnet.core.SegClass;

/**
 * A contact sheet for looking at augmentation: one row per sample with four tiles — the original,
 * the original with its label drawn over it, the augmented image, and the augmented image with its
 * label — under a header naming the columns, with each row's source file. Labels are drawn in the
 * {@link SegClass} colours at {@value #LABEL_ALPHA} opacity; images are shown with [0, 1] mapped to
 * black..white (values outside are clipped).
 */
public final class ContactSheet {
    /** Opacity of the label colours drawn over the image. */
    public static final double LABEL_ALPHA = 0.4;
    private static final String[] COLUMNS = {"original", "original + label", "augmented", "augmented + label"};
    private static final int HEADER = 24;
    private static final int CAPTION = 18;
    private static final int GAP = 4;

    private ContactSheet() {
    }

    /** The sheet for pairs {@code originals.get(i)} / {@code augmented.get(i)}, tiles of at least 160 px. */
    public static BufferedImage render(List<Sample> originals, List<Sample> augmented) {
        if (originals.size() != augmented.size() || originals.isEmpty()) {
            throw new IllegalArgumentException("need as many augmented as original samples (at least one), got "
                    + originals.size() + " and " + augmented.size());
        }
        int size = originals.stream().mapToInt(s -> Math.max(s.image().width(), s.image().height())).max().orElse(1);
        int scale = Math.max(1, (int) Math.ceil(160.0 / size));
        int tile = size * scale;
        int width = COLUMNS.length * (tile + GAP) + GAP;
        int rowHeight = tile + CAPTION + GAP;
        BufferedImage sheet = new BufferedImage(width, HEADER + originals.size() * rowHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0x202020));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(Color.WHITE);
            for (int c = 0; c < COLUMNS.length; c++) {
                g.drawString(COLUMNS[c], GAP + c * (tile + GAP) + 4, HEADER - 7);
            }
            for (int r = 0; r < originals.size(); r++) {
                int y = HEADER + r * rowHeight;
                Sample o = originals.get(r);
                Sample a = augmented.get(r);
                Sample[] tiles = {o, o, a, a};
                for (int c = 0; c < tiles.length; c++) {
                    BufferedImage t = tile(tiles[c].image(), c % 2 == 1 ? tiles[c].label() : null, scale);
                    g.drawImage(t, GAP + c * (tile + GAP), y, null);
                }
                g.setColor(Color.LIGHT_GRAY);
                g.drawString(o.source() + "  (" + o.bodyPart() + ")", GAP + 4, y + tile + CAPTION - 5);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** One tile: the image in grey, with the label blended over it when not null, scaled by nearest neighbour. */
    static BufferedImage tile(Image2D image, LabelMap label, int scale) {
        int w = image.width();
        int h = image.height();
        BufferedImage out = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = pixel(image.get(x, y), label == null ? -1 : label.get(x, y));
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setRGB(x * scale + dx, y * scale + dy, rgb);
                    }
                }
            }
        }
        return out;
    }

    /** The grey value of {@code v} (clipped to [0, 1]) blended with the colour of class {@code cls} (-1: none). */
    static int pixel(float v, int cls) {
        double grey = 255 * Math.min(1, Math.max(0, Float.isNaN(v) ? 0 : v));
        if (cls < 0) {
            int g = (int) Math.round(grey);
            return (g << 16) | (g << 8) | g;
        }
        int colour = SegClass.of(cls).rgb();
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double c = (colour >> shift) & 0xFF;
            rgb |= (int) Math.round((1 - LABEL_ALPHA) * grey + LABEL_ALPHA * c) << shift;
        }
        return rgb;
    }

    /** Writes {@code sheet} as PNG to {@code file} (the caller makes it atomic). */
    public static void writePng(BufferedImage sheet, Path file) throws IOException {
        if (!ImageIO.write(sheet, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
