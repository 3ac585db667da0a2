package org.xnet.infer;

/**
 * What {@code xnet predict} writes for each radiograph and how it post-processes the prediction.
 *
 * <ul>
 *   <li>{@code threshold}: soft tissue only where P(tissue) exceeds it (eval's soft-tissue
 *       thresholding), or {@code null} for the plain argmax.</li>
 *   <li>{@code dilate}: when above 0, eval's bone clean-up: bone opened by an {@code opening} square
 *       then dilated by a {@code dilate} square, both in pixels of the output (the input's own
 *       resolution).</li>
 *   <li>{@code maskFormat}: the index mask as PNG (8-bit) or TIFF (16-bit); the colour mask and the
 *       overlay are always PNG, the probabilities always 32-bit float TIFF, one file per class.</li>
 *   <li>{@code invert}: the grey values are mirrored ({@code min + max - v}) before segmenting, for
 *       radiographs stored in the other display convention than the training images (open beam
 *       dark instead of bright, or the reverse); outputs such as the overlay show the image as read.</li>
 * </ul>
 */
public record PredictConfig(SegmenterOptions segmenter, Double threshold, int dilate, int opening,
                            MaskFormat maskFormat, boolean overlay, boolean probabilities, boolean failFast,
                            boolean invert) {
    /** Default opening size of the bone clean-up (the original's 10x10). */
    public static final int DEFAULT_OPENING = 10;

    /** File format of the index mask. */
    public enum MaskFormat {
        PNG("png"),
        TIFF("tif");

        private final String extension;

        MaskFormat(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    public PredictConfig {
        if (segmenter == null || maskFormat == null) {
            throw new IllegalArgumentException("segmenter options and mask format must not be null");
        }
        if (threshold != null && !(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        if (dilate < 0 || opening < 1) {
            throw new IllegalArgumentException("dilate must be >= 0 and opening >= 1, got " + dilate + " and " + opening);
        }
    }

    /** Argmax masks as PNG, nothing optional, resize mode. */
    public static PredictConfig defaults() {
        return new PredictConfig(SegmenterOptions.resize(), null, 0, DEFAULT_OPENING, MaskFormat.PNG, false, false, false, false);
    }

    public PredictConfig withSegmenter(SegmenterOptions options) {
        return new PredictConfig(options, threshold, dilate, opening, maskFormat, overlay, probabilities, failFast, invert);
    }

    public PredictConfig withThreshold(Double t) {
        return new PredictConfig(segmenter, t, dilate, opening, maskFormat, overlay, probabilities, failFast, invert);
    }

    public PredictConfig withDilate(int size) {
        return new PredictConfig(segmenter, threshold, size, opening, maskFormat, overlay, probabilities, failFast, invert);
    }

    public PredictConfig withOutputs(MaskFormat format, boolean withOverlay, boolean withProbabilities) {
        return new PredictConfig(segmenter, threshold, dilate, opening, format, withOverlay, withProbabilities, failFast, invert);
    }

    public PredictConfig withInvert(boolean on) {
        return new PredictConfig(segmenter, threshold, dilate, opening, maskFormat, overlay, probabilities, failFast, on);
    }

    public PredictConfig withFailFast(boolean on) {
        return new PredictConfig(segmenter, threshold, dilate, opening, maskFormat, overlay, probabilities, on, invert);
    }
}
