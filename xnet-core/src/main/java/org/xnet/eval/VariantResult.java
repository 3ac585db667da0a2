package org.xnet.eval;

import java.util.Map;

/** The metrics of one post-processing variant over all images and per body part (sorted by name). */
public record VariantResult(String name, Metrics overall, Map<String, Metrics> byBodyPart) {
    public VariantResult {
        byBodyPart = Ordered.copy(byBodyPart);
    }
}
