package org.xnet.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.xnet.core.Sample;

/**
 * Picks samples to look at and augments each once: round-robin over the body parts (by name), so a
 * small count still shows every part; the i-th pick draws from {@code new SplittableRandom(Seeds.mix(seed, i))}.
 */
public final class AugmentPreview {
    private AugmentPreview() {
    }

    /** Originals and their augmented versions, index for index. */
    public record Pairs(List<Sample> originals, List<Sample> augmented) {
        public Pairs {
            originals = List.copyOf(originals);
            augmented = List.copyOf(augmented);
        }
    }

    /** Up to {@code count} pairs from {@code samples}. */
    public static Pairs pairs(List<Sample> samples, int count, AugmentPipeline pipeline, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        List<List<Integer>> parts = new ArrayList<>(
                Balancing.byPart(samples.stream().map(Sample::bodyPart).toList()).values());
        List<Sample> originals = new ArrayList<>();
        for (int round = 0; originals.size() < Math.min(count, samples.size()); round++) {
            for (List<Integer> part : parts) {
                if (round < part.size() && originals.size() < count) {
                    originals.add(samples.get(part.get(round)));
                }
            }
        }
        List<Sample> augmented = new ArrayList<>();
        for (int i = 0; i < originals.size(); i++) {
            augmented.add(pipeline.apply(originals.get(i), new SplittableRandom(Seeds.mix(seed, i))));
        }
        return new Pairs(originals, augmented);
    }
}
