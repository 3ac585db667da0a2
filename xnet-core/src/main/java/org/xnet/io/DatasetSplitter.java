package org.xnet.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The original XNet's train/validation/test split, balanced by body part, seeded and
 * deterministic.
 *
 * <ol>
 *   <li>One image of every body part that has at least two images goes to the held-out pool
 *       (chosen at random). A body part with a single image stays in training: held out, it could
 *       never be learned (the original held it out too).
 *   <li>The pool is filled to {@code floor((1 - trainFraction) * n)} images in rounds: each round
 *       visits the body parts in a shuffled order and moves one random image of each body part
 *       that still has at least two in training. If no body part has two left the pool stays
 *       smaller; if there are more body parts than the target, the pool is larger.
 *   <li>The pool is shuffled and halved: test gets {@code floor(pool / 2)}, validation the rest
 *       (the odd one), as in the original.
 * </ol>
 * Training keeps the input order; test and validation are in pool order.
 */
public final class DatasetSplitter {
    /** Sample indices per split. */
    public record Assignment(List<Integer> train, List<Integer> validation, List<Integer> test) {
        public Assignment {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
            test = List.copyOf(test);
        }
    }

    private DatasetSplitter() {
    }

    /** Splits samples whose body parts are {@code bodyParts} (one per sample, by index). */
    public static Assignment split(List<String> bodyParts, double trainFraction, long seed) {
        checkFraction(trainFraction);
        Random random = new Random(seed);
        int target = (int) Math.floor((1 - trainFraction) * bodyParts.size() + 1e-9);
        List<Integer> pool = pool(bodyParts, new boolean[bodyParts.size()], target, random);
        int half = pool.size() / 2;
        return new Assignment(rest(bodyParts.size(), pool, List.of()), pool.subList(half, pool.size()),
                pool.subList(0, half));
    }

    /**
     * Splits with a test set given in advance (e.g. every view of one CT volume, so that the test
     * images come from a body the model never saw): {@code test[i]} marks the test samples, which
     * keep their input order. The others are split as above, except that the whole pool becomes the
     * validation split, sized to {@code (1 - trainFraction) / 2} of them (the validation share of a
     * normal split).
     */
    public static Assignment splitWithTest(List<String> bodyParts, boolean[] test, double trainFraction, long seed) {
        checkFraction(trainFraction);
        if (test.length != bodyParts.size()) {
            throw new IllegalArgumentException("test marks " + test.length + " samples, but there are "
                    + bodyParts.size());
        }
        List<Integer> testIndices = new ArrayList<>();
        for (int i = 0; i < test.length; i++) {
            if (test[i]) {
                testIndices.add(i);
            }
        }
        int others = bodyParts.size() - testIndices.size();
        int target = (int) Math.floor((1 - trainFraction) / 2 * others + 1e-9);
        List<Integer> validation = pool(bodyParts, test, target, new Random(seed));
        return new Assignment(rest(bodyParts.size(), validation, testIndices), validation, testIndices);
    }

    private static void checkFraction(double trainFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
        }
    }

    /** Steps 1 and 2 and the shuffle of step 3 over the samples not {@code excluded}. */
    private static List<Integer> pool(List<String> bodyParts, boolean[] excluded, int target, Random random) {
        Map<String, List<Integer>> remaining = new TreeMap<>();
        for (int i = 0; i < bodyParts.size(); i++) {
            if (!excluded[i]) {
                remaining.computeIfAbsent(bodyParts.get(i), k -> new ArrayList<>()).add(i);
            }
        }
        List<Integer> pool = new ArrayList<>();
        for (List<Integer> indices : remaining.values()) {
            if (indices.size() >= 2) {
                pool.add(indices.remove(random.nextInt(indices.size())));
            }
        }
        fill(pool, remaining, target, random);
        Collections.shuffle(pool, random);
        return pool;
    }

    /** The indices below {@code n} in neither list, in order. */
    private static List<Integer> rest(int n, List<Integer> a, List<Integer> b) {
        boolean[] taken = new boolean[n];
        a.forEach(i -> taken[i] = true);
        b.forEach(i -> taken[i] = true);
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!taken[i]) {
                rest.add(i);
            }
        }
        return rest;
    }

    private static void fill(List<Integer> pool, Map<String, List<Integer>> remaining, int target, Random random) {
        List<String> parts = new ArrayList<>(remaining.keySet());
        while (pool.size() < target) {
            Collections.shuffle(parts, random);
            boolean moved = false;
            for (String part : parts) {
                List<Integer> indices = remaining.get(part);
                if (pool.size() >= target) {
                    break;
                }
                if (indices.size() >= 2) {
                    pool.add(indices.remove(random.nextInt(indices.size())));
                    moved = true;
                }
            }
            if (!moved) {
                return;
            }
        }
    }
}
