package org.xnet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The separable running-count morphology against a naive per-pixel definition. */
class BinaryMorphologyTest {

    /** Whether every (all) or some (!all) image pixel of the square anchored at (x, y) is set. */
    private static boolean square(boolean[] m, int w, int h, int x, int y, int size, boolean all) {
        int before = size / 2;
        for (int dy = -before; dy < size - before; dy++) {
            for (int dx = -before; dx < size - before; dx++) {
                int xx = x + dx;
                int yy = y + dy;
                if (xx >= 0 && yy >= 0 && xx < w && yy < h && m[yy * w + xx] != all) {
                    return !all;
                }
            }
        }
        return all;
    }

    static boolean[] naiveErode(boolean[] m, int w, int h, int size) {
        boolean[] out = new boolean[m.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = square(m, w, h, x, y, size, true);
            }
        }
        return out;
    }

    static boolean[] naiveDilate(boolean[] m, int w, int h, int size) {
        boolean[] out = new boolean[m.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = square(m, w, h, x, y, size, false);
            }
        }
        return out;
    }

    /** The union of the squares anchored at image pixels whose image part is all set. */
    static boolean[] naiveOpen(boolean[] m, int w, int h, int size) {
        boolean[] out = new boolean[m.length];
        int before = size / 2;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!square(m, w, h, x, y, size, true)) {
                    continue;
                }
                for (int dy = -before; dy < size - before; dy++) {
                    for (int dx = -before; dx < size - before; dx++) {
                        int xx = x + dx;
                        int yy = y + dy;
                        if (xx >= 0 && yy >= 0 && xx < w && yy < h) {
                            out[yy * w + xx] = true;
                        }
                    }
                }
            }
        }
        return out;
    }

    static boolean[] randomMask(int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double density = random.nextDouble();
        boolean[] m = new boolean[w * h];
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextDouble() < density;
        }
        return m;
    }

    @Property(tries = 300, seed = "20261126")
    void fastAgreesWithNaive(@ForAll @IntRange(min = 1, max = 24) int w, @ForAll @IntRange(min = 1, max = 24) int h,
                             @ForAll @IntRange(min = 1, max = 12) int size, @ForAll long seed) {
        boolean[] m = randomMask(w, h, seed);
        assertThat(BinaryMorphology.erode(m, w, h, size)).isEqualTo(naiveErode(m, w, h, size));
        assertThat(BinaryMorphology.dilate(m, w, h, size)).isEqualTo(naiveDilate(m, w, h, size));
        assertThat(BinaryMorphology.open(m, w, h, size)).isEqualTo(naiveOpen(m, w, h, size));
    }

    @Property(tries = 300, seed = "20261128")
    void fusedOpenThenDilateAgreesWithNaiveOpeningThenDilation(@ForAll @IntRange(min = 1, max = 24) int w,
            @ForAll @IntRange(min = 1, max = 24) int h, @ForAll @IntRange(min = 1, max = 12) int openSize,
            @ForAll @IntRange(min = 1, max = 7) int dilateSize, @ForAll long seed) {
        boolean[] m = randomMask(w, h, seed);
        assertThat(BinaryMorphology.openThenDilate(m, w, h, openSize, dilateSize))
                .isEqualTo(naiveDilate(naiveOpen(m, w, h, openSize), w, h, dilateSize));
    }

    @Property(tries = 200, seed = "20261127")
    void openingIsAntiExtensiveAndIdempotent(@ForAll @IntRange(min = 1, max = 30) int w,
                                             @ForAll @IntRange(min = 1, max = 30) int h,
                                             @ForAll @IntRange(min = 1, max = 10) int size, @ForAll long seed) {
        boolean[] m = randomMask(w, h, seed);
        boolean[] opened = BinaryMorphology.open(m, w, h, size);
        for (int i = 0; i < m.length; i++) {
            assertThat(!opened[i] || m[i]).as("pixel %d added by the opening", i).isTrue();
        }
        assertThat(BinaryMorphology.open(opened, w, h, size)).isEqualTo(opened);
    }

    @Test
    void tenByTenOpeningKeepsA10x10BlockAndRemovesA9x9One() {
        int w = 40;
        int h = 20;
        boolean[] m = new boolean[w * h];
        fill(m, w, 2, 2, 10, 10);   // survives
        fill(m, w, 20, 3, 9, 9);    // removed
        boolean[] opened = BinaryMorphology.open(m, w, h, 10);
        boolean[] expected = new boolean[w * h];
        fill(expected, w, 2, 2, 10, 10);
        assertThat(opened).isEqualTo(expected);
    }

    @Test
    void evenDilationGrowsFiveUpLeftAndFourDownRightOfThePixelThatSeesIt() {
        // anchor at offset size/2: q is set iff a set pixel lies in q + [-5, 4]; a single pixel at (10, 10)
        // therefore sets q in [6, 15] x [6, 15]
        int w = 25;
        boolean[] m = new boolean[w * w];
        m[10 * w + 10] = true;
        boolean[] d = BinaryMorphology.dilate(m, w, w, 10);
        boolean[] expected = new boolean[w * w];
        fill(expected, w, 6, 6, 10, 10);
        assertThat(d).isEqualTo(expected);
    }

    @Test
    void borderDoesNotErode() {
        boolean[] all = new boolean[9];
        java.util.Arrays.fill(all, true);
        assertThat(BinaryMorphology.erode(all, 3, 3, 10)).isEqualTo(all);
        assertThatThrownBy(() -> BinaryMorphology.open(all, 4, 3, 2)).hasMessageContaining("does not match size 4x3");
        assertThatThrownBy(() -> BinaryMorphology.open(all, 3, 3, 0)).hasMessageContaining("at least 1, got 0");
    }

    private static void fill(boolean[] m, int w, int x0, int y0, int bw, int bh) {
        for (int y = y0; y < y0 + bh; y++) {
            for (int x = x0; x < x0 + bw; x++) {
                m[y * w + x] = true;
            }
        }
    }
}
