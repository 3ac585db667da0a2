package org.xnet.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brings every body part to the same number of training examples.
 *
 * <p>{@link #perCategory} is the pre-augmentation plan (the original's {@code EXAMPLES_PER_CATEGORY}):
 * every original first, in its order, then for each body part (by name) augmented copies of its images,
 * round-robin over them in their order, until the part has exactly {@code n} examples. A part that
 * already has {@code n} or more originals keeps all of them and gets no copies (the original also kept
 * them all: it made {@code int(n / count)} = 0 copies). The original made {@code int(n / count)}
 * copies of every image, so a part could end above {@code n}; here it is exactly {@code n}.
 *
 * <p>{@link #oversample} is the on-the-fly duplication: indices in which every body part appears as
 * often as the largest one, its images repeated round-robin.
 */
public final class Balancing {
    private Balancing() {
    }

    /** One example of a balanced list: sample {@code index}, {@code copy} 0 for the original, 1.. for copies. */
    public record Entry(int index, int copy) {
        public Entry {
            if (index < 0 || copy < 0) {
                throw new IllegalArgumentException("index and copy must be >= 0, got " + index + ", " + copy);
            }
        }

        public boolean augmented() {
            return copy > 0;
        }
    }

    /** The indices of each body part, by part name (sorted), in list order. */
    public static Map<String, List<Integer>> byPart(List<String> bodyParts) {
        Map<String, List<Integer>> parts = new TreeMap<>();
        for (int i = 0; i < bodyParts.size(); i++) {
            parts.computeIfAbsent(bodyParts.get(i), k -> new ArrayList<>()).add(i);
        }
        return parts;
    }

    /** The pre-augmentation plan: all originals, then copies until every part has {@code n} examples. */
    public static List<Entry> perCategory(List<String> bodyParts, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("examples per category must be >= 1, got " + n);
        }
        List<Entry> plan = new ArrayList<>();
        for (int i = 0; i < bodyParts.size(); i++) {
            plan.add(new Entry(i, 0));
        }
        for (List<Integer> part : byPart(bodyParts).values()) {
            for (int k = 0; k < n - part.size(); k++) {
                plan.add(new Entry(part.get(k % part.size()), k / part.size() + 1));
            }
        }
        return plan;
    }

    /** Sample indices in which every body part appears as often as the largest part (grouped by part). */
    public static int[] oversample(List<String> bodyParts) {
        Map<String, List<Integer>> parts = byPart(bodyParts);
        int largest = parts.values().stream().mapToInt(List::size).max().orElse(0);
        int[] out = new int[largest * parts.size()];
        int o = 0;
        for (List<Integer> part : parts.values()) {
            for (int k = 0; k < largest; k++) {
                out[o++] = part.get(k % part.size());
            }
        }
        return out;
    }
}
