package org.xnet.eval;

import java.util.ArrayList;
import java.util.List;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;

/**
 * The label maps of one image under every variant of an {@link EvaluationConfig}: the argmax prediction,
 * one map per soft-tissue threshold, the body-part threshold map and the bone clean-up of the map at the
 * first threshold.
 */
public record PostProcessed(LabelMap prediction, List<LabelMap> thresholded, LabelMap bodyPartThresholded,
                            LabelMap cleanedUp) {
    public PostProcessed {
        thresholded = List.copyOf(thresholded);
    }

    /** Every post-processing of {@code p} that {@code config} asks for. */
    public static PostProcessed of(ProbabilityMap p, String bodyPart, EvaluationConfig config) {
        List<LabelMap> thresholded = new ArrayList<>();
        for (double t : config.thresholds()) {
            thresholded.add(PostProcessing.thresholdSoftTissue(p, t));
        }
        LabelMap first = thresholded.get(0);
        LabelMap cleaned = config.removedBone() == EvaluationConfig.RemovedBone.MORE_LIKELY
                ? PostProcessing.cleanUpBone(first, p, config.openingSize(), config.dilationSize())
                : PostProcessing.cleanUpBone(first, config.openingSize(), config.dilationSize());
        return new PostProcessed(p.argmax(), thresholded,
                PostProcessing.thresholdSoftTissue(p, bodyPart, config.bodyPartThresholds()), cleaned);
    }

    /** The maps in the order of {@link EvaluationConfig#variantNames()}. */
    public List<LabelMap> all() {
        List<LabelMap> all = new ArrayList<>();
        all.add(prediction);
        all.addAll(thresholded);
        all.add(bodyPartThresholded);
        all.add(cleanedUp);
        return all;
    }
}
