package org.xnet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

/**
 * Per-pixel segmentation losses on logits shaped (N, C, H, W) and class-index labels shaped
 * (N, 1, H, W) (any numeric type). Each returns a scalar that autograd can differentiate; label
 * conversions use {@code toType}, which is fine because labels need no gradient.
 */
public final class SegmentationLosses {
    /** Smoothing added to the numerator and denominator of the soft Jaccard index. */
    public static final float JACCARD_SMOOTH = 1f;
    private static final SoftmaxCrossEntropyLoss CROSS_ENTROPY =
            new SoftmaxCrossEntropyLoss("ce", 1f, 1, true, true);

    private SegmentationLosses() {
    }

    /** The loss of the given kind. */
    public static NDArray evaluate(LossKind kind, NDArray logits, NDArray labels) {
        return switch (kind) {
            case CROSS_ENTROPY -> crossEntropy(logits, labels);
            case JACCARD -> jaccard(logits, labels);
            case LOVASZ -> lovaszSoftmax(logits, labels);
        };
    }

    /** Mean over all pixels of {@code -log softmax(logits)[label]} (Keras categorical cross-entropy). */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        checkShapes(logits, labels);
        return CROSS_ENTROPY.evaluate(new NDList(labels.toType(DataType.INT64, false)), new NDList(logits));
    }

    /**
     * Soft Jaccard distance {@code 1 - mean_c (I_c + s) / (P_c + Y_c - I_c + s)}, where for class c
     * over the whole batch {@code I_c = sum p*y}, {@code P_c = sum p}, {@code Y_c = sum y}, p the
     * softmax probability, y the one-hot label and s = {@link #JACCARD_SMOOTH}. Set-level per class
     * (not per pixel as keras-contrib's jaccard_distance), so a rare class weighs as much as a
     * common one; the smoothing keeps a class absent from both prediction and truth at index 1.
     */
    public static NDArray jaccard(NDArray logits, NDArray labels) {
        checkShapes(logits, labels);
        int classes = (int) logits.getShape().get(1);
        NDArray p = logits.softmax(1);
        NDArray y = oneHot(labels, classes);
        int[] axes = {0, 2, 3};
        NDArray inter = p.mul(y).sum(axes);
        NDArray union = p.sum(axes).add(y.sum(axes)).sub(inter);
        NDArray index = inter.add(JACCARD_SMOOTH).div(union.add(JACCARD_SMOOTH));
        return index.mean().neg().add(1f);
    }

    /**
     * Lovász-softmax (Berman, Rannen Triki, Blaschko, CVPR 2018), computed over the whole batch as
     * one set of pixels ("per_image=False") and averaged over the classes present in the labels
     * ("classes='present'"): for each class, the pixel errors {@code |[y = c] - p_c|} sorted in
     * decreasing order are dotted with the gradient of the Lovász extension of the Jaccard loss.
     */
    public static NDArray lovaszSoftmax(NDArray logits, NDArray labels) {
        checkShapes(logits, labels);
        int classes = (int) logits.getShape().get(1);
        NDArray probs = logits.softmax(1).transpose(1, 0, 2, 3).reshape(classes, -1);
        NDArray flatLabels = labels.toType(DataType.FLOAT32, false).reshape(-1);
        NDArray sum = null;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            NDArray fg = flatLabels.eq(c).toType(DataType.FLOAT32, false);
            if (fg.sum().getFloat() == 0f) {
                continue;
            }
            NDArray errors = fg.sub(probs.get(c)).abs();
            NDArray sortedErrors = errors.neg().sort().neg();
            NDArray sortedFg = fg.get(errors.neg().argSort());
            NDArray term = sortedErrors.mul(lovaszGradient(sortedFg)).sum();
            sum = sum == null ? term : sum.add(term);
            present++;
        }
        if (sum == null) {
            return probs.sum().mul(0f);
        }
        return sum.div(present);
    }

    /** Gradient of the Lovász extension of the Jaccard loss for ground truth sorted by error. */
    static NDArray lovaszGradient(NDArray sortedFg) {
        NDArray total = sortedFg.sum();
        NDArray inter = total.sub(sortedFg.cumSum(0));
        NDArray union = total.add(sortedFg.neg().add(1f).cumSum(0));
        NDArray jac = inter.div(union).neg().add(1f);
        long n = jac.getShape().get(0);
        if (n == 1) {
            return jac;
        }
        return NDArrays.concat(new NDList(jac.get("0:1"), jac.get("1:").sub(jac.get(":-1"))));
    }

    /** Labels (N, 1, H, W) as a one-hot float array (N, C, H, W). */
    static NDArray oneHot(NDArray labels, int classes) {
        return labels.squeeze(1).toType(DataType.INT32, false).oneHot(classes).transpose(0, 3, 1, 2);
    }

    private static void checkShapes(NDArray logits, NDArray labels) {
        var l = logits.getShape();
        var y = labels.getShape();
        if (l.dimension() != 4 || y.dimension() != 4 || y.get(1) != 1 || l.get(0) != y.get(0)
                || l.get(2) != y.get(2) || l.get(3) != y.get(3)) {
            throw new IllegalArgumentException("expected logits (N,C,H,W) and labels (N,1,H,W), got "
                    + l + " and " + y);
        }
    }
}
