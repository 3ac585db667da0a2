package org.xnet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;

/**
 * {@link Metrics} from a {@link ConfusionMatrix} agree with a naive reference that counts pixels one class at a
 * time straight from the label maps, on seeded random truths and predictions (skewed class frequencies, so
 * absent classes and NaN ratios occur too).
 */
class MetricsPropertyTest {
    private static final int K = SegClass.COUNT;
    private static final int TISSUE = SegClass.SOFT_TISSUE.index();

    @Property(tries = 300, seed = "20261127")
    void metricsAgreeWithNaivePixelCounting(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int w = 1 + random.nextInt(40);
        int h = 1 + random.nextInt(40);
        double[] frequency = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
        frequency[random.nextInt(K)] *= random.nextInt(3) == 0 ? 0 : 1; // sometimes a class never occurs
        double errorRate = random.nextDouble();
        byte[] truth = new byte[w * h];
        byte[] predicted = new byte[w * h];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = draw(frequency, random);
            predicted[i] = random.nextDouble() < errorRate ? draw(frequency, random) : truth[i];
        }
        Metrics m = Metrics.of(ConfusionMatrix.of(new LabelMap(w, h, truth), new LabelMap(w, h, predicted)));

        assertThat(m.pixels()).isEqualTo(truth.length);
        long correct = 0;
        for (int i = 0; i < truth.length; i++) {
            correct += truth[i] == predicted[i] ? 1 : 0;
        }
        same(m.accuracy(), (double) correct / truth.length, "accuracy");
        double[][] naive = new double[K][];
        for (int c = 0; c < K; c++) {
            naive[c] = naiveClass(truth, predicted, c);
            ClassMetrics cm = m.perClass().get(c);
            same(cm.precision(), naive[c][0], "precision of class " + c);
            same(cm.recall(), naive[c][1], "recall of class " + c);
            same(cm.f1(), naive[c][2], "F1 of class " + c);
            same(cm.iou(), naive[c][3], "IoU of class " + c);
            same(cm.dice(), naive[c][2], "Dice of class " + c);
        }
        same(m.macroPrecision(), naiveMacro(naive, 0), "macro precision");
        same(m.macroRecall(), naiveMacro(naive, 1), "macro recall");
        same(m.macroF1(), naiveMacro(naive, 2), "macro F1");
        same(m.macroIou(), naiveMacro(naive, 3), "macro IoU");
        same(m.macroDice(), naiveMacro(naive, 2), "macro Dice");

        long tissueTruth = 0;
        long tissuePredicted = 0;
        long tissueHit = 0;
        long tissueWrong = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean t = truth[i] == TISSUE;
            boolean p = predicted[i] == TISSUE;
            tissueTruth += t ? 1 : 0;
            tissuePredicted += p ? 1 : 0;
            tissueHit += t && p ? 1 : 0;
            tissueWrong += !t && p ? 1 : 0;
        }
        same(m.tissueTruePositiveRate(), divide(tissueHit, tissueTruth), "tissue TP rate");
        same(m.tissueFalsePositiveRate(), divide(tissueWrong, tissuePredicted), "tissue FP rate");
    }

    private static byte draw(double[] frequency, SplittableRandom random) {
        double total = frequency[0] + frequency[1] + frequency[2];
        double u = random.nextDouble() * total;
        for (int c = 0; c < K - 1; c++) {
            if (u < frequency[c]) {
                return (byte) c;
            }
            u -= frequency[c];
        }
        return (byte) (frequency[K - 1] > 0 ? K - 1 : 0);
    }

    /** precision, recall, F1 (= Dice), IoU of class {@code c}, counting TP, FP and FN pixel by pixel. */
    private static double[] naiveClass(byte[] truth, byte[] predicted, int c) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] == c && truth[i] == c) {
                tp++;
            } else if (predicted[i] == c) {
                fp++;
            } else if (truth[i] == c) {
                fn++;
            }
        }
        double precision = divide(tp, tp + fp);
        double recall = divide(tp, tp + fn);
        double f1 = Double.isNaN(precision) || Double.isNaN(recall) || precision + recall == 0
                ? divide(2 * tp, 2 * tp + fp + fn)
                : 2 * precision * recall / (precision + recall);
        return new double[] {precision, recall, f1, divide(tp, tp + fp + fn)};
    }

    /** The mean of metric {@code index} over the classes where it is defined. */
    private static double naiveMacro(double[][] perClass, int index) {
        double sum = 0;
        int n = 0;
        for (double[] c : perClass) {
            if (!Double.isNaN(c[index])) {
                sum += c[index];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double divide(long num, long den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }

    private static void same(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(actual).as(what).isCloseTo(expected, within(1e-12));
        }
    }
}
