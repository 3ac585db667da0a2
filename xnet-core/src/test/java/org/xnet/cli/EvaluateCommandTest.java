package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xnet.infer.ModelRef;
import org.xnet.io.DatasetFile;
import org.xnet.testutil.PhantomData;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.Workload;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Dataset;
import org.xnet.eval.EvaluationConfig;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.ImageResult;
import org.xnet.eval.ResultsWriter;
import org.xnet.eval.VariantResult;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelSpec;

class EvaluateCommandTest {
    private static final int SIZE = 16;

    @TempDir
    static Path dir;
    static Path model;
    static Path data;

    @BeforeAll
    static void tinyModelAndDataset() throws Exception {
        model = dir.resolve("tiny.xnet");
        ModelFile.writeUntrained(model, ModelSpec.xnet().withFilters(2, 4, 4, 8), SIZE, 3);
        data = dir.resolve("data.h5");
        Random r = new Random(5);
        DatasetFile.write(new Dataset(PhantomData.noise(r, 2, SIZE, "hand", i -> "hand" + i + ".tif"),
                PhantomData.noise(r, 2, SIZE, "knee", i -> "knee" + i + ".tif"),
                PhantomData.noise(r, 3, SIZE, "foot", i -> "foot" + i + ".tif"), SIZE, 1, 0), data);
    }

    @Test
    void writesResultsAndReportForTheChosenSplit() throws Exception {
        Path out = dir.resolve("eval-test");
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve("results.txt")).exists();
        assertThat(out.resolve("index.html")).exists();
        EvaluationResult result = ResultsWriter.read(out.resolve("results.json"));
        assertThat(result.prediction().pixels()).isEqualTo(3L * SIZE * SIZE);
        assertThat(result.images()).hasSize(3);
        assertThat(result.trainableParameters()).isPositive();
        assertThat(run.out()).contains("prediction").contains("index.html");
        RuntimeOptions chosen = Kernels.resolve(RuntimeRequest.AUTO, Workload.INFERENCE);
        assertThat(result.provenance().details())
                .containsEntry("model_sha256", DatasetFile.sha256(model))
                .containsEntry("precision", chosen.precision().cliName())
                .containsEntry("layout", chosen.layout().cliName())
                .containsEntry("engine", "PyTorch " + ai.djl.engine.Engine.getInstance().getVersion())
                .containsKeys("threads", "djl", "cpu", "onednn");
    }

    @Test
    void theBuiltInModelIsEvaluatedAsItsFileIs() throws Exception {
        Path file = dir.resolve("builtin-copy.xnet");
        Files.write(file, ModelRef.builtin("").bytes());
        Path byName = dir.resolve("eval-builtin");
        Path byFile = dir.resolve("eval-builtin-file");
        CliRun named = CliRun.of("evaluate", "--model", "builtin", "--data", data.toString(), "--out", byName.toString());
        assertThat(named.exitCode()).as(named.err()).isZero();
        CliRun copied = CliRun.of("evaluate", "--model", file.toString(), "--data", data.toString(), "--out",
                byFile.toString());
        assertThat(copied.exitCode()).as(copied.err()).isZero();
        EvaluationResult a = ResultsWriter.read(byName.resolve("results.json"));
        EvaluationResult b = ResultsWriter.read(byFile.resolve("results.json"));
        assertThat(a.prediction()).isEqualTo(b.prediction());
        assertThat(a.trainableParameters()).isEqualTo(b.trainableParameters()).isPositive();
    }

    @Test
    void allSplitsCountEverySample() throws Exception {
        Path out = dir.resolve("eval-all");
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--split", "all",
                "--threshold", "0.5", "--dilate", "1", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        EvaluationResult result = ResultsWriter.read(out.resolve("results.json"));
        assertThat(result.prediction().pixels()).isEqualTo(7L * SIZE * SIZE);
        assertThat(result.config().thresholds()).containsExactly(0.5);
        assertThat(result.config().dilationSize()).isEqualTo(1);
        assertThat(result.variants()).extracting(VariantResult::name)
                .contains("threshold 50 %", "threshold 50 % + bone clean-up (opening 10, dilation 1)");
    }

    @Test
    void theValidationSplitIsEvaluatedAlone() throws Exception {
        Path out = dir.resolve("eval-val");
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--split", "val",
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        EvaluationResult result = ResultsWriter.read(out.resolve("results.json"));
        assertThat(result.prediction().pixels()).isEqualTo(2L * SIZE * SIZE);
        assertThat(result.images()).extracting(ImageResult::bodyPart).containsExactly("knee", "knee");
        assertThat(result.config()).isEqualTo(EvaluationConfig.defaults());
    }

    @Test
    void aMissingTrainingLogIsReportedBeforeTheModelIsLoadedAndNothingIsWritten() {
        Path out = dir.resolve("eval-nolog");
        CliRun run = CliRun.of("evaluate", "--model", dir.resolve("nope.xnet").toString(), "--data", data.toString(),
                "--training-log", dir.resolve("nolog.csv").toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nolog.csv: training log not found").doesNotContain("nope.xnet")
                .doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }

    @Test
    void anOutputThatIsAFileIsReportedBeforeTheModelIsLoadedAndLeftAlone() throws Exception {
        Path file = dir.resolve("afile");
        Files.writeString(file, "keep me");
        CliRun run = CliRun.of("evaluate", "--model", dir.resolve("nope.xnet").toString(), "--data", data.toString(),
                "--out", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("afile: exists and is not a folder").doesNotContain("nope.xnet")
                .doesNotContain("Exception");
        assertThat(Files.readString(file)).isEqualTo("keep me");

        CliRun below = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(),
                "--out", file.resolve("sub").toString());
        assertThat(below.exitCode()).isEqualTo(1);
        assertThat(below.err()).contains("cannot create the folder").contains("afile is not a folder")
                .doesNotContain("Exception");
    }

    @Test
    void badOptionValuesNameTheOptionAndWriteNothing() {
        Path out = dir.resolve("eval-bad");
        CliRun threshold = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(),
                "--threshold", "0.9", "1.5", "--out", out.toString());
        assertThat(threshold.exitCode()).isEqualTo(2);
        assertThat(threshold.err()).contains("--threshold 1.5: a soft-tissue probability threshold must be in [0, 1)");
        CliRun dilate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(),
                "--dilate", "-2", "--out", out.toString());
        assertThat(dilate.exitCode()).isEqualTo(2);
        assertThat(dilate.err()).contains("--dilate -2: ").doesNotContain("opening and dilation sizes");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingModelIsOneLineAndExitCodeOne() {
        Path out = dir.resolve("eval-missing");
        CliRun run = CliRun.of("evaluate", "--model", dir.resolve("nope.xnet").toString(), "--data", data.toString(),
                "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nope.xnet").doesNotContain("Exception");
        assertThat(Files.exists(out.resolve("results.json"))).isFalse();
    }

    @Test
    void anUnknownSplitIsAUsageError() {
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--split", "dev",
                "--out", dir.resolve("x").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown split 'dev'");
    }
}
