package org.xnet.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Provenance;
import org.xnet.core.Sample;

/**
 * Accumulates an evaluation one image at a time, so that a caller running a model can drop each
 * probability map after {@link #add}: confusion matrices per variant, per body part and per image, and the
 * ROC accumulator (4 bytes per pixel and class, needed for the exact AUC).
 */
public final class Evaluator {
    private final EvaluationConfig config;
    private final List<String> names;
    private final List<ConfusionMatrix> overall = new ArrayList<>();
    private final Map<String, List<ConfusionMatrix>> byBodyPart = new TreeMap<>();
    private final List<ImageResult> images = new ArrayList<>();
    private final RocAccumulator roc;

    /** An evaluator that expects about {@code expectedPixels} pixels in all (a sizing hint only). */
    public Evaluator(EvaluationConfig config, int expectedPixels) {
        this.config = Objects.requireNonNull(config, "config");
        this.names = config.variantNames();
        for (int i = 0; i < names.size(); i++) {
            overall.add(new ConfusionMatrix());
        }
        this.roc = new RocAccumulator(expectedPixels);
    }

    /** Evaluates all samples against their probabilities (same order and sizes). */
    public static EvaluationResult evaluate(List<Sample> samples, List<ProbabilityMap> probabilities,
                                            EvaluationConfig config, long trainableParameters, Provenance provenance) {
        if (samples.size() != probabilities.size()) {
            throw new IllegalArgumentException(samples.size() + " samples but " + probabilities.size()
                    + " probability maps");
        }
        long pixels = 0;
        for (Sample s : samples) {
            pixels += (long) s.label().width() * s.label().height();
        }
        Evaluator evaluator = new Evaluator(config, (int) Math.min(pixels, Integer.MAX_VALUE - 8));
        for (int i = 0; i < samples.size(); i++) {
            evaluator.add(samples.get(i), probabilities.get(i));
        }
        return evaluator.result(trainableParameters, provenance);
    }

    /** Adds one image and returns its post-processed label maps (for panels). */
    public PostProcessed add(Sample sample, ProbabilityMap probabilities) {
        LabelMap truth = sample.label();
        if (truth.width() != probabilities.width() || truth.height() != probabilities.height()) {
            throw new IllegalArgumentException("Probability and label shapes do not match for " + sample.source()
                    + ". " + probabilities.sizeString() + " vs " + truth.sizeString());
        }
        roc.add(truth, probabilities);
        PostProcessed maps = PostProcessed.of(probabilities, sample.bodyPart(), config);
        List<ConfusionMatrix> part = byBodyPart.computeIfAbsent(sample.bodyPart(), k -> emptyMatrices());
        Map<String, Metrics> perImage = new LinkedHashMap<>();
        List<LabelMap> all = maps.all();
        for (int v = 0; v < names.size(); v++) {
            ConfusionMatrix m = ConfusionMatrix.of(truth, all.get(v));
            overall.get(v).merge(m);
            part.get(v).merge(m);
            perImage.put(names.get(v), Metrics.of(m));
        }
        images.add(new ImageResult(sample.source(), sample.bodyPart(), perImage));
        return maps;
    }

    /** The result of every image added so far. */
    public EvaluationResult result(long trainableParameters, Provenance provenance) {
        List<VariantResult> variants = new ArrayList<>();
        for (int v = 0; v < names.size(); v++) {
            Map<String, Metrics> parts = new LinkedHashMap<>();
            for (Map.Entry<String, List<ConfusionMatrix>> e : byBodyPart.entrySet()) {
                parts.put(e.getKey(), Metrics.of(e.getValue().get(v)));
            }
            variants.add(new VariantResult(names.get(v), Metrics.of(overall.get(v)), parts));
        }
        return new EvaluationResult(config, trainableParameters, provenance, variants,
                roc.curves(config.rocPoints()), images);
    }

    private List<ConfusionMatrix> emptyMatrices() {
        List<ConfusionMatrix> list = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            list.add(new ConfusionMatrix());
        }
        return list;
    }
}
