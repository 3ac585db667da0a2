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
 * </pre>
 */
class ThresholdTuningTest {
    private static final List<Double> GRID = List.of(0.6, 0.7, 0.8, 0.9);

    @Test
    void theLowestThresholdThatMeetsTheTargetIsChosen() {
        ThresholdTuning tuning = new ThresholdTuning(GRID);
        tuning.add(sample("hand"), probabilities());
        assertThat(tuning.tune(0.0).threshold()).isEqualTo(0.9);
        assertThat(tuning.tune(0.34).threshold()).isEqualTo(0.7);
        assertThat(tuning.tune(0.5).threshold()).isEqualTo(0.6);
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
        assertThat(tuning.tune(0.1).threshold()).isEqualTo(0.7);
        // a knee image whose soft tissue is certain: every threshold reaches 0 %, so the lowest is taken for knee
        tuning.add(new Sample(image(), new LabelMap(2, 2, new byte[] {1, 1, 1, 1}), "knee", "k.tif"),
                new ProbabilityMap(2, 2, 3, new float[] {0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0}));
        ThresholdTuning.Tuned tuned = tuning.tune(0.1);
        assertThat(tuned.bodyPartThresholds().thresholdFor("knee")).isEqualTo(0.6);
        assertThat(tuned.bodyPartThresholds().thresholdFor("hand")).isEqualTo(0.7);
        assertThat(tuned.bodyPartThresholds().thresholdFor("skull")).isEqualTo(tuned.threshold());
    }

    @Test
    void aThresholdThatCallsNoPixelSoftTissueIsNeverChosen() {
        // at 0.96 no pixel is called soft tissue: no false positive, but no soft tissue found either
        ThresholdTuning tuning = new ThresholdTuning(List.of(0.6, 0.7, 0.8, 0.96));
        tuning.add(sample("hand"), probabilities());
        assertThat(tuning.tune(0.0).threshold()).isEqualTo(0.7);
        ThresholdTuning nothing = new ThresholdTuning(List.of(0.96, 0.99));
        nothing.add(sample("hand"), probabilities());
        assertThat(nothing.tune(0.0).threshold()).isEqualTo(0.96);
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
        assertThat(pooled.tune(0.05)).usingRecursiveComparison().isEqualTo(all.tune(0.05));
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
