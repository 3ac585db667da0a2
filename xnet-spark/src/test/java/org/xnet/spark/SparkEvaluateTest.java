package org.xnet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Progress;
import org.xnet.core.Split;
import org.xnet.eval.EvaluationConfig;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.Metrics;
import org.xnet.eval.VariantResult;
import org.xnet.infer.ModelRef;
import org.xnet.io.DatasetFile;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.Workload;
import org.xnet.pipeline.EvaluationRun;
import org.xnet.testutil.PhantomData;

/** The Spark evaluation against {@code xnet evaluate}'s library call on the same dataset file and model. */
class SparkEvaluateTest {

    @Test
    void metricsEqualThoseOfEvaluateForEveryVariantAndBodyPart(@TempDir Path dir) throws Exception {
        // the built-in model: an untrained one calls every pixel open beam, and every variant would agree
        Path model = Files.write(dir.resolve("builtin.xnet"), ModelRef.builtin("").bytes());
        Path data = dir.resolve("data.h5");
        DatasetFile.write(PhantomData.dataset(32, 3, 4, 7, 21), data);
        EvaluationConfig config = EvaluationConfig.defaults().withThresholds(List.of(0.5, 0.9));
        EvaluationResult expected = EvaluationRun.run(new EvaluationRun.Request(model, data, List.of(Split.TEST,
                Split.VALIDATION), config, Optional.empty(), 0, dir.resolve("eval"),
                Kernels.resolve(RuntimeRequest.AUTO, Workload.INFERENCE)), Progress.NONE);

        SparkEvaluate.Result result = SparkEvaluate.run(LocalSpark.session(), new SparkEvaluate.Request(
                ModelRef.file(model), data, List.of(Split.TEST, Split.VALIDATION), config, "auto", "auto", 3, null));

        assertThat(result.images()).isEqualTo(11);
        assertThat(result.metrics().keySet()).containsExactlyElementsOf(config.variantNames());
        for (VariantResult variant : expected.variants()) {
            Metrics metrics = result.metrics().get(variant.name());
            assertThat(metrics).as(variant.name()).isEqualTo(variant.overall());
            assertThat(metrics.pixels()).isEqualTo(11L * 32 * 32);
            assertThat(result.byBodyPart().get(variant.name()).keySet()).isEqualTo(variant.byBodyPart().keySet());
            result.byBodyPart().get(variant.name()).forEach((part, m) ->
                    assertThat(Metrics.of(m)).as(variant.name() + " " + part).isEqualTo(variant.byBodyPart().get(part)));
        }
        // the variants must differ, or the comparison would not show that each is summed as its own
        assertThat(result.overall().values().stream().distinct().count()).isGreaterThan(2);
    }
}
