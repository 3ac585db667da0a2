package org.xnet.eval;

import java.util.function.IntUnaryOperator;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.SegClass;

/**
 * The original's post-processing steps, each a pure function of a probability map or a label map.
 */
public final class PostProcessing {
    private static final int BEAM = SegClass.OPEN_BEAM.index();
    private static final int TISSUE = SegClass.SOFT_TISSUE.index();
    private static final int BONE = SegClass.BONE.index();

    /**
     * The "threshold" that stands for none: {@link #thresholdSoftTissue(ProbabilityMap, double)} at it is
     * the plain argmax. What {@link ThresholdTuning} chooses when no threshold earns its place.
     */
    public static final double NO_THRESHOLD = Double.NaN;

    private PostProcessing() {
    }

    /** Whether {@code threshold} is {@link #NO_THRESHOLD}. */
    public static boolean isNoThreshold(double threshold) {
        return Double.isNaN(threshold);
    }

    /**
     * Soft-tissue thresholding (the original's {@code thresholding}): soft tissue only where
     * P(tissue) &gt; {@code threshold}; elsewhere the more likely of open beam and bone (open beam on a tie).
     * Raising the threshold trades soft-tissue false positives for false negatives. At
     * {@link #NO_THRESHOLD}, the argmax.
     */
    public static LabelMap thresholdSoftTissue(ProbabilityMap p, double threshold) {
        if (p.classes() != SegClass.COUNT) {
            throw new IllegalArgumentException("expected " + SegClass.COUNT + " probability channels, got " + p.classes());
        }
        if (isNoThreshold(threshold)) {
            return p.argmax();
        }
        int n = p.width() * p.height();
        float[] d = p.data();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            if (d[TISSUE * n + i] > threshold) {
                out[i] = (byte) TISSUE;
            } else {
                out[i] = (byte) (d[BONE * n + i] > d[BEAM * n + i] ? BONE : BEAM);
            }
        }
        return new LabelMap(p.width(), p.height(), out);
    }

    /** Soft-tissue thresholding with the threshold of {@code bodyPart} in {@code table}. */
    public static LabelMap thresholdSoftTissue(ProbabilityMap p, String bodyPart, ThresholdTable table) {
        return thresholdSoftTissue(p, table.thresholdFor(bodyPart));
    }

    /**
     * Bone clean-up and dilation (the original's {@code pixel_dilation}): the bone mask is opened by an
     * {@code openingSize} square (removing bone islands and spurs narrower than it), then dilated by a
     * {@code dilationSize} square (size 1 leaves it unchanged); see {@link BinaryMorphology} for anchor and
     * border. As in the original, open beam is never changed, bone pixels removed by the opening become soft
     * tissue, and the dilated bone grows into soft tissue only; every other pixel is soft tissue.
     */
    public static LabelMap cleanUpBone(LabelMap labels, int openingSize, int dilationSize) {
        return cleanUpBone(labels, openingSize, dilationSize, i -> TISSUE);
    }

    /**
     * Bone clean-up as {@link #cleanUpBone(LabelMap, int, int)}, except that a bone pixel removed by the
     * opening (and not re-covered by the dilation) becomes the more likely of open beam and soft tissue in
     * {@code p} (open beam on a tie) instead of always soft tissue: fewer soft-tissue false positives where
     * bone speckle lay in the open beam.
     */
    public static LabelMap cleanUpBone(LabelMap labels, ProbabilityMap p, int openingSize, int dilationSize) {
        if (p.width() != labels.width() || p.height() != labels.height() || p.classes() != SegClass.COUNT) {
            throw new IllegalArgumentException("Probability and label shapes do not match. " + p.sizeString() + "x"
                    + p.classes() + " vs " + labels.sizeString() + "x" + SegClass.COUNT);
        }
        int n = labels.width() * labels.height();
        float[] d = p.data();
        return cleanUpBone(labels, openingSize, dilationSize,
                i -> d[TISSUE * n + i] > d[BEAM * n + i] ? TISSUE : BEAM);
    }

    private static LabelMap cleanUpBone(LabelMap labels, int openingSize, int dilationSize,
                                        IntUnaryOperator removedBone) {
        int w = labels.width();
        int h = labels.height();
        byte[] in = labels.data();
        boolean[] bone = new boolean[in.length];
        for (int i = 0; i < in.length; i++) {
            bone[i] = in[i] == BONE;
        }
        boolean[] kept = BinaryMorphology.openThenDilate(bone, w, h, openingSize, dilationSize);
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            int c;
            if (in[i] == BEAM) {
                c = BEAM;
            } else if (kept[i]) {
                c = BONE;
            } else {
                c = in[i] == BONE ? removedBone.applyAsInt(i) : TISSUE;
            }
            out[i] = (byte) c;
        }
        return new LabelMap(w, h, out);
    }
}
