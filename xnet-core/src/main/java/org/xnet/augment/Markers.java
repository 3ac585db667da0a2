package org.xnet.augment;

import java.util.SplittableRandom;

/**
 * Markers and text burnt into a radiograph: the side markers (L, R) and the short labels (digits,
 * A, P) that lead letters or the reader leave in clinical images: 1-3 characters of a 3x5 block font,
 * letters 2.5-5 % of the image height, at the image's darkest or brightest level, a third of them on a
 * box of the other level.
 *
 * <p>The label keeps the class of what lies under a marker. Where the original data labelled markers
 * is not known (its label images are not public); a marker hides nothing of the anatomy and the
 * network's users want the anatomy segmented, so the class beneath is the rule, and evaluation on real
 * images with markers counts those pixels the same way.
 */
final class Markers {
    /** Glyph rows, 3 pixels wide, '#' set. */
    private static final String CHARS = "LRAP0123456789";
    private static final String[][] FONT = {
            {"#..", "#..", "#..", "#..", "###"}, {"##.", "#.#", "##.", "#.#", "#.#"},
            {".#.", "#.#", "###", "#.#", "#.#"}, {"##.", "#.#", "##.", "#..", "#.."},
            {"###", "#.#", "#.#", "#.#", "###"}, {".#.", "##.", ".#.", ".#.", "###"},
            {"##.", "..#", ".#.", "#..", "###"}, {"##.", "..#", ".#.", "..#", "##."},
            {"#.#", "#.#", "###", "..#", "..#"}, {"###", "#..", "##.", "..#", "##."},
            {".##", "#..", "###", "#.#", "###"}, {"###", "..#", ".#.", ".#.", ".#."},
            {"###", "#.#", "###", "#.#", "###"}, {"###", "#.#", "###", "..#", "##."}};

    private Markers() {
    }

    /** Burns {@code count} markers into {@code w*h} pixels of {@code image} from {@code offset}; returns how many pixels it set. */
    static int burn(float[] image, int offset, int w, int h, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + w * h; i++) {
            min = Math.min(min, image[i]);
            max = Math.max(max, image[i]);
        }
        int set = 0;
        for (int m = 0; m < count; m++) {
            int scale = Math.max(1, (int) Math.round(h * (0.004 + 0.004 * random.nextDouble())));
            int letters = 1 + random.nextInt(3);
            int[] glyphs = new int[letters];
            glyphs[0] = random.nextInt(2) == 0 ? random.nextInt(2) : random.nextInt(CHARS.length());
            for (int k = 1; k < letters; k++) {
                glyphs[k] = random.nextInt(CHARS.length());
            }
            boolean bright = random.nextBoolean();
            boolean box = random.nextInt(3) == 0;
            int textW = (4 * letters + 1) * scale;
            int textH = 7 * scale;
            int x0 = random.nextInt(Math.max(1, w - textW + 1));
            int y0 = random.nextInt(Math.max(1, h - textH + 1));
            float ink = bright ? max : min;
            float paper = bright ? min : max;
            for (int y = 0; y < textH; y++) {
                for (int x = 0; x < textW; x++) {
                    int px = x0 + x;
                    int py = y0 + y;
                    if (px >= w || py >= h) {
                        continue;
                    }
                    boolean on = inked(glyphs, x / scale - 1, y / scale - 1);
                    if (on || box) {
                        image[offset + py * w + px] = on ? ink : paper;
                        set++;
                    }
                }
            }
        }
        return set;
    }

    /** True when font cell (cx, cy) of the text (one cell of margin removed) is set. */
    private static boolean inked(int[] glyphs, int cx, int cy) {
        if (cx < 0 || cy < 0 || cy >= 5) {
            return false;
        }
        int letter = cx / 4;
        int col = cx % 4;
        if (letter >= glyphs.length || col == 3) {
            return false;
        }
        return FONT[glyphs[letter]][cy].charAt(col) == '#';
    }
}
