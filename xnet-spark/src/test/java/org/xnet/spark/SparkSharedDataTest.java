package org.xnet.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Progress;
import org.xnet.core.Split;
import org.xnet.eval.EvaluationConfig;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.Metrics;
import org.xnet.eval.VariantResult;
import org.xnet.infer.BatchPredictor;
import org.xnet.infer.ManifestEntry;
import org.xnet.infer.ModelRef;
import org.xnet.infer.Part;
import org.xnet.infer.PredictConfig;
import org.xnet.infer.PredictionRun;
import org.xnet.io.Prepare;
import org.xnet.io.PrepareConfig;
import org.xnet.io.SyntheticRadiographs;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.Workload;
import org.xnet.pipeline.EvaluationRun;
import org.xnet.testutil.SharedData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spark jobs on real radiographs (the shared NEMA DICOM and TIFF files) and a few hundred
 * synthetic ones with the built-in model: the masks and manifest equal a plain {@code xnet predict}
 * run's, the metrics {@code xnet evaluate}'s on the dataset {@code xnet prepare} makes of them.
 */
@Tag("slow")
class SparkSharedDataTest {

    @Test
    void realAndSyntheticRadiographsGiveWhatPredictAndEvaluateGive(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        try (var real = Files.list(SharedData.file("radiographs"))) {
            for (Path p : real.toList()) {
                Files.copy(p, in.resolve(p.getFileName()));
            }
        }
        SyntheticRadiographs.write(dir.resolve("synth"), 300, 96, 17);
        Files.move(dir.resolve("synth/Images"), in.resolve("synth"));
        PredictConfig config = PredictConfig.defaults().withDilate(3).withOutputs(PredictConfig.MaskFormat.PNG,
                EnumSet.of(PredictConfig.Extra.PROBABILITIES, PredictConfig.Extra.DICOM_SEG));
        Path plain = dir.resolve("plain");
        PredictionRun.run(new PredictionRun.Request(ModelRef.builtin(""), List.of(in.toString()), null, plain, config,
                Kernels.resolve(RuntimeRequest.AUTO, Workload.INFERENCE), Part.WHOLE, false), Progress.NONE);
        Path out = dir.resolve("spark");

        SparkPredict.Summary summary = SparkPredict.run(LocalSpark.session(), new SparkPredict.Request(
                ModelRef.builtin(""), null, in.toUri().toString(), out, config, "auto", "auto", 0, null));

        assertThat(summary.predicted()).isEqualTo(304);
        assertThat(out.resolve("RG1_J2KI_seg.dcm")).isRegularFile();
        SameAsPredict.assertSameOutputs(plain, out);
        SameAsPredict.assertSameManifest(SameAsPredict.jsonManifest(plain.resolve(BatchPredictor.MANIFEST)),
                SameAsPredict.sparkManifest(LocalSpark.session(), out, SameAsPredict::localPath), ManifestEntry.OK);

        Path data = dir.resolve("data.h5");
        Prepare.toFile(PrepareConfig.of(in.resolve("synth"), dir.resolve("synth/Labels")), data, Progress.NONE);
        Path model = Files.write(dir.resolve("builtin.xnet"), ModelRef.builtin("").bytes());
        EvaluationConfig eval = EvaluationConfig.defaults();
        List<Split> all = List.of(Split.TRAIN, Split.VALIDATION, Split.TEST);
        EvaluationResult expected = EvaluationRun.run(new EvaluationRun.Request(model, data, all, eval,
                Optional.empty(), 0, dir.resolve("eval"), Kernels.resolve(RuntimeRequest.AUTO, Workload.INFERENCE)),
                Progress.NONE);
        SparkEvaluate.Result result = SparkEvaluate.run(LocalSpark.session(), new SparkEvaluate.Request(
                ModelRef.builtin(""), data, all, eval, "auto", "auto", 0, null));
        assertThat(result.images()).isEqualTo(300);
        for (VariantResult variant : expected.variants()) {
            assertThat(result.metrics().get(variant.name())).as(variant.name()).isEqualTo(variant.overall());
            result.byBodyPart().get(variant.name()).forEach((part, m) ->
                    assertThat(Metrics.of(m)).as(variant.name() + " " + part).isEqualTo(variant.byBodyPart().get(part)));
            assertThat(result.byBodyPart().get(variant.name())).hasSize(variant.byBodyPart().size()).hasSizeGreaterThan(5);
        }
    }
}
