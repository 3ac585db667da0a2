package org.xnet.infer;

/**
 * Tile layout and blending weights of the tiled mode. Along each axis, tiles of one size are spread
 * evenly from the first pixel to the last (the last tile ends exactly at the border), with at least
 * the requested overlap. Each tile's probabilities are weighted by a separable Hann (raised-cosine)
 * window {@code sin²(π (i + 0.5) / size)}, which is largest at the tile centre and small but never
 * zero at its border, and the blend divides by the summed weights: a weighted mean whose weights
 * vary smoothly, so no seam shows where tiles meet.
 */
final class Tiling {
    private Tiling() {
    }

    /**
     * Start offsets of tiles of length {@code tile} covering {@code length} pixels with at least
     * {@code overlap} (fraction of a tile) shared between neighbours.
     */
    static int[] starts(int length, int tile, double overlap) {
        if (tile < 1 || tile > length) {
            throw new IllegalArgumentException("tile length " + tile + " must be in [1, " + length + "]");
        }
        if (tile == length) {
            return new int[] {0};
        }
        double stride = Math.max(1.0, tile * (1 - overlap));
        int count = (int) Math.ceil((length - tile) / stride) + 1;
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = (int) Math.round((double) i * (length - tile) / (count - 1));
        }
        return starts;
    }

    /** The one-dimensional Hann window of {@code size} samples, strictly positive. */
    static float[] hann(int size) {
        float[] w = new float[size];
        for (int i = 0; i < size; i++) {
            double s = Math.sin(Math.PI * (i + 0.5) / size);
            w[i] = (float) (s * s);
        }
        return w;
    }
}
