package org.xnet.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.xnet.core.Image2D;
import org.xnet.core.InvalidSetting;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;

/** Folds never split a group, every sample lands in exactly one part, and the plan depends only on its inputs. */
class FoldPlanTest {
    @Property(tries = 200)
    void noVolumeIsOnTwoSidesOfAFold(@ForAll @IntRange(min = 3, max = 9) int volumes,
                                     @ForAll @IntRange(min = 0, max = 9) int kWanted,
                                     @ForAll @IntRange(min = 1, max = 7) int maxViews, @ForAll long seed) {
        List<Sample> samples = new ArrayList<>();
        java.util.Random r = new java.util.Random(seed);
        for (int v = 0; v < volumes; v++) {
            int views = 1 + r.nextInt(maxViews);
            for (int i = 0; i < views; i++) {
                // two volumes share a body part: grouping by volume must still keep them apart
                samples.add(sample("part" + v / 2, String.format("part%d/part%d_vol-%d_v%03d.tif", v / 2, v / 2, v, i)));
            }
        }
        int k = kWanted == 0 ? 0 : Math.min(Math.max(kWanted, 3), volumes);
        FoldPlan plan = FoldPlan.of(FoldPlan.groupSizes(samples, FoldPlan.GroupBy.VOLUME), FoldPlan.GroupBy.VOLUME, k, seed);
        assertThat(plan.size()).isEqualTo(k == 0 ? volumes : k);
        assertThat(plan.folds().stream().flatMap(List::stream).toList()).hasSize(volumes).doesNotHaveDuplicates();
        assertThat(plan.folds()).allSatisfy(f -> assertThat(f).isNotEmpty());
        for (int i = 0; i < plan.size(); i++) {
            FoldPlan.Parts parts = plan.parts(i, samples);
            Set<String> train = volumes(parts.train());
            Set<String> validation = volumes(parts.validation());
            Set<String> test = volumes(parts.test());
            assertThat(train).doesNotContainAnyElementsOf(validation).doesNotContainAnyElementsOf(test);
            assertThat(validation).doesNotContainAnyElementsOf(test).isNotEmpty();
            assertThat(test).containsExactlyInAnyOrderElementsOf(plan.folds().get(i));
            assertThat(parts.train().size() + parts.validation().size() + parts.test().size()).isEqualTo(samples.size());
        }
        assertThat(FoldPlan.of(FoldPlan.groupSizes(samples, FoldPlan.GroupBy.VOLUME), FoldPlan.GroupBy.VOLUME, k, seed))
                .isEqualTo(plan);
    }

    @Test
    void leaveOneOutTakesTheGroupsInNameOrderAndValidatesOnTheNext() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("torso", 3);
        sizes.put("chest", 5);
        sizes.put("head", 2);
        FoldPlan plan = FoldPlan.of(sizes, FoldPlan.GroupBy.VOLUME, 0, 7);
        assertThat(plan.folds()).containsExactly(List.of("chest"), List.of("head"), List.of("torso"));
        assertThat(plan.validationFold(0)).isEqualTo(1);
        assertThat(plan.validationFold(2)).isEqualTo(0);
    }

    @Test
    void fewerFoldsThanGroupsBalanceTheSamplesLargestFirst() {
        Map<String, Integer> sizes = Map.of("a", 10, "b", 9, "c", 2, "d", 1, "e", 1, "f", 8);
        FoldPlan plan = FoldPlan.of(sizes, FoldPlan.GroupBy.VOLUME, 3, 1);
        // largest first to the lightest fold: a, b, f to folds 1-3 (10, 9, 8); c to fold 3 (10); the first of the
        // two 1s (shuffled) to fold 2 (10), the other to fold 1 (lowest index of three at 10)
        assertThat(plan.folds().get(2)).containsExactly("c", "f");
        assertThat(plan.folds().get(0)).hasSize(2).contains("a");
        assertThat(plan.folds().get(1)).hasSize(2).contains("b");
        assertThat(List.of(plan.folds().get(0).get(1), plan.folds().get(1).get(1))).containsExactlyInAnyOrder("d", "e");
    }

    @Test
    void tooFewOrTooManyFoldsAreRefusedNamingTheCount() {
        Map<String, Integer> sizes = Map.of("a", 1, "b", 1, "c", 1);
        assertThatThrownBy(() -> FoldPlan.of(sizes, FoldPlan.GroupBy.VOLUME, 4, 1)).isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("3 volumes").hasMessageContaining("got 4");
        assertThatThrownBy(() -> FoldPlan.of(Map.of("a", 1, "b", 1), FoldPlan.GroupBy.BODY_PART, 0, 1))
                .isInstanceOf(InvalidSetting.class).hasMessageContaining("2 body-parts");
    }

    @Test
    void theVolumeOfASynthViewDropsFolderExtensionAndViewNumber() {
        assertThat(FoldPlan.volumeOf("chest/chest_itkelastix-chest_v003.tif")).isEqualTo("chest_itkelastix-chest");
        assertThat(FoldPlan.volumeOf("a\\b\\hand_left_v12.png")).isEqualTo("hand_left");
        assertThat(FoldPlan.volumeOf("knee2.tif")).isEqualTo("knee2");
        assertThat(FoldPlan.GroupBy.BODY_PART.groupOf(sample("knee", "x/knee_a_v001.tif"))).isEqualTo("knee");
        assertThat(FoldPlan.GroupBy.parse("body-part")).isEqualTo(FoldPlan.GroupBy.BODY_PART);
        assertThatThrownBy(() -> FoldPlan.GroupBy.parse("slice")).isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("'slice'");
    }

    private static Set<String> volumes(List<Sample> samples) {
        Set<String> out = new HashSet<>();
        samples.forEach(s -> out.add(FoldPlan.volumeOf(s.source())));
        return out;
    }

    private static Sample sample(String part, String source) {
        return new Sample(new Image2D(1, 1, new float[1]), new LabelMap(1, 1, new byte[1]), part, source);
    }
}
