package org.xnet.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xnet.augment.Balancing.Entry;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;

/** Body-part balancing for pre-augmentation and for on-the-fly oversampling; the pre-augmented dataset. */
class BalancingTest {
    private static final List<String> PARTS = List.of("hand", "knee", "hand", "skull", "hand", "hand", "knee");

    @Test
    void perCategoryGivesEveryPartExactlyNOriginalsFirst() {
        List<Entry> plan = Balancing.perCategory(PARTS, 5);
        assertThat(plan.subList(0, PARTS.size())).extracting(Entry::index).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(plan.subList(0, PARTS.size())).allMatch(e -> !e.augmented());
        Map<String, Long> counts = plan.stream().collect(Collectors.groupingBy(e -> PARTS.get(e.index()),
                Collectors.counting()));
        assertThat(counts).containsEntry("hand", 5L).containsEntry("knee", 5L).containsEntry("skull", 5L);
        // knee (indices 1, 6) round-robin: 1, 6, 1 with copies 1, 1, 2
        List<Entry> knee = plan.stream().filter(e -> e.augmented() && PARTS.get(e.index()).equals("knee")).toList();
        assertThat(knee).containsExactly(new Entry(1, 1), new Entry(6, 1), new Entry(1, 2));
    }

    @Test
    void partsAboveNKeepAllOriginalsAndGetNoCopies() {
        List<Entry> plan = Balancing.perCategory(PARTS, 2);
        long handCopies = plan.stream().filter(e -> e.augmented() && PARTS.get(e.index()).equals("hand")).count();
        assertThat(handCopies).isZero();
        assertThat(plan).hasSize(PARTS.size() + 1); // only skull needs one copy
        assertThatThrownBy(() -> Balancing.perCategory(PARTS, 0)).hasMessageContaining("got 0");
    }

    @Test
    void oversampleBringsEveryPartToTheLargest() {
        int[] idx = Balancing.oversample(PARTS);
        Map<String, Long> counts = Arrays.stream(idx).mapToObj(PARTS::get)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts).containsOnly(Map.entry("hand", 4L), Map.entry("knee", 4L), Map.entry("skull", 4L));
        assertThat(Arrays.stream(idx).distinct().sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void preAugmentedDatasetIsBalancedDeterministicAndLeavesOtherSplitsAlone() {
        SplittableRandom random = new SplittableRandom(4);
        List<Sample> train = PARTS.stream().map(p -> named(TestSamples.random(random, 16, 16, (byte) 1, (byte) 2), p))
                .toList();
        List<Sample> val = List.of(named(TestSamples.random(random, 16, 16, (byte) 0), "hand"));
        Dataset data = new Dataset(train, val, val, 16, 255, 0);
        AugmentPipeline pipeline = new AugmentPipeline(AugmentConfig.defaults());
        AtomicInteger calls = new AtomicInteger(); // progress comes from several threads
        Dataset a = PreAugmentation.augment(data, 6, pipeline, 7, n -> calls.incrementAndGet());
        Dataset b = PreAugmentation.augment(data, 6, pipeline, 7, n -> { });

        assertThat(a.train()).hasSize(18).startsWith(train.toArray(new Sample[0]));
        assertThat(calls.get()).isEqualTo(11).isEqualTo(PreAugmentation.copyCount(data, 6));
        assertThat(a.validation()).isEqualTo(val);
        assertThat(a.test()).isEqualTo(val);
        assertThat(a.train()).isEqualTo(b.train());
        assertThat(a.train().get(7).source()).isEqualTo("aug1_hand.tif");
        assertThat(a.train().get(9).source()).isEqualTo("aug1_knee.tif");
        assertThat(PreAugmentation.augment(data, 6, pipeline, 8, n -> { }).train()).isNotEqualTo(a.train());
        for (Sample s : a.train()) {
            assertThat(s.label().classCounts()[0]).as("no open beam appears in %s", s.source()).isZero();
        }
    }

    private static Sample named(Sample s, String part) {
        return new Sample(new Image2D(s.image().width(), s.image().height(), s.image().data()),
                new LabelMap(s.label().width(), s.label().height(), s.label().data()), part, part + ".tif");
    }
}
