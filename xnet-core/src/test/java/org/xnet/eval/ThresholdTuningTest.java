package org.xnet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Sample;

/**
 * The tuning against counts worked out by hand. Four pixels, truth (tissue, tissue, bone, open beam), soft-tissue
 * probabilities (0.95, 0.75, 0.85, 0.65), the rest of each pixel's probability on its true class when that is not
 * tissue, else on bone:
 * <pre>
 * threshold 0.6: tissue predicted at all 4, 2 wrong: FP rate 2/4 = 50 %
 * threshold 0.7: tissue at pixels 1, 2, 3: 1 wrong (bone pixel): 33 %
 * threshold 0.8: tissue at pixels 1 and 3: 1 wrong: 50 %
 * threshold 0.9: tissue at pixel 1 only: 0 %
 * argmax:        tissue at all 4 (soft tissue is each pixel's largest probability): 50 %, TP rate 100 %
 * </pre>
 * TP rates: 100 % at 0.6 and 0.7, 50 % at 0.8 and 0.9. The tests of the target use a TP tolerance of 1 (no limit).
 */
class ThresholdTuningTest {
    private static final List<Double> GRID = List.of(0.6, 0.7, 0.8, 0.9);

    @Test
    void theLowestThresholdThatMeetsTheTargetIsChosen() {
        ThresholdTuning tuning = new ThresholdTuning(GRID);
        tuning.add(sample("hand"), probabilities());
        assertThat(tuning.tune(0.0, 1).threshold()).isEqualTo(0.9);
        assertThat(tuning.tune(0.34, 1).threshold()).isEqualTo(0.7);
        // 0.6 meets a 50 % target but is no better than the argmax (the same map): not eligible
        assertThat(tuning.tune(0.5, 1).threshold()).isEqualTo(0.7);
        // a 5-point TP tolerance rules out 0.8 and 0.9 (TP 50 %): 0.7 has the lowest rate of the rest
        ThresholdTuning.Tuned tolerant = tuning.tune(0.0);
        assertThat(tolerant.threshold()).isEqualTo(0.7);
        assertThat(tolerant.maxTpLoss()).isEqualTo(ThresholdTuning.DEFAULT_MAX_TP_LOSS);
        assertThat(tolerant.reason()).startsWith("threshold 0.7: no eligible threshold reached the 0.0 % target")
                .contains("argmax: FP 50.0 %, TP 100.0 %").contains("threshold: FP 33.3 %, TP 100.0 %");
        ThresholdTuning.Counts counts = tuning.counts();
        // threshold 0.7: truth tissue -> tissue twice (pixels 1, 2), bone -> tissue once, open beam kept (0.65 < 0.7)
        long[][] at07 = counts.byBodyPart().get("hand").get(1);
        assertThat(at07[1][1]).isEqualTo(2);
        assertThat(at07[2][1]).isEqualTo(1);
        assertThat(at07[0][1]).isZero();
    }

    @Test
    void whenNoThresholdMeetsTheTargetTheLowestRateWinsAndBodyPartsAreTunedApart() {
        ThresholdTuning tuning = new ThresholdTuning(List.of(0.6, 0.7, 0.8));
        tuning.add(sample("hand"), probabilities());
        // 50 %, 33 %, 50 %: none reaches 10 %, 0.7 has the lowest rate
        assertThat(tuning.tune(0.1, 1).threshold()).isEqualTo(0.7);
        // a knee image whose soft tissue is certain: the argmax is already at 0 %, no threshold can lower it
        tuning.add(new Sample(image(), new LabelMap(2, 2, new byte[] {1, 1, 1, 1}), "knee", "k.tif"),
                new ProbabilityMap(2, 2, 3, new float[] {0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0}));
        ThresholdTuning.Tuned tuned = tuning.tune(0.1, 1);
        assertThat(tuned.bodyPartThresholds().thresholdFor("knee")).isNaN();
        assertThat(tuned.bodyPartThresholds().thresholdFor("hand")).isEqualTo(0.7);
        assertThat(tuned.bodyPartThresholds().thresholdFor("skull")).isEqualTo(tuned.threshold());
    }

    @Test
    void aThresholdThatCallsNoPixelSoftTissueIsNeverChosen() {
        // at 0.96 no pixel is called soft tissue: no false positive, but no soft tissue found either
        ThresholdTuning tuning = new ThresholdTuning(List.of(0.6, 0.7, 0.8, 0.96));
        tuning.add(sample("hand"), probabilities());
        assertThat(tuning.tune(0.0, 1).threshold()).isEqualTo(0.7);
        // every threshold calls nothing soft tissue: none of them is eligible, the argmax stays
        ThresholdTuning nothing = new ThresholdTuning(List.of(0.96, 0.99));
        nothing.add(sample("hand"), probabilities());
        assertThat(nothing.tune(0.0, 1).threshold()).isNaN();
    }

    /**
     * A model wrong with confidence: its true soft tissue (pixels 1, 2) has P(tissue) 0.45, the largest of
     * the pixel's three, its false soft tissue (open beam pixel 4) 0.99. Argmax: tissue at 1, 2, 4, FP rate
     * 1/3, TP rate 100 %. Any threshold of 0.5 or more keeps only pixel 4: FP rate 100 %, TP rate 0. Every
     * threshold is worse, so the tuning chooses none, whatever the target and tolerance.
     */
    @Test
    void whenEveryThresholdIsWorseThanTheArgmaxNoneIsChosen() {
        ThresholdTuning tuning = new ThresholdTuning(ThresholdTuning.DEFAULT_GRID);
        tuning.add(new Sample(image(), new LabelMap(2, 2, new byte[] {1, 1, 2, 0}), "hand", "h.tif"),
                new ProbabilityMap(2, 2, 3, new float[] {
                    0.3f, 0.3f, 0, 0.01f,
                    0.45f, 0.45f, 0.1f, 0.99f,
                    0.25f, 0.25f, 0.9f, 0}));
        for (double tolerance : new double[] {0, ThresholdTuning.DEFAULT_MAX_TP_LOSS, 1}) {
            ThresholdTuning.Tuned tuned = tuning.tune(0.01, tolerance);
            assertThat(tuned.threshold()).isNaN();
            assertThat(tuned.thresholded()).isFalse();
            assertThat(tuned.bodyPartThresholds().thresholdFor("hand")).isNaN();
            assertThat(tuned.bodyPartThresholds().thresholdFor("foot")).isNaN();
        }
        assertThat(tuning.tune(0.01).reason()).startsWith("none (argmax)").contains("argmax: FP 33.3 %, TP 100.0 %");
        TunedPostProcessing.Choice choice = TunedPostProcessing.Choice.of(tuning.tune(0.01));
        assertThat(choice.threshold()).isNull();
        assertThat(choice.describe()).isEqualTo("none (argmax), no bone clean-up");
    }

    /**
     * The opposite model: true soft tissue (pixels 1, 2) at P(tissue) 0.95, false soft tissue (bone pixel 3)
     * at 0.55. Argmax: FP rate 1/3; threshold 0.6 removes the false call and keeps both true ones (FP 0, TP
     * 100 %): it is the lowest threshold reaching a 1 % target. The tuning of the TTA probabilities is the
     * same code, so crossval can tune both.
     */
    @Test
    void aThresholdThatRemovesOnlyWrongCallsIsChosen() {
        ThresholdTuning tuning = new ThresholdTuning(ThresholdTuning.DEFAULT_GRID);
        tuning.add(new Sample(image(), new LabelMap(2, 2, new byte[] {1, 1, 2, 0}), "hand", "h.tif"),
                new ProbabilityMap(2, 2, 3, new float[] {
                    0, 0, 0, 0.9f,
                    0.95f, 0.95f, 0.55f, 0.1f,
                    0.05f, 0.05f, 0.45f, 0}));
        ThresholdTuning.Tuned tuned = tuning.tune(0.01);
        assertThat(tuned.threshold()).isEqualTo(0.6);
        assertThat(tuned.reason()).startsWith("threshold 0.6: the lowest eligible threshold reaching the 1.0 % target");
        assertThat(TunedPostProcessing.Choice.of(tuned).threshold()).isEqualTo(0.6);
    }

    @Test
    void mergedCountsEqualAddingEveryImageToOneTuning() {
        Random r = new Random(5);
        ThresholdTuning all = new ThresholdTuning(ThresholdTuning.DEFAULT_GRID);
        ThresholdTuning a = new ThresholdTuning(ThresholdTuning.DEFAULT_GRID);
        ThresholdTuning b = new ThresholdTuning(ThresholdTuning.DEFAULT_GRID);
        for (int i = 0; i < 6; i++) {
            Sample s = randomSample(r, i % 2 == 0 ? "hand" : "foot");
            ProbabilityMap p = randomProbabilities(r);
            all.add(s, p);
            (i < 3 ? a : b).add(s, p);
        }
        ThresholdTuning pooled = new ThresholdTuning(ThresholdTuning.DEFAULT_GRID);
        pooled.merge(a.counts());
        pooled.merge(b.counts());
        assertThat(pooled.counts().byBodyPart()).usingRecursiveComparison().isEqualTo(all.counts().byBodyPart());
        assertThat(pooled.counts().argmaxByBodyPart()).usingRecursiveComparison()
                .isEqualTo(all.counts().argmaxByBodyPart());
        ThresholdTuning.Tuned merged = pooled.tune(0.05, 1);
        ThresholdTuning.Tuned whole = all.tune(0.05, 1);
        assertThat(Double.valueOf(merged.threshold())).isEqualTo(whole.threshold());
        assertThat(merged.bodyPartThresholds()).isEqualTo(whole.bodyPartThresholds());
        assertThat(merged.reason()).isEqualTo(whole.reason());
    }

    @Test
    void aGridThatIsNotIncreasingOrNoImageIsRefused() {
        assertThatThrownBy(() -> new ThresholdTuning(List.of(0.9, 0.8))).hasMessageContaining("increasing");
        assertThatThrownBy(() -> new ThresholdTuning(List.of(0.5, 1.0))).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new ThresholdTuning(GRID).tune(0.01)).isInstanceOf(IllegalStateException.class);
    }

    private static Sample sample(String part) {
        return new Sample(image(), new LabelMap(2, 2, new byte[] {1, 1, 2, 0}), part, part + ".tif");
    }

    private static Image2D image() {
        return new Image2D(2, 2, new float[4]);
    }

    /** Channel-major: open beam, soft tissue, bone for the four pixels. */
    private static ProbabilityMap probabilities() {
        return new ProbabilityMap(2, 2, 3, new float[] {
            0, 0, 0, 0.35f,
            0.95f, 0.75f, 0.85f, 0.65f,
            0.05f, 0.25f, 0.15f, 0});
    }

    private static Sample randomSample(Random r, String part) {
        byte[] labels = new byte[64];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) r.nextInt(3);
        }
        return new Sample(new Image2D(8, 8, new float[64]), new LabelMap(8, 8, labels), part, part + r.nextInt());
    }

    private static ProbabilityMap randomProbabilities(Random r) {
        float[] d = new float[3 * 64];
        for (int i = 0; i < 64; i++) {
            float a = r.nextFloat();
            float b = r.nextFloat() * (1 - a);
            d[i] = a;
            d[64 + i] = 1 - a - b;
            d[128 + i] = b;
        }
        return new ProbabilityMap(8, 8, 3, d);
    }
}
