package org.xnet.eval;

import java.util.Map;

/** The metrics of one image under every variant, keyed by variant name in evaluation order. */
public record ImageResult(String source, String bodyPart, Map<String, Metrics> byVariant) {
    public ImageResult {
        byVariant = Ordered.copy(byVariant);
    }
}
