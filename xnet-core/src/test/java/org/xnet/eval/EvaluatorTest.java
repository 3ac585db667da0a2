package org.xnet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Provenance;
import org.xnet.core.Sample;
import org.xnet.core.XNetException;

class EvaluatorTest {
    private static final Provenance PROV = new Provenance("xnet-java", "test", "2026-11-26T00:00:00Z", 3, "abc",
            Map.of("model", "m.xnet"));

    private final SyntheticEvaluation data = new SyntheticEvaluation(6, 40, 11);
    private final EvaluationResult result = Evaluator.evaluate(data.samples, data.probabilities,
            EvaluationConfig.defaults(), 1234, PROV);

    @Test
    void overallMetricsAreTheMergeOfPerImageMatrices() {
        ConfusionMatrix expected = new ConfusionMatrix();
        for (int i = 0; i < data.samples.size(); i++) {
            expected.add(data.samples.get(i).label(), data.probabilities.get(i).argmax());
        }
        assertThat(result.prediction()).isEqualTo(Metrics.of(expected));
        assertThat(result.images()).hasSize(6);
        assertThat(result.images().get(0).byVariant().keySet())
                .containsExactlyElementsOf(EvaluationConfig.defaults().variantNames());
    }

    @Test
    void parallelEvaluationEqualsAddingTheImagesOneByOne() {
        // more images than one chunk, odd sizes, the probability-based bone rule: every path of addAll
        SyntheticEvaluation many = new SyntheticEvaluation(2 * Evaluator.CHUNK + 7, 23, 29);
        EvaluationConfig config = EvaluationConfig.defaults().withThresholds(List.of(0.6, 0.8, 0.95))
                .withRemovedBone(EvaluationConfig.RemovedBone.MORE_LIKELY);
        Evaluator sequential = new Evaluator(config, 16);
        List<LabelMap> sequentialMaps = new ArrayList<>();
        for (int i = 0; i < many.samples.size(); i++) {
            sequentialMaps.addAll(sequential.add(many.samples.get(i), many.probabilities.get(i)).all());
        }
        EvaluationResult expected = sequential.result(7, PROV);

        EvaluationResult chunked = Evaluator.evaluate(many.samples, many.probabilities, config, 7, PROV);
        Evaluator batch = new Evaluator(config, 16);
        List<LabelMap> batchMaps = new ArrayList<>();
        for (PostProcessed p : batch.addAll(many.samples, many.probabilities)) {
            batchMaps.addAll(p.all());
        }

        for (EvaluationResult actual : List.of(chunked, batch.result(7, PROV))) {
            assertThat(actual).isEqualTo(expected);
            assertThat(actual.roc()).isEqualTo(expected.roc());
            assertThat(actual.images()).isEqualTo(expected.images());
        }
        assertThat(batchMaps).hasSameSizeAs(sequentialMaps);
        for (int i = 0; i < batchMaps.size(); i++) {
            assertThat(batchMaps.get(i).data()).as("map %d", i).isEqualTo(sequentialMaps.get(i).data());
        }
    }

    @Test
    void aBatchWithAnInvalidProbabilityAddsNothing() {
        Evaluator evaluator = new Evaluator(EvaluationConfig.defaults(), 16);
        ProbabilityMap good = data.probabilities.get(0);
        float[] bad = good.data().clone();
        bad[5] = 1.5f;
        List<Sample> two = data.samples.subList(0, 2);
        assertThatThrownBy(() -> evaluator.addAll(two, List.of(good,
                new ProbabilityMap(good.width(), good.height(), 3, bad))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        evaluator.addAll(data.samples, data.probabilities);
        assertThat(evaluator.result(1234, PROV)).isEqualTo(result);
    }

    @Test
    void perBodyPartMatricesSumToTheOverallOne() {
        for (VariantResult v : result.variants()) {
            long[][] sum = new long[3][3];
            for (Metrics m : v.byBodyPart().values()) {
                for (int t = 0; t < 3; t++) {
                    for (int p = 0; p < 3; p++) {
                        sum[t][p] += m.confusion()[t][p];
                    }
                }
            }
            assertThat(sum).isEqualTo(v.overall().confusion());
        }
        assertThat(result.variant("prediction").byBodyPart().keySet())
                .containsExactly("ankle", "foot", "hand", "knee", "skull");
    }

    @Test
    void higherThresholdLowersTheSoftTissueFalsePositiveRate() {
        double fp90 = result.variant("threshold 90 %").overall().tissueFalsePositiveRate();
        double fp99 = result.variant("threshold 99 %").overall().tissueFalsePositiveRate();
        assertThat(fp99).isLessThanOrEqualTo(fp90);
        assertThat(fp90).isLessThan(result.prediction().tissueFalsePositiveRate());
    }

    @Test
    void rocComesFromTheProbabilities() {
        assertThat(result.roc()).hasSize(3);
        for (RocCurve c : result.roc()) {
            assertThat(c.auc()).isBetween(0.5, 1.0);
            assertThat(c.positives() + c.negatives()).isEqualTo(6 * 40 * 40);
        }
    }

    @Test
    void resultsJsonRoundTripAndTextSections(@TempDir Path dir) throws XNetException, java.io.IOException {
        ResultsWriter.write(result, dir.resolve("out"));
        EvaluationResult back = ResultsWriter.read(dir.resolve("out/results.json"));
        assertThat(back.variants()).isEqualTo(result.variants());
        assertThat(back.images()).isEqualTo(result.images());
        assertThat(back.config()).isEqualTo(result.config());
        assertThat(back.provenance()).isEqualTo(PROV);
        assertThat(back.roc().get(1).auc()).isEqualTo(result.roc().get(1).auc());
        assertThat(back.roc().get(1).points()).isEqualTo(result.roc().get(1).points());
        String text = Files.readString(dir.resolve("out/results.txt"));
        assertThat(text).contains("== Overall accuracy ==", "== Per class", "== Soft tissue true / false positives ==",
                "== Threshold 90 % ==", "== Threshold 99 % ==", "Trainable params: 1,234",
                ResultsText.pct(result.prediction().accuracy()));
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("results.json",
                    "results.txt");
        }
    }

    @Test
    void sizeMismatchNamesTheSample() {
        Sample s = data.samples.get(0);
        ProbabilityMap small = new ProbabilityMap(2, 2, 3, new float[12]);
        assertThatThrownBy(() -> new Evaluator(EvaluationConfig.defaults(), 10).add(s, small))
                .hasMessageContaining(s.source()).hasMessageContaining("2x2 vs 40x40");
        assertThatThrownBy(() -> Evaluator.evaluate(List.of(s), List.of(), EvaluationConfig.defaults(), 0, PROV))
                .hasMessageContaining("1 samples but 0 probability maps");
    }

    @Test
    void perfectProbabilitiesGivePerfectMetrics() {
        LabelMap label = data.samples.get(0).label();
        int n = label.width() * label.height();
        float[] p = new float[3 * n];
        for (int i = 0; i < n; i++) {
            p[label.data()[i] * n + i] = 1f;
        }
        EvaluationResult r = Evaluator.evaluate(List.of(data.samples.get(0)),
                List.of(new ProbabilityMap(label.width(), label.height(), 3, p)), EvaluationConfig.defaults(), 0, PROV);
        assertThat(r.prediction().accuracy()).isEqualTo(1.0);
        assertThat(r.prediction().tissueFalsePositiveRate()).isEqualTo(0.0);
        for (RocCurve c : r.roc()) {
            assertThat(c.auc()).isCloseTo(1.0, within(0.0));
        }
    }
}
