package org.xnet.infer;

/**
 * How {@link Segmenter} predicts: the {@link InferenceMode}, the tiled mode's working scale and tile
 * overlap, test-time augmentation (mean over the four flips) and how many images or tiles go
 * through the network per forward pass.
 *
 * <p>{@code tileScale} is the working image's longer side in model input sizes: 1 is exactly the
 * scale the network was trained at (a whole radiograph downsampled to the input size), with the
 * aspect ratio preserved; 2 (the default) doubles the detail at the price of seeing anatomy twice
 * as large as in training. {@code tileOverlap} is the fraction of a tile shared with its neighbour
 * (0.5 = half a tile).
 */
public record SegmenterOptions(InferenceMode mode, double tileScale, double tileOverlap, boolean tta, int batchSize) {
    /** Default working scale of the tiled mode. */
    public static final double DEFAULT_TILE_SCALE = 2.0;
    /** Default tile overlap of the tiled mode. */
    public static final double DEFAULT_TILE_OVERLAP = 0.5;
    /** Default number of images or tiles per forward pass. */
    public static final int DEFAULT_BATCH_SIZE = 4;

    public SegmenterOptions {
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        if (!(tileScale > 0) || Double.isInfinite(tileScale)) {
            throw new IllegalArgumentException("tileScale must be a finite number > 0, got " + tileScale);
        }
        if (!(tileOverlap >= 0 && tileOverlap < 1)) {
            throw new IllegalArgumentException("tileOverlap must be in [0, 1), got " + tileOverlap);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
    }

    /** Resize mode, no TTA, default batch size. */
    public static SegmenterOptions resize() {
        return new SegmenterOptions(InferenceMode.RESIZE, DEFAULT_TILE_SCALE, DEFAULT_TILE_OVERLAP, false,
                DEFAULT_BATCH_SIZE);
    }

    /** Tiled mode at the default scale and overlap, no TTA, default batch size. */
    public static SegmenterOptions tiled() {
        return resize().withMode(InferenceMode.TILED);
    }

    public SegmenterOptions withMode(InferenceMode newMode) {
        return new SegmenterOptions(newMode, tileScale, tileOverlap, tta, batchSize);
    }

    public SegmenterOptions withTileScale(double scale) {
        return new SegmenterOptions(mode, scale, tileOverlap, tta, batchSize);
    }

    public SegmenterOptions withTileOverlap(double overlap) {
        return new SegmenterOptions(mode, tileScale, overlap, tta, batchSize);
    }

    public SegmenterOptions withTta(boolean on) {
        return new SegmenterOptions(mode, tileScale, tileOverlap, on, batchSize);
    }

    public SegmenterOptions withBatchSize(int size) {
        return new SegmenterOptions(mode, tileScale, tileOverlap, tta, size);
    }
}
