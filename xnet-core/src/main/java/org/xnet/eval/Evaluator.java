package org.xnet.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Provenance;
import org.xnet.core.Sample;

/**
 * Accumulates an evaluation one image at a time, so that a caller running a model can drop each
 * probability map after {@link #add}: confusion matrices per variant, per body part and per image, and the
 * ROC accumulator (4 bytes per pixel and class, needed for the exact AUC). {@link #addAll} post-processes a
 * batch of images in parallel (common fork-join pool) with the same result as adding them one by one.
 */
public final class Evaluator {
    /** Images post-processed together by {@link #evaluate} (their label maps are dropped after each chunk). */
    static final int CHUNK = 64;
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

    /** Evaluates all samples against their probabilities (same order and sizes), {@link #CHUNK} images at a time. */
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
        for (int from = 0; from < samples.size(); from += CHUNK) {
            int to = Math.min(samples.size(), from + CHUNK);
            evaluator.addAll(samples.subList(from, to), probabilities.subList(from, to));
        }
        return evaluator.result(trainableParameters, provenance);
    }

    /** Adds one image and returns its post-processed label maps (for panels). */
    public PostProcessed add(Sample sample, ProbabilityMap probabilities) {
        return addAll(List.of(sample), List.of(probabilities)).get(0);
    }

    /**
     * Adds images (same order and sizes as their probabilities) and returns their post-processed label maps.
     * The images are post-processed and counted in parallel; the per-image matrices are then merged in list
     * order, so the result is exactly that of adding the images one by one.
     */
    public List<PostProcessed> addAll(List<Sample> samples, List<ProbabilityMap> probabilities) {
        if (samples.size() != probabilities.size()) {
            throw new IllegalArgumentException(samples.size() + " samples but " + probabilities.size()
                    + " probability maps");
        }
        for (int i = 0; i < samples.size(); i++) {
            LabelMap truth = samples.get(i).label();
            ProbabilityMap p = probabilities.get(i);
            if (truth.width() != p.width() || truth.height() != p.height()) {
                throw new IllegalArgumentException("Probability and label shapes do not match for "
                        + samples.get(i).source() + ". " + p.sizeString() + " vs " + truth.sizeString());
            }
        }
        roc.addAll(samples.stream().map(Sample::label).toList(), probabilities);
        List<Counted> counted = IntStream.range(0, samples.size()).parallel()
                .mapToObj(i -> count(samples.get(i), probabilities.get(i))).toList();
        List<PostProcessed> maps = new ArrayList<>();
        for (int i = 0; i < counted.size(); i++) {
            merge(samples.get(i), counted.get(i).matrices());
            maps.add(counted.get(i).maps());
        }
        return maps;
    }

    /** One image's label maps and their confusion matrices, in variant order. */
    private record Counted(PostProcessed maps, List<ConfusionMatrix> matrices) {
    }

    private Counted count(Sample sample, ProbabilityMap probabilities) {
        PostProcessed maps = PostProcessed.of(probabilities, sample.bodyPart(), config);
        List<ConfusionMatrix> matrices = new ArrayList<>();
        for (LabelMap m : maps.all()) {
            matrices.add(ConfusionMatrix.of(sample.label(), m));
        }
        return new Counted(maps, matrices);
    }

    private void merge(Sample sample, List<ConfusionMatrix> matrices) {
        List<ConfusionMatrix> part = byBodyPart.computeIfAbsent(sample.bodyPart(), k -> emptyMatrices());
        Map<String, Metrics> perImage = new LinkedHashMap<>();
        for (int v = 0; v < names.size(); v++) {
            ConfusionMatrix m = matrices.get(v);
            overall.get(v).merge(m);
            part.get(v).merge(m);
            perImage.put(names.get(v), Metrics.of(m));
        }
        images.add(new ImageResult(sample.source(), sample.bodyPart(), perImage));
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
