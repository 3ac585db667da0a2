package org.xnet.spark;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;
import org.xnet.infer.InferenceMode;
import org.xnet.infer.PredictConfig;
import org.xnet.infer.SegmenterOptions;

/**
 * A {@link PredictConfig} in a form Spark can ship to its executors (Java serialization); built from a
 * checked config on the driver and turned back into one in each task, so both sides mean the same.
 */
record PredictSettings(InferenceMode mode, double tileScale, double tileOverlap, boolean tta, int batchSize,
                       Double threshold, int dilate, int opening, PredictConfig.MaskFormat maskFormat,
                       EnumSet<PredictConfig.Extra> extras, boolean invert, double flagConfidence)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    static PredictSettings of(PredictConfig c) {
        SegmenterOptions s = c.segmenter();
        EnumSet<PredictConfig.Extra> extras = EnumSet.noneOf(PredictConfig.Extra.class);
        extras.addAll(c.extras());
        return new PredictSettings(s.mode(), s.tileScale(), s.tileOverlap(), s.tta(), s.batchSize(), c.threshold(),
                c.dilate(), c.opening(), c.maskFormat(), extras, c.invert(), c.flagConfidence());
    }

    PredictConfig toConfig() {
        return new PredictConfig(new SegmenterOptions(mode, tileScale, tileOverlap, tta, batchSize), threshold, dilate,
                opening, maskFormat, Set.copyOf(extras), false, invert, flagConfidence);
    }
}
