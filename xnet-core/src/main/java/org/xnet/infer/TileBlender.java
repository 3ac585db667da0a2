package org.xnet.infer;

import java.util.ArrayList;
import java.util.List;
import org.xnet.core.Image2D;
import org.xnet.core.ProbabilityMap;

/**
 * Cuts an image into the overlapping tiles of {@link Tiling} and blends their probabilities back
 * into one map: at every pixel the Hann-weighted mean of the tiles that cover it.
 */
final class TileBlender {
    private final int width;
    private final int height;
    private final int tileWidth;
    private final int tileHeight;
    private final int classes;
    private final int[] xs;
    private final int[] ys;

    TileBlender(int width, int height, int tileWidth, int tileHeight, double overlap, int classes) {
        this.width = width;
        this.height = height;
        this.tileWidth = tileWidth;
        this.tileHeight = tileHeight;
        this.classes = classes;
        this.xs = Tiling.starts(width, tileWidth, overlap);
        this.ys = Tiling.starts(height, tileHeight, overlap);
    }

    int tileWidth() {
        return tileWidth;
    }

    int tileHeight() {
        return tileHeight;
    }

    int tileCount() {
        return xs.length * ys.length;
    }

    /** The tiles of {@code image} (row-major pixels), row by row of tiles. */
    List<float[]> cut(Image2D image) {
        if (image.width() != width || image.height() != height) {
            throw new IllegalArgumentException("expected a " + width + "x" + height + " image, got " + image.sizeString());
        }
        List<float[]> tiles = new ArrayList<>(tileCount());
        float[] in = image.data();
        for (int y0 : ys) {
            for (int x0 : xs) {
                float[] tile = new float[tileWidth * tileHeight];
                for (int y = 0; y < tileHeight; y++) {
                    System.arraycopy(in, (y0 + y) * width + x0, tile, y * tileWidth, tileWidth);
                }
                tiles.add(tile);
            }
        }
        return tiles;
    }

    /** The weighted mean of the tiles' probabilities (channel-major, in the order of {@link #cut}). */
    ProbabilityMap blend(float[][] tileProbabilities) {
        float[] wx = Tiling.hann(tileWidth);
        float[] wy = Tiling.hann(tileHeight);
        int area = width * height;
        int tileArea = tileWidth * tileHeight;
        double[] sum = new double[classes * area];
        double[] weight = new double[area];
        int t = 0;
        for (int y0 : ys) {
            for (int x0 : xs) {
                float[] p = tileProbabilities[t++];
                for (int y = 0; y < tileHeight; y++) {
                    int row = (y0 + y) * width + x0;
                    for (int x = 0; x < tileWidth; x++) {
                        double w = (double) wy[y] * wx[x];
                        weight[row + x] += w;
                        for (int c = 0; c < classes; c++) {
                            sum[c * area + row + x] += w * p[c * tileArea + y * tileWidth + x];
                        }
                    }
                }
            }
        }
        float[] out = new float[classes * area];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < area; i++) {
                out[c * area + i] = (float) (sum[c * area + i] / weight[i]);
            }
        }
        return new ProbabilityMap(width, height, classes, out);
    }
}
