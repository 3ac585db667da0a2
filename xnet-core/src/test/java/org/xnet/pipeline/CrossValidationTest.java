package org.xnet.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Dataset;
import org.xnet.core.Progress;
import org.xnet.core.Sample;
import org.xnet.core.XNetException;
import org.xnet.eval.Spread;
import org.xnet.infer.EnsembleManifest;
import org.xnet.io.DatasetFile;
import org.xnet.model.RuntimeRequest;
import org.xnet.testutil.PhantomData;
import org.xnet.train.RunFolder;
import org.xnet.train.TrainConfig;
import org.xnet.train.TrainingListener;

/**
 * Cross-validation on tiny phantoms: four "volumes" of three views for the folds and a fifth in the test
 * split; a tiny XNet trained two epochs per fold. Slow (about 80 s on a loaded 2-core machine): it trains
 * eight fold models.
 */
@org.junit.jupiter.api.Tag("slow")
class CrossValidationTest {
    @TempDir
    static Path shared;
    static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeDataset() throws XNetException {
        Dataset phantoms = PhantomData.dataset(16, 12, 0, 2, 3);
        List<Sample> pool = new ArrayList<>();
        for (int i = 0; i < phantoms.train().size(); i++) {
            Sample s = phantoms.train().get(i);
            String part = i < 6 ? "head" : "knee";   // two volumes per body part
            pool.add(new Sample(s.image(), s.label(), part, part + "/" + part + "_vol" + i / 3 + "_v00" + i % 3 + ".tif"));
        }
        List<Sample> test = phantoms.test().stream().map(s -> new Sample(s.image(), s.label(), "chest",
                "chest/chest_other_v00" + s.source().charAt(s.source().length() - 1) + ".tif")).toList();
        // the folds pool train and validation: put one volume in each, as prepare's split would
        data = shared.resolve("cv.h5");
        DatasetFile.write(new Dataset(pool.subList(0, 9), pool.subList(9, 12), test, 16, 1, 0), data);
    }

    static TrainConfig tiny() {
        return TrainConfig.defaults().with(Map.of("name", "tiny", "filters", List.of(4, 8, 8, 16), "batch_size", 2,
                "no_epochs", 2, "lrate", 0.02, "optimizer", "adam", "augmentation", "none", "seed", 9));
    }

    static CrossValidation.Request request(Path out, TrainConfig config, List<TrainingListener> listeners) {
        return new CrossValidation.Request(data, out, config, FoldPlan.GroupBy.VOLUME, 0, 1, 0.05, RuntimeRequest.AUTO,
                listeners);
    }

    @Test
    void aStoppedCrossValidationContinuesToTheReportOfAnUninterruptedOne() throws Exception {
        CrossvalReport straight = CrossValidation.run(request(dir.resolve("straight"), tiny(), List.of()), Progress.NONE,
                new AtomicBoolean()).orElseThrow();
        assertThat(straight.folds()).hasSize(4);
        for (CrossvalReport.Fold f : straight.folds()) {
            assertThat(f.heldOut()).hasSize(1);
            assertThat(f.images()).containsExactly(6, 3, 3);
            assertThat(f.validation()).doesNotContainAnyElementsOf(f.heldOut());
            assertThat(f.scores()).containsKeys(CrossvalReport.PLAIN, CrossvalReport.TUNED + CrossvalReport.WITH_TTA);
        }
        assertThat(straight.folds().stream().map(f -> f.heldOut().get(0)).toList())
                .containsExactly("head_vol0", "head_vol1", "knee_vol2", "knee_vol3");
        // mean ± sd of a row is that of the folds' values
        List<Double> accuracies = straight.folds().stream().map(f -> f.scores().get(CrossvalReport.PLAIN).accuracy()).toList();
        assertThat(straight.meanSd().get(CrossvalReport.PLAIN).get("accuracy")).isEqualTo(Spread.of(accuracies));
        assertThat(straight.test().groups()).containsExactly("chest_other");
        assertThat(straight.test().sharesGroupsWithFolds()).isFalse();
        assertThat(straight.test().scores()).containsKeys("ensemble: " + CrossvalReport.PLAIN,
                "ensemble + TTA: " + CrossvalReport.TUNED, "fold 4 model: " + CrossvalReport.PLAIN);
        EnsembleManifest manifest = EnsembleManifest.parse(Files.readAllBytes(dir.resolve("straight/ensemble.json")),
                dir.resolve("straight/ensemble.json"));
        assertThat(manifest.members()).extracting(EnsembleManifest.Member::file).containsExactly(
                "fold-1/train/tiny.xnet", "fold-2/train/tiny.xnet", "fold-3/train/tiny.xnet", "fold-4/train/tiny.xnet");
        // the ensemble records the tuning pooled over the four validation folds, without and with TTA
        assertThat(manifest.postProcessing().tunedOn()).hasSize(4).allMatch(s -> s.contains("validation: "));
        assertThat(manifest.postProcessing().withTta().reason()).isEqualTo(straight.pooledTta().reason());
        for (CrossvalReport.Fold f : straight.folds()) {
            assertThat(dir.resolve("straight/fold-" + f.fold()).resolve(CrossValidation.TUNING_TTA)).exists();
            // a fold that tuned none scores its "tuned" row as the argmax
            if (Double.isNaN(f.tuned().threshold())) {
                assertThat(f.scores().get(CrossvalReport.TUNED)).isEqualTo(f.scores().get(CrossvalReport.PLAIN));
            }
        }

        // stop in the second fold's training, as Ctrl-C does
        Path out = dir.resolve("resumed");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger trainings = new AtomicInteger();
        TrainingListener stopInFold2 = new TrainingListener() {
            @Override
            public void onTrainingStart(List<org.xnet.train.EpochRow> rows) {
                trainings.incrementAndGet();
            }

            @Override
            public void onStep(Step step) {
                if (trainings.get() == 2) {
                    stop.set(true);
                }
            }
        };
        Optional<CrossvalReport> stopped = CrossValidation.run(request(out, tiny(), List.of(stopInFold2)), Progress.NONE, stop);
        assertThat(stopped).isEmpty();
        assertThat(new RunFolder(out.resolve("fold-1/train")).isFinished()).isTrue();
        assertThat(new RunFolder(out.resolve("fold-2/train")).hasCheckpoint()).isTrue();
        assertThat(new RunFolder(out.resolve("fold-2/train")).isFinished()).isFalse();
        assertThat(out.resolve(CrossValidation.REPORT_JSON)).doesNotExist();
        byte[] fold1Model = Files.readAllBytes(out.resolve("fold-1/train/tiny.xnet"));
        String fold1Results = Files.readString(out.resolve("fold-1/heldout/results.json"));

        CrossvalReport resumed = CrossValidation.run(request(out, tiny(), List.of()), Progress.NONE, new AtomicBoolean())
                .orElseThrow();
        assertThat(Files.readAllBytes(out.resolve("fold-1/train/tiny.xnet"))).isEqualTo(fold1Model);
        assertThat(Files.readString(out.resolve("fold-1/heldout/results.json"))).isEqualTo(fold1Results);
        assertThat(resumed.folds()).isEqualTo(straight.folds());
        assertThat(resumed.meanSd()).isEqualTo(straight.meanSd());
        assertThat(resumed.test()).isEqualTo(straight.test());
        assertThat(out.resolve(CrossValidation.REPORT_MD)).content().contains("| head_vol0 | argmax |");

        // the same folder with another training config is refused before anything is trained
        assertThatThrownBy(() -> CrossValidation.run(request(out, tiny().with(Map.of("lrate", 0.5)), List.of()),
                Progress.NONE, new AtomicBoolean())).isInstanceOf(XNetException.class)
                .hasMessageContaining(CrossValidation.PLAN).hasMessageContaining("lrate");
    }
}
