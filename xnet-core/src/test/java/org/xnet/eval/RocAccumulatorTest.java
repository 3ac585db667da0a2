package org.xnet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;

class RocAccumulatorTest {

    /** A 1-row image whose class-c probabilities are {@code scores[c]}. */
    private static ProbabilityMap probs(float[]... scores) {
        int n = scores[0].length;
        float[] data = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(scores[c], 0, data, c * n, n);
        }
        return new ProbabilityMap(n, 1, 3, data);
    }

    private static double naiveAuc(float[] scores, boolean[] positive) {
        double sum = 0;
        long pos = 0;
        long neg = 0;
        for (int i = 0; i < scores.length; i++) {
            if (positive[i]) {
                pos++;
                for (int j = 0; j < scores.length; j++) {
                    if (!positive[j]) {
                        sum += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    }
                }
            } else {
                neg++;
            }
        }
        return sum / (pos * neg);
    }

    @Test
    void handComputedCurveAndAucWithTies() {
        LabelMap truth = new LabelMap(4, 1, new byte[] {1, 1, 0, 2});
        float[] tissue = {0.8f, 0.4f, 0.4f, 0.1f};
        RocAccumulator acc = new RocAccumulator();
        acc.add(truth, probs(new float[4], tissue, new float[4]));
        RocCurve c = acc.curves(1000).get(1);
        // pairs (pos, neg): (0.8,0.4)=1 (0.8,0.1)=1 (0.4,0.4)=1/2 (0.4,0.1)=1
        assertThat(c.auc()).isEqualTo(3.5 / 4);
        assertThat(c.positives()).isEqualTo(2);
        assertThat(c.negatives()).isEqualTo(2);
        assertThat(c.points()).containsExactly(new RocPoint(0, 0, Double.POSITIVE_INFINITY),
                new RocPoint(0, 0.5, 0.8f), new RocPoint(0.5, 1, 0.4f), new RocPoint(1, 1, 0.1f));
    }

    @Test
    void perfectScoresGiveOneAndReversedScoresZero() {
        LabelMap truth = new LabelMap(4, 1, new byte[] {0, 0, 2, 2});
        float[] beam = {0.9f, 0.7f, 0.2f, 0.1f};
        float[] bone = {0.1f, 0.3f, 0.8f, 0.9f};
        RocAccumulator acc = new RocAccumulator();
        acc.add(truth, probs(beam, new float[4], bone));
        List<RocCurve> curves = acc.curves(10);
        assertThat(curves.get(0).auc()).isEqualTo(1.0);
        assertThat(curves.get(2).auc()).isEqualTo(1.0);
        assertThat(curves.get(1).auc()).isNaN(); // no tissue pixel: no positives
        assertThat(curves.get(1).points()).isEmpty();

        RocAccumulator reversed = new RocAccumulator();
        reversed.add(truth, probs(bone, new float[4], beam));
        assertThat(reversed.curves(10).get(0).auc()).isEqualTo(0.0);
    }

    @Test
    void randomScoresGiveOneHalf() {
        SplittableRandom random = new SplittableRandom(42);
        int n = 200_000;
        byte[] labels = new byte[n];
        float[] data = new float[3 * n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) random.nextInt(3);
        }
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble();
        }
        RocAccumulator acc = new RocAccumulator(10);
        acc.add(new LabelMap(n, 1, labels), new ProbabilityMap(n, 1, 3, data));
        for (RocCurve c : acc.curves(1000)) {
            assertThat(c.auc()).isCloseTo(0.5, within(0.01));
            assertThat(c.points().size()).isLessThanOrEqualTo(1000);
            assertThat(c.points().get(c.points().size() - 1)).isEqualTo(new RocPoint(1, 1, c.points()
                    .get(c.points().size() - 1).threshold()));
        }
    }

    @Property(tries = 200, seed = "20261126")
    void aucAgreesWithNaivePairwiseCount(@ForAll @IntRange(min = 1, max = 60) int n,
                                         @ForAll @IntRange(min = 1, max = 8) int distinctScores,
                                         @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] labels = new byte[n];
        float[] data = new float[3 * n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) random.nextInt(3);
        }
        for (int i = 0; i < data.length; i++) {
            // few distinct values force ties; sometimes arbitrary floats
            data[i] = distinctScores == 8 ? (float) random.nextDouble() : random.nextInt(distinctScores) / 7f;
        }
        RocAccumulator acc = new RocAccumulator(1);
        // split into two images to exercise growth
        int first = Math.max(1, n / 2);
        addRow(acc, labels, data, n, 0, first);
        if (first < n) {
            addRow(acc, labels, data, n, first, n);
        }
        List<RocCurve> curves = acc.curves(5);
        for (int c = 0; c < 3; c++) {
            float[] scores = Arrays.copyOfRange(data, c * n, (c + 1) * n);
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                positive[i] = labels[i] == c;
            }
            double expected = naiveAuc(scores, positive);
            if (Double.isNaN(expected)) {
                assertThat(curves.get(c).auc()).isNaN();
            } else {
                assertThat(curves.get(c).auc()).isCloseTo(expected, within(1e-12));
                assertThat(curves.get(c).points().size()).isLessThanOrEqualTo(5);
            }
        }
    }

    private static void addRow(RocAccumulator acc, byte[] labels, float[] data, int n, int from, int to) {
        int m = to - from;
        float[] part = new float[3 * m];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(data, c * n + from, part, c * m, m);
        }
        acc.add(new LabelMap(m, 1, Arrays.copyOfRange(labels, from, to)), new ProbabilityMap(m, 1, 3, part));
    }

    @Test
    void radixSortAgreesWithArraysSort() {
        SplittableRandom random = new SplittableRandom(7);
        int[] a = new int[100_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextInt(Integer.MAX_VALUE);
        }
        int[] expected = a.clone();
        Arrays.sort(expected);
        assertThat(RocAccumulator.radixSort(a, new int[a.length], a.length)).isEqualTo(expected);

        // probability keys: few large buckets (values near 1 and near 0), many ties, a short prefix sorted
        int[] keys = new int[200_000];
        for (int i = 0; i < keys.length; i++) {
            float p = random.nextInt(4) == 0 ? 1f - (float) random.nextDouble() * 1e-3f
                    : (float) Math.pow(random.nextDouble(), 8);
            keys[i] = Float.floatToRawIntBits(random.nextInt(10) == 0 ? 0.5f : p) << 1 | random.nextInt(2);
        }
        for (int n : new int[] {0, 1, 63, 1000, keys.length}) {
            int[] prefix = Arrays.copyOf(keys, n);
            Arrays.sort(prefix);
            int[] sorted = RocAccumulator.radixSort(keys.clone(), new int[keys.length], n);
            assertThat(Arrays.copyOf(sorted, n)).as("first %d keys", n).isEqualTo(prefix);
        }
    }

    @Test
    void probabilitiesOutsideTheUnitIntervalAreRejectedWithTheirPlace() {
        RocAccumulator acc = new RocAccumulator();
        LabelMap truth = new LabelMap(2, 1, new byte[] {0, 1});
        assertThatThrownBy(() -> acc.add(truth, probs(new float[] {0, 0}, new float[] {0, Float.NaN},
                new float[] {0, 0}))).hasMessageContaining("class 1 at pixel 1 is NaN");
        assertThatThrownBy(() -> acc.add(truth, probs(new float[] {1.5f, 0}, new float[2], new float[2])))
                .hasMessageContaining("1.5");
    }
}
