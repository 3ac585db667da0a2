package org.xnet.infer;

import java.util.ArrayList;
import java.util.List;
import org.xnet.core.SegClass;

/**
 * The flags that put an image on the "check me first" list of a prediction manifest:
 * <ul>
 *   <li>{@value #LOW_CONFIDENCE}: the image's mean confidence (mean over pixels of the largest class
 *       probability) is below the run's threshold ({@code --flag-confidence});</li>
 *   <li>{@value #ONE_CLASS}: one class covers more than {@value #ONE_CLASS_FRACTION} of the mask
 *       (the whole image open beam, tissue or bone): no radiograph of a body part looks like that, so
 *       either the input is not one (a blank exposure, a wrong polarity: see {@code --invert}) or the
 *       model failed on it. Model files do not record the class fractions of their training data, so
 *       this fixed bound stands in for "far outside the training data".</li>
 * </ul>
 */
final class QualityFlags {
    /** Flag name: the mean confidence is below the threshold. */
    static final String LOW_CONFIDENCE = "low_confidence";
    /** Flag name: one class covers (nearly) the whole image. */
    static final String ONE_CLASS = "one_class";
    /** Above this fraction of the pixels, one class is flagged. */
    static final double ONE_CLASS_FRACTION = 0.95;

    private QualityFlags() {
    }

    /** The flags of an image with these class {@code fractions} and {@code meanConfidence}, in a fixed order. */
    static List<String> of(double[] fractions, double meanConfidence, double confidenceThreshold) {
        List<String> flags = new ArrayList<>();
        if (meanConfidence < confidenceThreshold) {
            flags.add(LOW_CONFIDENCE);
        }
        for (SegClass c : SegClass.values()) {
            if (fractions[c.index()] > ONE_CLASS_FRACTION) {
                flags.add(ONE_CLASS);
                break;
            }
        }
        return flags;
    }

    /** The fraction of the mask's pixels in each class. */
    static double[] fractions(org.xnet.core.LabelMap labels) {
        long[] counts = labels.classCounts();
        double n = labels.data().length;
        double[] out = new double[SegClass.COUNT];
        for (int c = 0; c < out.length; c++) {
            out[c] = counts[c] / n;
        }
        return out;
    }
}
