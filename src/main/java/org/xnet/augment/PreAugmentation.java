package org.xnet.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.xnet.core.Dataset;
import org.xnet.core.Sample;
import org.xnet.core.Split;

/**
 * The pre-augmented mode: the training split balanced by {@link Balancing#perCategory} and augmented
 * once; validation and test untouched. The k-th augmented copy draws its parameters from
 * {@code new SplittableRandom(Seeds.mix(seed, k))}, so the result depends only on the seed (it is
 * computed in parallel). A copy keeps its body part; its source is {@code aug<copy>_<source>}.
 */
public final class PreAugmentation {
    private PreAugmentation() {
    }

    /**
     * The dataset with its training split balanced and augmented; {@code progress} is told the
     * number of finished copies (it may be called from several threads).
     */
    public static Dataset augment(Dataset data, int perCategory, AugmentPipeline pipeline, long seed,
                                  IntConsumer progress) {
        Objects.requireNonNull(pipeline, "pipeline");
        List<Sample> train = data.train();
        List<String> parts = train.stream().map(Sample::bodyPart).toList();
        List<Balancing.Entry> copies = Balancing.perCategory(parts, perCategory).stream()
                .filter(Balancing.Entry::augmented).toList();
        Sample[] made = new Sample[copies.size()];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, copies.size()).parallel().forEach(k -> {
            Balancing.Entry e = copies.get(k);
            Sample src = train.get(e.index());
            Sample aug = pipeline.apply(src, new SplittableRandom(Seeds.mix(seed, k)));
            made[k] = new Sample(aug.image(), aug.label(), src.bodyPart(), "aug" + e.copy() + "_" + src.source());
            progress.accept(done.incrementAndGet());
        });
        List<Sample> out = new ArrayList<>(train);
        out.addAll(List.of(made));
        return data.with(Split.TRAIN, out);
    }

    /** How many augmented copies {@link #augment} will make. */
    public static int copyCount(Dataset data, int perCategory) {
        List<String> parts = data.train().stream().map(Sample::bodyPart).toList();
        return (int) Balancing.perCategory(parts, perCategory).stream().filter(Balancing.Entry::augmented).count();
    }
}
