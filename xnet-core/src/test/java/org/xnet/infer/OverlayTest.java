package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;

/**
 * The overlay stays legible on a dark and on a bright radiograph. Criteria: (1) the three classes'
 * mean overlay colours (boundaries left out) are at least {@value #MIN_CLASS_DISTANCE} apart in RGB
 * (Euclidean, 0..255 per channel); at equal grey the design gives {@code ALPHA * 255} = 115 between
 * open beam and tissue (the blue channel), more for the other pairs; (2) inside each class region the
 * radiograph's structure survives: the overlay's luminance correlates with the radiograph's values
 * (r > 0.95) and spans at least {@value #MIN_GREY_SPAN} grey levels between its 5th and 95th percentile.
 * Both images carry a few outlier pixels (dead or saturated), which a min/max window would let squash
 * the rest into a sliver of grey levels.
 */
class OverlayTest {
    static final double MIN_CLASS_DISTANCE = 90;
    static final double MIN_GREY_SPAN = 40;
    private static final int W = 90;
    private static final int H = 60;

    /** Three vertical bands: open beam, soft tissue, bone. */
    private static LabelMap bands() {
        LabelMap labels = new LabelMap(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                labels.set(x, y, x / 30);
            }
        }
        return labels;
    }

    /** A diagonal ramp plus noise between {@code lo} and {@code hi}, with a few pixels at {@code outlier}. */
    private static Image2D radiograph(double lo, double hi, double outlier, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double t = ((x % 30) / 29.0 + y / (H - 1.0)) / 2;
                d[y * W + x] = (float) (lo + (hi - lo) * (0.9 * t + 0.1 * r.nextDouble()));
            }
        }
        for (int i = 0; i < 10; i++) {
            d[r.nextInt(d.length)] = (float) outlier;
        }
        return new Image2D(W, H, d);
    }

    @Test
    void classesStayDistinctAndStructureVisibleOnADarkRadiograph() {
        check(radiograph(0, 400, 65535, 1));
    }

    @Test
    void classesStayDistinctAndStructureVisibleOnABrightRadiograph() {
        check(radiograph(60000, 65535, 0, 2));
    }

    @Test
    void aFlatRadiographIsMidGreyTintedByClass() {
        Image2D flat = new Image2D(W, H, new float[W * H]);
        BufferedImage out = Overlay.render(flat, bands());
        int grey = (Overlay.GREY_LOW + Overlay.GREY_HIGH) / 2;
        assertThat(out.getRGB(10, 30) & 0xFFFFFF).isEqualTo(Overlay.tint(grey, 0));
        assertThat(out.getRGB(45, 30) & 0xFFFFFF).isEqualTo(Overlay.tint(grey, 1));
        assertThat(out.getRGB(75, 30) & 0xFFFFFF).isEqualTo(Overlay.tint(grey, 2));
    }

    @Test
    void boundariesAreDrawnOpaqueInTheHigherClassColour() {
        BufferedImage out = Overlay.render(radiograph(0, 100, 0, 3), bands());
        assertThat(out.getRGB(29, 10) & 0xFFFFFF).isEqualTo(0xFFFF00);
        assertThat(out.getRGB(30, 10) & 0xFFFFFF).isEqualTo(0xFFFF00);
        assertThat(out.getRGB(59, 10) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(out.getRGB(60, 10) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(Overlay.boundaryClass(bands(), 10, 10)).isEqualTo(-1);
    }

    @Test
    void outlinesThickenOnLargeImages() {
        LabelMap halves = new LabelMap(1600, 10);
        for (int y = 0; y < 10; y++) {
            for (int x = 800; x < 1600; x++) {
                halves.set(x, y, 2);
            }
        }
        assertThat(Overlay.lineWidth(1600, 10)).isEqualTo(3);
        int[] outline = Overlay.outlines(halves);
        for (int x = 795; x < 805; x++) {
            assertThat(outline[5 * 1600 + x]).as("column %d", x).isEqualTo(x >= 798 && x <= 801 ? 2 : -1);
        }
    }

    private static void check(Image2D image) {
        LabelMap labels = bands();
        BufferedImage out = Overlay.render(image, labels);
        double[][] mean = new double[3][3];
        int[] count = new int[3];
        for (int c = 0; c < 3; c++) {
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            int n = 0;
            double[] lum = new double[30 * H];
            for (int y = 0; y < H; y++) {
                for (int x = c * 30 + 2; x < c * 30 + 28; x++) {
                    float v = image.get(x, y);
                    if (v == 0 || v == 65535) {
                        continue; // an outlier, clamped by the window
                    }
                    int rgb = out.getRGB(x, y);
                    int[] ch = {rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF};
                    for (int k = 0; k < 3; k++) {
                        mean[c][k] += ch[k];
                    }
                    count[c]++;
                    double l = 0.299 * ch[0] + 0.587 * ch[1] + 0.114 * ch[2];
                    lum[n++] = l;
                    sx += v;
                    sy += l;
                    sxx += (double) v * v;
                    syy += l * l;
                    sxy += v * l;
                }
            }
            double r = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
            assertThat(r).as("class %d: luminance follows the radiograph", c).isGreaterThan(0.95);
            double[] sorted = java.util.Arrays.copyOf(lum, n);
            java.util.Arrays.sort(sorted);
            assertThat(sorted[(int) (0.95 * (n - 1))] - sorted[(int) (0.05 * (n - 1))]).as("class %d: grey span", c)
                    .isGreaterThan(MIN_GREY_SPAN);
        }
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                double d2 = 0;
                for (int k = 0; k < 3; k++) {
                    double diff = mean[a][k] / count[a] - mean[b][k] / count[b];
                    d2 += diff * diff;
                }
                assertThat(Math.sqrt(d2)).as("classes %d and %d", a, b).isGreaterThan(MIN_CLASS_DISTANCE);
            }
        }
    }
}
