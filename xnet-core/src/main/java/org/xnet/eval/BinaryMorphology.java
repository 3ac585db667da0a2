package org.xnet.eval;

/**
 * Erosion, dilation and opening of binary masks (row-major {@code boolean[]}) by a {@code size x size}
 * square, in linear time per pixel count whatever the size (separable, with running counts).
 *
 * <p>Anchor: as OpenCV's default, the square's anchor is the pixel at offset {@code size / 2}, so the
 * square covers offsets {@code [-size/2, size - 1 - size/2]} from it; for an even size such as 10 that is
 * -5..+4. Border: as OpenCV's default border value, pixels outside the image neither erode nor dilate
 * (the square is clipped to the image). The opening is the textbook one (erosion, then dilation by the
 * reflected square): a pixel survives iff some square placement anchored inside the image contains it and
 * covers only foreground pixels of the image. It never adds pixels and is idempotent; OpenCV's
 * {@code morphologyEx(MORPH_OPEN)} with an even square dilates without reflecting, which shifts its result
 * by one pixel down and right.
 */
public final class BinaryMorphology {
    private BinaryMorphology() {
    }

    /** Pixel {@code p} stays set iff every image pixel of the square anchored at {@code p} is set. */
    public static boolean[] erode(boolean[] mask, int width, int height, int size) {
        int before = size / 2;
        return filter(mask, width, height, before, size - 1 - before, true);
    }

    /** Pixel {@code p} is set iff some image pixel of the square anchored at {@code p} is set. */
    public static boolean[] dilate(boolean[] mask, int width, int height, int size) {
        int before = size / 2;
        return filter(mask, width, height, before, size - 1 - before, false);
    }

    /** The union of all squares (anchored in the image) that fit in the mask; see the class note. */
    public static boolean[] open(boolean[] mask, int width, int height, int size) {
        int before = size / 2;
        int after = size - 1 - before;
        boolean[] eroded = filter(mask, width, height, before, after, true);
        return filter(eroded, width, height, after, before, false);
    }

    /**
     * {@code dilate(open(mask, openSize), dilateSize)} in four 1-D passes instead of six: the opening's dilation
     * and the dilation that follows make one dilation by the sum of their windows (both windows hold the
     * origin and the image is a box, so clipping each step to the image changes nothing).
     */
    public static boolean[] openThenDilate(boolean[] mask, int width, int height, int openSize, int dilateSize) {
        checkShape(mask, width, height, Math.min(openSize, dilateSize));
        int before = openSize / 2;
        int after = openSize - 1 - before;
        int dilateBefore = dilateSize / 2;
        int dilateAfter = dilateSize - 1 - dilateBefore;
        boolean[] eroded = filter(mask, width, height, before, after, true);
        return filter(eroded, width, height, after + dilateBefore, before + dilateAfter, false);
    }

    /**
     * For every pixel, whether all ({@code all}) or any pixel of the window {@code [x-before, x+after] x
     * [y-before, y+after]} clipped to the image is set.
     */
    private static boolean[] filter(boolean[] mask, int width, int height, int before, int after, boolean all) {
        checkShape(mask, width, height, before + after + 1);
        boolean[] rows = new boolean[mask.length];
        int[] line = new int[Math.max(width, height)];
        boolean[] out = new boolean[Math.max(width, height)];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                line[x] = mask[y * width + x] ? 1 : 0;
            }
            window(line, out, width, before, after, all);
            System.arraycopy(out, 0, rows, y * width, width);
        }
        boolean[] result = new boolean[mask.length];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                line[y] = rows[y * width + x] ? 1 : 0;
            }
            window(line, out, height, before, after, all);
            for (int y = 0; y < height; y++) {
                result[y * width + x] = out[y];
            }
        }
        return result;
    }

    /** 1-D pass with a running count of set values in the clipped window. */
    private static void window(int[] line, boolean[] out, int n, int before, int after, boolean all) {
        int count = 0;
        int lo = 0; // window is [lo, hi)
        int hi = 0;
        for (int i = 0; i < n; i++) {
            int wantLo = Math.max(0, i - before);
            int wantHi = Math.min(n, i + after + 1);
            while (hi < wantHi) {
                count += line[hi++];
            }
            while (lo < wantLo) {
                count -= line[lo++];
            }
            out[i] = all ? count == hi - lo : count > 0;
        }
    }

    private static void checkShape(boolean[] mask, int width, int height, int size) {
        if (width <= 0 || height <= 0 || mask.length != (long) width * height) {
            throw new IllegalArgumentException("mask of " + mask.length + " pixels does not match size "
                    + width + "x" + height);
        }
        if (size < 1) {
            throw new IllegalArgumentException("structuring element size must be at least 1, got " + size);
        }
    }
}
