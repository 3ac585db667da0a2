package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.ResultsWriter;
import org.xnet.eval.TunedPostProcessing;
import org.xnet.infer.EnsembleManifest;
import org.xnet.io.DatasetFile;
import org.xnet.testutil.PhantomData;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelSpec;

/**
 * {@code xnet crossval}'s usage errors, and an ensemble folder as {@code --model} of evaluate and predict (the
 * cross-validation itself is {@code pipeline.CrossValidationTest}).
 */
class CrossvalCommandTest {
    private static final int SIZE = 16;

    @TempDir
    static Path dir;
    static Path data;
    static Path ensemble;

    @BeforeAll
    static void ensembleAndDataset() throws Exception {
        ensemble = Files.createDirectories(dir.resolve("cv"));
        List<Path> members = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path m = Files.createDirectories(ensemble.resolve("fold-" + (i + 1))).resolve("m.xnet");
            ModelFile.writeUntrained(m, ModelSpec.xnet().withFilters(2, 4, 4, 8), SIZE, 3 + i);
            members.add(m);
        }
        EnsembleManifest.write(ensemble.resolve(EnsembleManifest.FILE), members);
        Random r = new Random(5);
        data = dir.resolve("data.h5");
        DatasetFile.write(new Dataset(PhantomData.noise(r, 3, SIZE, "hand", i -> "hand_v00" + i + ".tif"),
                PhantomData.noise(r, 2, SIZE, "knee", i -> "knee_v00" + i + ".tif"),
                PhantomData.noise(r, 2, SIZE, "foot", i -> "foot_v00" + i + ".tif"), SIZE, 1, 0), data);
    }

    @Test
    void evaluateAndPredictTakeAnEnsembleFolder() throws Exception {
        Path out = dir.resolve("eval");
        CliRun run = CliRun.of("evaluate", "--model", ensemble.toString(), "--data", data.toString(), "--out",
                out.toString(), "--tta", "--report-images", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        EvaluationResult result = ResultsWriter.read(out.resolve(ResultsWriter.JSON));
        assertThat(result.provenance().details()).containsEntry("ensemble_members", "2").containsEntry("tta", "true")
                .containsEntry("model", ensemble.resolve(EnsembleManifest.FILE).toString());
        try (org.xnet.infer.Segmenter one = org.xnet.infer.Segmenter.load(ensemble.resolve("fold-1/m.xnet"))) {
            assertThat(result.trainableParameters()).isEqualTo(2 * one.trainableParameters());
        }
        Path image = dir.resolve("in.png");
        org.xnet.io.ImageWriters.writePng8(new Image2D(20, 12, new float[240]), image);
        CliRun predict = CliRun.of("predict", "--model", ensemble.toString(), image.toString(), "--out",
                dir.resolve("masks").toString(), "--tta");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(Files.readString(dir.resolve("masks/run.json"))).contains(EnsembleManifest.FILE);
    }

    @Test
    void predictAndEvaluateApplyTheTunedPostProcessingUnlessAThresholdOrDilationIsGiven() throws Exception {
        Path manifest = ensemble.resolve("tuned.json");
        EnsembleManifest.write(manifest, List.of(ensemble.resolve("fold-1/m.xnet"), ensemble.resolve("fold-2/m.xnet")),
                new TunedPostProcessing("rule", 0.01, 0.05, List.of("fold 1 validation: knee"),
                        new TunedPostProcessing.Choice(0.6, 0, "why"), new TunedPostProcessing.Choice(null, 0, "why")));
        Path image = dir.resolve("tuned-in.png");
        org.xnet.io.ImageWriters.writePng8(new Image2D(20, 12, new float[240]), image);
        Map<String, String> outputs = new java.util.LinkedHashMap<>();
        for (List<String> extra : List.of(List.<String>of(), List.of("--tta"), List.of("--threshold", "none"),
                List.of("--threshold", "0.8"), List.of("--dilate", "0"))) {
            Path out = dir.resolve("tuned-masks-" + outputs.size());
            List<String> args = new ArrayList<>(List.of("predict", "--model", manifest.toString(), image.toString(),
                    "--out", out.toString()));
            args.addAll(extra);
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.err()).isZero();
            outputs.put(String.join(" ", extra), Files.readString(out.resolve("run.json")));
            assertThat(run.out().contains("post-processing tuned by xnet crossval")).as(extra.toString())
                    .isEqualTo(extra.isEmpty() || extra.equals(List.of("--tta")));
        }
        assertThat(outputs.get("")).contains("threshold=0.6 dilate=0");
        assertThat(outputs.get("--tta")).contains("threshold=null dilate=0");
        assertThat(outputs.get("--threshold none")).contains("threshold=null dilate=0");
        assertThat(outputs.get("--threshold 0.8")).contains("threshold=0.8 dilate=0");
        assertThat(outputs.get("--dilate 0")).contains("threshold=null dilate=0");
        CliRun bad = CliRun.of("predict", "--model", manifest.toString(), image.toString(), "--out",
                dir.resolve("bad").toString(), "--threshold", "high");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--threshold").contains("none, got high");

        Path tunedEval = dir.resolve("tuned-eval");
        CliRun evaluate = CliRun.of("evaluate", "--model", manifest.toString(), "--data", data.toString(), "--out",
                tunedEval.toString(), "--report-images", "0");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("post-processing tuned by xnet crossval: threshold 0.6");
        assertThat(ResultsWriter.read(tunedEval.resolve(ResultsWriter.JSON)).config().thresholds()).containsExactly(0.6);
        Path given = dir.resolve("given-eval");
        CliRun explicit = CliRun.of("evaluate", "--model", manifest.toString(), "--data", data.toString(), "--out",
                given.toString(), "--report-images", "0", "--threshold", "0.9", "0.99");
        assertThat(explicit.exitCode()).as(explicit.err()).isZero();
        assertThat(explicit.out()).doesNotContain("tuned by xnet crossval");
        assertThat(ResultsWriter.read(given.resolve(ResultsWriter.JSON)).config().thresholds()).containsExactly(0.9, 0.99);
    }

    @Test
    void badFoldCountsAndGroupingsAreUsageErrorsNamingTheOption() {
        CliRun two = CliRun.of("crossval", "--data", data.toString(), "--out", dir.resolve("x").toString(), "--folds", "2");
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("--folds").contains("got 2");
        CliRun many = CliRun.of("crossval", "--data", data.toString(), "--out", dir.resolve("y").toString(), "--folds", "9");
        assertThat(many.exitCode()).isEqualTo(2);
        assertThat(many.err()).contains("--folds").contains("(2 volumes)");
        CliRun group = CliRun.of("crossval", "--data", data.toString(), "--out", dir.resolve("z").toString(),
                "--group-by", "slice");
        assertThat(group.exitCode()).isEqualTo(2);
        assertThat(group.err()).contains("--group-by").contains("'slice'");
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(dir.resolve("y")).doesNotExist();
    }
}
