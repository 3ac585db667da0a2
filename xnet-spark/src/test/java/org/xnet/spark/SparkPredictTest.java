package org.xnet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Progress;
import org.xnet.infer.BatchPredictor;
import org.xnet.infer.ManifestEntry;
import org.xnet.infer.ModelRef;
import org.xnet.infer.Part;
import org.xnet.infer.PredictConfig;
import org.xnet.infer.PredictionRun;
import org.xnet.io.SyntheticRadiographs;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.Workload;
import org.xnet.testutil.TinyModelFiles;

/**
 * The Spark predict job against {@code xnet predict}'s library call on the same inputs (a tiny
 * untrained model, a few small synthetic radiographs, one file that is not an image): the same files
 * byte for byte and the same manifest columns, a bad file a failed row, a second run skipping what is
 * done.
 */
class SparkPredictTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path images;
    static final PredictConfig CONFIG = PredictConfig.defaults()
            .withOutputs(PredictConfig.MaskFormat.PNG, EnumSet.of(PredictConfig.Extra.OVERLAY, PredictConfig.Extra.CONFIDENCE));

    @BeforeAll
    static void inputs() throws Exception {
        model = TinyModelFiles.write(dir, 32, 5);
        SyntheticRadiographs.write(dir.resolve("synth"), 5, 48, 3);
        images = dir.resolve("synth/Images");
        Path sub = Files.createDirectories(images.resolve("sub"));
        try (var files = Files.list(images)) {
            Path first = files.filter(p -> p.toString().endsWith(".tif")).sorted().findFirst().orElseThrow();
            Files.copy(first, sub.resolve("again.tif"));
        }
        Files.writeString(images.resolve("broken.tif"), "not a radiograph");
    }

    private static Path plainRun(List<String> inputs, Path list, String name) throws Exception {
        Path out = dir.resolve(name);
        PredictionRun.run(new PredictionRun.Request(ModelRef.file(model), inputs, list, out, CONFIG,
                Kernels.resolve(RuntimeRequest.AUTO, Workload.INFERENCE), Part.WHOLE, false), Progress.NONE);
        return out;
    }

    private static SparkPredict.Summary sparkRun(String list, String folder, Path out) throws Exception {
        return SparkPredict.run(LocalSpark.session(), new SparkPredict.Request(ModelRef.file(model), list, folder, out,
                CONFIG, "auto", "auto", 3, null));
    }

    @Test
    void aFolderJobWritesWhatPredictWritesAndABadFileIsAFailedRow() throws Exception {
        Path plain = plainRun(List.of(images.toString()), null, "plain-folder");
        Path out = dir.resolve("spark-folder");
        SparkPredict.Summary summary = sparkRun(null, images.toString(), out);

        assertThat(summary.inputs()).isEqualTo(7);
        assertThat(summary.predicted()).isEqualTo(6);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.failures()).singleElement().asString().contains("broken.tif");
        SameAsPredict.assertSameOutputs(plain, out);
        assertThat(out.resolve("sub/again_mask.png")).isRegularFile();
        SameAsPredict.assertSameManifest(SameAsPredict.jsonManifest(plain.resolve(BatchPredictor.MANIFEST)),
                SameAsPredict.sparkManifest(LocalSpark.session(), out, SameAsPredict::localPath), ManifestEntry.OK);
    }

    @Test
    void aSecondRunSkipsCompleteInputsKeepingTheirColumnsAndRedoesAnIncompleteOne() throws Exception {
        Path out = dir.resolve("spark-again");
        sparkRun(null, images.toString(), out);
        SparkSession spark = LocalSpark.session();
        Map<String, ManifestEntry> first = SameAsPredict.sparkManifest(spark, out, Function.identity());
        String redone = first.keySet().stream().filter(k -> k.endsWith("sub/again.tif")).findFirst().orElseThrow();
        Files.delete(out.resolve("sub/again_colour.png"));

        SparkPredict.Summary again = sparkRun(null, images.toString(), out);

        assertThat(again.predicted()).isEqualTo(1);
        assertThat(again.skipped()).isEqualTo(5);
        assertThat(again.failed()).isEqualTo(1);
        Map<String, ManifestEntry> second = SameAsPredict.sparkManifest(spark, out, Function.identity());
        assertThat(second.get(redone).status()).isEqualTo(ManifestEntry.OK);
        Map<String, ManifestEntry> expected = new java.util.TreeMap<>(first);
        expected.remove(redone);
        Map<String, ManifestEntry> skipped = new java.util.TreeMap<>(second);
        skipped.remove(redone);
        SameAsPredict.assertSameManifest(expected, skipped, ManifestEntry.SKIPPED_COMPLETE);
        assertThat(out.resolve("sub/again_colour.png")).isRegularFile();
        try (var left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void aListJobWritesWhatPredictWritesForTheSameListAndAMissingFileIsAFailedRow() throws Exception {
        Path list = dir.resolve("lists/batch.txt");
        Files.createDirectories(list.getParent());
        List<String> names;
        try (var files = Files.list(images)) {
            names = files.filter(p -> p.toString().endsWith(".tif") && !p.endsWith("broken.tif")).sorted().limit(3)
                    .map(Path::toString).toList();
        }
        Files.write(list, List.of("# three radiographs and one that is not there", names.get(0), "",
                names.get(1), "../synth/Images/" + Path.of(names.get(2)).getFileName(), dir.resolve("gone.tif").toString()));
        Path plain = plainRun(List.of(), list, "plain-list");
        Path out = dir.resolve("spark-list");

        SparkPredict.Summary summary = sparkRun(list.toString(), null, out);

        assertThat(summary.predicted()).isEqualTo(3);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.failures()).singleElement().asString().contains("gone.tif").contains("no such file");
        SameAsPredict.assertSameOutputs(plain, out);
        SameAsPredict.assertSameManifest(SameAsPredict.jsonManifest(plain.resolve(BatchPredictor.MANIFEST)),
                SameAsPredict.sparkManifest(LocalSpark.session(), out, Function.identity()), ManifestEntry.OK);
    }
}
