package org.xnet.eval;

import java.util.List;
import java.util.Objects;
import org.xnet.core.Provenance;

/**
 * Everything one evaluation found: the metrics of every post-processing variant (overall and per body
 * part, in {@link EvaluationConfig#variantNames()} order), the ROC curve and exact AUC of every class (from
 * the probabilities), the metrics of every image, the model's trainable parameters (-1 when unknown) and
 * the provenance of the model and data.
 */
public record EvaluationResult(EvaluationConfig config, long trainableParameters, Provenance provenance,
                               List<VariantResult> variants, List<RocCurve> roc, List<ImageResult> images) {
    public EvaluationResult {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(provenance, "provenance");
        variants = List.copyOf(variants);
        roc = List.copyOf(roc);
        images = List.copyOf(images);
    }

    /** The variant with the given name. */
    public VariantResult variant(String name) {
        return variants.stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variant '" + name + "'; have "
                        + variants.stream().map(VariantResult::name).toList()));
    }

    /** The metrics of the plain argmax prediction. */
    public Metrics prediction() {
        return variant(EvaluationConfig.PREDICTION).overall();
    }
}
