package org.xnet.infer;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.xnet.core.InvalidSetting;

/**
 * What {@code xnet predict} writes for each radiograph and how it post-processes the prediction.
 *
 * <ul>
 *   <li>{@code threshold}: soft tissue only where P(tissue) exceeds it (eval's soft-tissue
 *       thresholding), or {@code null} for the plain argmax.</li>
 *   <li>{@code dilate}: when above 0, eval's bone clean-up: bone opened by an {@code opening} square
 *       then dilated by a {@code dilate} square, both in pixels of the output (the input's own
 *       resolution).</li>
 *   <li>{@code maskFormat}: the index mask as PNG (8-bit) or TIFF (16-bit); the colour mask is always
 *       written too.</li>
 *   <li>{@code extras}: the optional outputs ({@link Extra}).</li>
 *   <li>{@code invert}: the grey values are mirrored ({@code min + max - v}) before segmenting, for
 *       radiographs stored in the other display convention than the training images (open beam
 *       dark instead of bright, or the reverse); outputs such as the overlay show the image as read.</li>
 *   <li>{@code flagConfidence}: an image whose mean confidence is below it gets the
 *       {@code low_confidence} quality flag in the manifest (see {@link QualityFlags}).</li>
 * </ul>
 */
public record PredictConfig(SegmenterOptions segmenter, Double threshold, int dilate, int opening,
                            MaskFormat maskFormat, Set<Extra> extras, boolean failFast, boolean invert,
                            double flagConfidence) {
    /** Default opening size of the bone clean-up (the original's 10x10). */
    public static final int DEFAULT_OPENING = 10;
    /**
     * Default {@code flagConfidence}, chosen from measurements (2026-12-05): the demo's compact XNet
     * (validation accuracy 0.81) has a mean confidence of 0.67-0.93 (median 0.81) on the 72
     * radiographs the demo synthesised (its training, validation and test images), of which 2 fall
     * below 0.7 (31 below 0.8), and 0.68 on the NEMA chest radiograph RG1, which it segments badly;
     * an untrained tiny XNet gives 0.333 (a uniform guess) on every image. So 0.7 flags a model that
     * has not learnt and the images a trained one is unsure of, without listing a third of a weak
     * model's ordinary images.
     */
    public static final double DEFAULT_FLAG_CONFIDENCE = 0.7;

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

        /** {@code png}, {@code tif} or {@code tiff} (any case); anything else is an IllegalArgumentException saying so. */
        public static MaskFormat parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "png" -> PNG;
                case "tif", "tiff" -> TIFF;
                default -> throw new IllegalArgumentException("must be png or tiff, got " + name);
            };
        }
    }

    /** The outputs written only on request. */
    public enum Extra {
        /** The mask drawn over the radiograph, {@code NAME_overlay.png}. */
        OVERLAY,
        /** One 32-bit float TIFF of probabilities per class, {@code NAME_prob_CLASS.tif}. */
        PROBABILITIES,
        /** The per-pixel confidence (the largest class probability), {@code NAME_confidence.tif}. */
        CONFIDENCE,
        /** The entropy of the class probabilities divided by ln 3 (so in [0, 1]), {@code NAME_entropy.tif}. */
        ENTROPY,
        /** For DICOM inputs, a DICOM Segmentation object referencing the input, {@code NAME_seg.dcm}. */
        DICOM_SEG,
        /** For DICOM inputs, the overlay as a DICOM Secondary Capture in the input's study, {@code NAME_overlay.dcm}. */
        DICOM_OVERLAY;

        /** The extras whose switch in {@code asked} is on (a front end's options, one per extra). */
        public static Set<Extra> selected(java.util.Map<Extra, Boolean> asked) {
            Set<Extra> on = EnumSet.noneOf(Extra.class);
            asked.forEach((extra, wanted) -> {
                if (wanted) {
                    on.add(extra);
                }
            });
            return on;
        }
    }

    public PredictConfig {
        if (segmenter == null || maskFormat == null || extras == null) {
            throw new IllegalArgumentException("segmenter options, mask format and extras must not be null");
        }
        extras = extras.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(extras));
        if (threshold != null && !(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        if (!(flagConfidence >= 0 && flagConfidence <= 1)) {
            throw new InvalidSetting("flagConfidence", "must be in [0, 1], got " + flagConfidence);
        }
        if (dilate < 0 || opening < 1) {
            throw new IllegalArgumentException("dilate must be >= 0 and opening >= 1, got " + dilate + " and " + opening);
        }
    }

    /** Argmax masks as PNG, nothing optional, resize mode. */
    public static PredictConfig defaults() {
        return new PredictConfig(SegmenterOptions.resize(), null, 0, DEFAULT_OPENING, MaskFormat.PNG, Set.of(), false,
                false, DEFAULT_FLAG_CONFIDENCE);
    }

    /** Whether the optional output {@code extra} is written. */
    public boolean has(Extra extra) {
        return extras.contains(extra);
    }

    public PredictConfig withSegmenter(SegmenterOptions options) {
        return new PredictConfig(options, threshold, dilate, opening, maskFormat, extras, failFast, invert, flagConfidence);
    }

    public PredictConfig withThreshold(Double t) {
        return new PredictConfig(segmenter, t, dilate, opening, maskFormat, extras, failFast, invert, flagConfidence);
    }

    /** With the threshold (or none) and bone dilation of {@code tuned} (its clean-up opening as configured). */
    public PredictConfig withTuned(org.xnet.eval.TunedPostProcessing.Choice tuned) {
        return withThreshold(tuned.threshold()).withDilate(tuned.dilate());
    }

    public PredictConfig withDilate(int size) {
        return new PredictConfig(segmenter, threshold, size, opening, maskFormat, extras, failFast, invert, flagConfidence);
    }

    /** With this mask format and these optional outputs. */
    public PredictConfig withOutputs(MaskFormat format, Set<Extra> optional) {
        return new PredictConfig(segmenter, threshold, dilate, opening, format, optional, failFast, invert, flagConfidence);
    }

    public PredictConfig withInvert(boolean on) {
        return new PredictConfig(segmenter, threshold, dilate, opening, maskFormat, extras, failFast, on, flagConfidence);
    }

    public PredictConfig withFailFast(boolean on) {
        return new PredictConfig(segmenter, threshold, dilate, opening, maskFormat, extras, on, invert, flagConfidence);
    }

    public PredictConfig withFlagConfidence(double limit) {
        return new PredictConfig(segmenter, threshold, dilate, opening, maskFormat, extras, failFast, invert, limit);
    }

    /**
     * Everything that changes what is written for an input, as one line (not {@code failFast} nor
     * the batch size): two runs with the same line, model and precision write the same files, so
     * {@code --continue} may keep the outputs of one in the other.
     */
    public String describeOutputs() {
        String optional = extras.stream().map(e -> e.name().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(","));
        return String.format(Locale.ROOT, "mode=%s tile_scale=%s tile_overlap=%s tta=%s threshold=%s dilate=%d "
                        + "opening=%d format=%s extras=[%s] invert=%s flag_confidence=%s", segmenter.mode(),
                segmenter.tileScale(), segmenter.tileOverlap(), segmenter.tta(), threshold, dilate, opening,
                maskFormat.extension(), optional, invert, flagConfidence);
    }
}
