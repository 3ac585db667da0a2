package org.xnet.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;

class PostProcessingTest {

    /** Four pixels: P(beam), P(tissue), P(bone) per pixel, stored channel-major. */
    private static final ProbabilityMap P = new ProbabilityMap(4, 1, 3, new float[] {
            0.05f, 0.50f, 0.02f, 0.30f,   // beam
            0.95f, 0.45f, 0.92f, 0.40f,   // tissue
            0.00f, 0.05f, 0.06f, 0.30f}); // bone

    @Test
    void noThresholdIsTheArgmaxAndAValidEvaluationThreshold() {
        ProbabilityMap p = new ProbabilityMap(2, 1, 3, new float[] {0.2f, 0.5f, 0.45f, 0.1f, 0.35f, 0.4f});
        assertThat(PostProcessing.thresholdSoftTissue(p, PostProcessing.NO_THRESHOLD).data())
                .containsExactly(p.argmax().data()).containsExactly(1, 0);
        EvaluationConfig config = EvaluationConfig.defaults().withThresholds(java.util.List.of(PostProcessing.NO_THRESHOLD));
        assertThat(config.variantNames()).contains("no threshold (argmax)");
        assertThat(ThresholdTable.uniform(PostProcessing.NO_THRESHOLD).thresholdFor("hand")).isNaN();
    }

    @Test
    void thresholdKeepsTissueOnlyAboveTheThresholdElseTheLikelierOfBeamAndBone() {
        assertThat(PostProcessing.thresholdSoftTissue(P, 0.9).data()).containsExactly(1, 0, 1, 0);
        assertThat(PostProcessing.thresholdSoftTissue(P, 0.93).data()).containsExactly(1, 0, 2, 0);
        // strictly greater: P(tissue) equal to the threshold is not tissue
        assertThat(PostProcessing.thresholdSoftTissue(P, 0.95f).data()).containsExactly(0, 0, 2, 0);
        assertThat(P.argmax().data()).containsExactly(1, 0, 1, 1);
    }

    @Test
    void bodyPartThresholdComesFromTheTable() {
        ThresholdTable table = new ThresholdTable(0.5, Map.of("Hand", 0.99));
        assertThat(PostProcessing.thresholdSoftTissue(P, "hand", table).data()).containsExactly(0, 0, 2, 0);
        assertThat(PostProcessing.thresholdSoftTissue(P, "knee", table).data()).containsExactly(1, 0, 1, 0);
    }

    @Test
    void boneCleanUpRemovesSmallIslandsAsTissueDilatesIntoTissueAndNeverTouchesBeam() {
        int w = 30;
        int h = 16;
        byte[] d = new byte[w * h];
        java.util.Arrays.fill(d, (byte) 1);
        for (int y = 0; y < h; y++) {
            d[y * w + 29] = 0;               // open beam column at the right edge
        }
        fillBone(d, w, 2, 2, 10, 10);        // kept bone block, x 2..11, y 2..11
        fillBone(d, w, 20, 2, 3, 3);         // small island
        LabelMap out = PostProcessing.cleanUpBone(new LabelMap(w, h, d), 10, 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int expected = x == 29 ? 0 : (x >= 1 && x <= 12 && y >= 1 && y <= 12) ? 2 : 1;
                assertThat(out.get(x, y)).as("pixel (%d, %d)", x, y).isEqualTo(expected);
            }
        }
    }

    @Test
    void removedBoneCanBecomeTheMoreLikelyOfBeamAndTissue() {
        // 5x1 map: beam, bone, bone, tissue, beam; no 3-wide run of bone, so an opening by 3 removes it all
        LabelMap labels = new LabelMap(5, 1, new byte[] {0, 2, 2, 1, 0});
        ProbabilityMap p = new ProbabilityMap(5, 1, 3, new float[] {
                0.9f, 0.5f, 0.1f, 0.1f, 0.9f,   // beam
                0.1f, 0.2f, 0.3f, 0.8f, 0.1f,   // tissue
                0.0f, 0.3f, 0.6f, 0.1f, 0.0f}); // bone
        assertThat(PostProcessing.cleanUpBone(labels, 3, 1).data()).containsExactly(0, 1, 1, 1, 0);
        assertThat(PostProcessing.cleanUpBone(labels, p, 3, 1).data()).containsExactly(0, 0, 1, 1, 0);
    }

    @Test
    void dilationStopsAtOpenBeam() {
        int w = 14;
        byte[] d = new byte[w * 12];
        fillBone(d, w, 0, 0, 11, 12);        // bone, then one tissue column, then beam
        for (int y = 0; y < 12; y++) {
            d[y * w + 11] = 1;
        }
        LabelMap out = PostProcessing.cleanUpBone(new LabelMap(w, 12, d), 10, 5);
        for (int y = 0; y < 12; y++) {
            assertThat(out.get(11, y)).isEqualTo(2);
            assertThat(out.get(12, y)).isEqualTo(0);
        }
    }

    private static void fillBone(byte[] d, int w, int x0, int y0, int bw, int bh) {
        for (int y = y0; y < y0 + bh; y++) {
            for (int x = x0; x < x0 + bw; x++) {
                d[y * w + x] = 2;
            }
        }
    }
}
