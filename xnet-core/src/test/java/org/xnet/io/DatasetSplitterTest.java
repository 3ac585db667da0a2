package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DatasetSplitterTest {
    @Test
    void originalProportionsOnTwentyBodyParts() {
        List<String> parts = parts(new Random(1), 150, 20);
        DatasetSplitter.Assignment a = DatasetSplitter.split(parts, 0.7, 5);
        assertThat(a.test().size() + a.validation().size()).isEqualTo(45);
        assertThat(a.test()).hasSize(22);
        assertThat(a.validation()).hasSize(23);
        assertThat(a.train()).hasSize(105).isSorted();
    }

    @Test
    void singleImageBodyPartStaysInTraining() {
        List<String> parts = List.of("hand", "hand", "hand", "knee", "knee", "skull");
        DatasetSplitter.Assignment a = DatasetSplitter.split(parts, 0.7, 3);
        assertThat(a.train()).contains(5);
        Set<String> heldOut = new HashSet<>();
        a.test().forEach(i -> heldOut.add(parts.get(i)));
        a.validation().forEach(i -> heldOut.add(parts.get(i)));
        assertThat(heldOut).containsExactlyInAnyOrder("hand", "knee");
    }

    @Test
    void poolNeverTakesTheLastTrainingImageOfABodyPart() {
        List<String> parts = List.of("a", "a", "b", "b", "c", "c");
        DatasetSplitter.Assignment a = DatasetSplitter.split(parts, 0.1, 9);
        assertThat(a.test().size() + a.validation().size()).isEqualTo(3);
        assertThat(a.train()).extracting(parts::get).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void rejectsFractionOutsideTheOpenUnitInterval() {
        assertThatThrownBy(() -> DatasetSplitter.split(List.of("a"), 1.0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.0");
    }

    @Property(tries = 200, seed = "20261126")
    void balancedDisjointCompleteAndDeterministic(@ForAll long seed, @ForAll @IntRange(min = 1, max = 120) int n,
            @ForAll @IntRange(min = 1, max = 25) int kinds, @ForAll @DoubleRange(min = 0.05, max = 0.95) double fraction) {
        List<String> parts = parts(new Random(seed), n, kinds);
        DatasetSplitter.Assignment a = DatasetSplitter.split(parts, fraction, seed);
        assertThat(DatasetSplitter.split(parts, fraction, seed)).isEqualTo(a);

        List<Integer> all = new ArrayList<>(a.train());
        all.addAll(a.validation());
        all.addAll(a.test());
        assertThat(all).hasSize(n).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < n);

        List<Integer> pool = new ArrayList<>(a.test());
        pool.addAll(a.validation());
        Map<String, Long> counts = parts.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Set<String> heldOut = pool.stream().map(parts::get).collect(Collectors.toSet());
        Set<String> trained = a.train().stream().map(parts::get).collect(Collectors.toSet());
        counts.forEach((part, count) -> {
            if (count >= 2) {
                assertThat(heldOut).as("held-out pool has %s", part).contains(part);
            }
            assertThat(trained).as("training has %s", part).contains(part);
        });
        assertThat(a.validation().size() - a.test().size()).isBetween(0, 1);
        int target = (int) Math.floor((1 - fraction) * n + 1e-9);
        long multi = counts.values().stream().filter(c -> c >= 2).count();
        long capacity = counts.values().stream().mapToLong(c -> c - 1).sum();
        assertThat(pool.size()).isEqualTo((int) Math.max(multi, Math.min(target, capacity)));
    }

    @Property(tries = 200, seed = "20261127")
    void givenTestSetIsKeptAndTheRestSplitIntoTrainingAndValidation(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 120) int n, @ForAll @IntRange(min = 1, max = 25) int kinds,
            @ForAll @DoubleRange(min = 0.05, max = 0.95) double fraction) {
        Random random = new Random(seed);
        List<String> parts = parts(random, n, kinds);
        boolean[] test = new boolean[n];
        List<Integer> expectedTest = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            test[i] = random.nextInt(4) == 0;
            if (test[i]) {
                expectedTest.add(i);
            }
        }
        DatasetSplitter.Assignment a = DatasetSplitter.splitWithTest(parts, test, fraction, seed);
        assertThat(DatasetSplitter.splitWithTest(parts, test, fraction, seed)).isEqualTo(a);
        assertThat(a.test()).isEqualTo(expectedTest);
        List<Integer> all = new ArrayList<>(a.train());
        all.addAll(a.validation());
        all.addAll(a.test());
        assertThat(all).hasSize(n).doesNotHaveDuplicates();
        assertThat(a.train()).isSorted();

        List<String> others = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!test[i]) {
                others.add(parts.get(i));
            }
        }
        Map<String, Long> counts = others.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Set<String> trained = a.train().stream().map(parts::get).collect(Collectors.toSet());
        assertThat(trained).containsAll(counts.keySet());
        int target = (int) Math.floor((1 - fraction) / 2 * others.size() + 1e-9);
        long multi = counts.values().stream().filter(c -> c >= 2).count();
        long capacity = counts.values().stream().mapToLong(c -> c - 1).sum();
        assertThat(a.validation()).hasSize((int) Math.max(multi, Math.min(target, capacity)));
    }

    @Test
    void givenTestSetMustMarkEverySample() {
        assertThatThrownBy(() -> DatasetSplitter.splitWithTest(List.of("a", "b"), new boolean[3], 0.7, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3").hasMessageContaining("2");
    }

    private static List<String> parts(Random random, int n, int kinds) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = (int) Math.floor(kinds * Math.pow(random.nextDouble(), 2));
            parts.add("part" + k);
        }
        return parts;
    }
}
