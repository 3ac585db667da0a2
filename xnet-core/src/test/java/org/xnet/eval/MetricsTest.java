package org.xnet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;

class MetricsTest {
    private static final double EPS = 1e-12;

    /** rows truth, columns prediction; hand-computed values below. */
    private static final long[][] COUNTS = {{5, 1, 0}, {2, 6, 2}, {0, 1, 3}};

    @Test
    void confusionMatrixCountsPixelsByTruthAndPrediction() {
        LabelMap truth = new LabelMap(2, 2, new byte[] {0, 1, 2, 1});
        LabelMap pred = new LabelMap(2, 2, new byte[] {0, 2, 2, 1});
        ConfusionMatrix m = ConfusionMatrix.of(truth, pred);
        assertThat(m.toArray()).isEqualTo(new long[][] {{1, 0, 0}, {0, 1, 1}, {0, 0, 1}});
        assertThat(m.merge(m.copy()).total()).isEqualTo(8);
        assertThat(m.count(1, 2)).isEqualTo(2);
    }

    @Test
    void mismatchedSizesAreRejectedWithBothSizes() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new LabelMap(2, 3), new LabelMap(3, 2)))
                .hasMessageContaining("2x3 vs 3x2");
    }

    @Test
    void handComputedMetrics() {
        Metrics m = Metrics.of(ConfusionMatrix.of(COUNTS));
        assertThat(m.pixels()).isEqualTo(20);
        assertThat(m.accuracy()).isCloseTo(14.0 / 20, within(EPS));
        ClassMetrics beam = m.of(SegClass.OPEN_BEAM);
        assertThat(beam.precision()).isCloseTo(5.0 / 7, within(EPS));
        assertThat(beam.recall()).isCloseTo(5.0 / 6, within(EPS));
        assertThat(beam.f1()).isCloseTo(10.0 / 13, within(EPS));
        assertThat(beam.iou()).isCloseTo(5.0 / 8, within(EPS));
        ClassMetrics tissue = m.of(SegClass.SOFT_TISSUE);
        assertThat(tissue.precision()).isCloseTo(6.0 / 8, within(EPS));
        assertThat(tissue.recall()).isCloseTo(6.0 / 10, within(EPS));
        assertThat(tissue.f1()).isCloseTo(12.0 / 18, within(EPS));
        assertThat(tissue.iou()).isCloseTo(6.0 / 12, within(EPS));
        assertThat(tissue.support()).isEqualTo(10);
        assertThat(tissue.predicted()).isEqualTo(8);
        ClassMetrics bone = m.of(SegClass.BONE);
        assertThat(bone.precision()).isCloseTo(3.0 / 5, within(EPS));
        assertThat(bone.recall()).isCloseTo(3.0 / 4, within(EPS));
        assertThat(bone.iou()).isCloseTo(3.0 / 6, within(EPS));
        assertThat(m.macroPrecision()).isCloseTo((5.0 / 7 + 0.75 + 0.6) / 3, within(EPS));
        assertThat(m.macroIou()).isCloseTo((5.0 / 8 + 0.5 + 0.5) / 3, within(EPS));
        // the original's tpfp(): TP over true tissue, FP (beam + bone as tissue) over tissue predictions
        assertThat(m.tissueTruePositiveRate()).isCloseTo(6.0 / 10, within(EPS));
        assertThat(m.tissueFalsePositiveRate()).isCloseTo(2.0 / 8, within(EPS));
    }

    @Test
    void f1EqualsDiceAndBothEqualTheHarmonicMeanOfPrecisionAndRecall() {
        for (ClassMetrics c : Metrics.of(ConfusionMatrix.of(COUNTS)).perClass()) {
            assertThat(c.f1()).isEqualTo(c.dice());
            assertThat(c.f1()).isCloseTo(2 * c.precision() * c.recall() / (c.precision() + c.recall()), within(EPS));
        }
    }

    @Test
    void absentClassGivesNaNAndIsLeftOutOfMacroAverages() {
        Metrics m = Metrics.of(ConfusionMatrix.of(new long[][] {{3, 1, 0}, {1, 5, 0}, {0, 0, 0}}));
        ClassMetrics bone = m.of(SegClass.BONE);
        assertThat(bone.precision()).isNaN();
        assertThat(bone.recall()).isNaN();
        assertThat(bone.f1()).isNaN();
        assertThat(m.macroRecall()).isCloseTo((3.0 / 4 + 5.0 / 6) / 2, within(EPS));
    }

    @Test
    void noTissuePredictionsGivesNaNFalsePositiveRate() {
        Metrics m = Metrics.of(ConfusionMatrix.of(new long[][] {{3, 0, 0}, {1, 0, 1}, {0, 0, 2}}));
        assertThat(m.tissueFalsePositiveRate()).isNaN();
        assertThat(m.tissueTruePositiveRate()).isEqualTo(0.0);
        assertThat(Metrics.of(new ConfusionMatrix()).accuracy()).isNaN();
    }

    @Test
    void normalisedConfusionRowsSumToOne() {
        double[][] n = ConfusionMatrix.of(COUNTS).normalisedByTruth();
        assertThat(n[1]).containsExactly(0.2, 0.6, 0.2);
        assertThat(n[0][0] + n[0][1] + n[0][2]).isCloseTo(1.0, within(EPS));
    }

    @Test
    void metricsEqualityFollowsTheCounts() {
        assertThat(Metrics.of(ConfusionMatrix.of(COUNTS))).isEqualTo(Metrics.of(ConfusionMatrix.of(COUNTS)));
        assertThatThrownBy(() -> ConfusionMatrix.of(new long[][] {{1, 2, 3}, {1, 2, 3}}))
                .hasMessageContaining("expected 3 rows, got 2");
    }
}
