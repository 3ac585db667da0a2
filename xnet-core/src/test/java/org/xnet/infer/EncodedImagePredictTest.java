package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.InvalidSetting;
import org.xnet.core.Progress;
import org.xnet.io.SyntheticRadiographs;
import org.xnet.model.RuntimeOptions;

/**
 * Radiographs handed over as bytes ({@link BatchPredictor#predict(List, Path)}, what the Spark job
 * calls) give the files and manifest entries that the same radiographs give as files.
 */
class EncodedImagePredictTest {

    @Test
    void bytesGiveTheFilesAndEntriesThatFilesGive(@TempDir Path dir) throws Exception {
        SyntheticRadiographs.write(dir.resolve("synth"), 3, 40, 2);
        Path images = dir.resolve("synth/Images");
        Files.writeString(images.resolve("broken.png"), "not an image");
        PredictConfig config = PredictConfig.defaults().withThreshold(0.4).withOutputs(PredictConfig.MaskFormat.TIFF,
                EnumSet.of(PredictConfig.Extra.OVERLAY, PredictConfig.Extra.ENTROPY)).withSegmenter(
                SegmenterOptions.resize().withBatchSize(2));
        List<InputFiles.Input> inputs = InputFiles.expand(List.of(images.toString()));
        List<EncodedImage> encoded = new ArrayList<>();
        for (InputFiles.Input input : inputs) {
            encoded.add(new EncodedImage(input.file().toString(), input.relativeName().toString(),
                    Files.readAllBytes(input.file())));
        }
        try (Segmenter segmenter = Segmenter.load(ModelFileRoundTripTest.tinyModelFile(dir, 32, 4),
                RuntimeOptions.FP32_NCHW)) {
            BatchPredictor predictor = new BatchPredictor(segmenter, config);
            predictor.run(inputs, dir.resolve("files"), Progress.NONE);
            assertThat(predictor.complete(encoded.get(0), dir.resolve("bytes"))).isFalse();

            List<ManifestEntry> entries = predictor.predict(encoded, dir.resolve("bytes"));

            assertThat(files(dir.resolve("bytes"))).isEqualTo(files(dir.resolve("files")));
            Map<String, ManifestEntry> expected = Manifest.read(dir.resolve("files").resolve(BatchPredictor.MANIFEST));
            assertThat(entries).hasSize(4);
            for (ManifestEntry e : entries) {
                assertThat(withoutTime(e)).isEqualTo(withoutTime(expected.get(e.input())));
            }
            assertThat(entries).filteredOn(e -> e.status().equals(ManifestEntry.FAILED)).singleElement()
                    .satisfies(e -> assertThat(e.error()).startsWith(images.resolve("broken.png").toString()));
            assertThat(predictor.complete(encoded.get(1), dir.resolve("bytes"))).isTrue();
        }
    }

    @Test
    void aRelativeNameOutsideTheOutputFolderIsRefused() {
        for (String bad : List.of("../a.tif", "/abs/a.tif", "a/../../b.tif", "")) {
            assertThatThrownBy(() -> new EncodedImage("x", bad, new byte[0])).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new EncodedImage("hdfs://nn/x/a.tif", "x/a.tif", new byte[0]).relativePath())
                .isEqualTo(Path.of("x", "a.tif"));
    }

    @Test
    void twoInputsWritingTheSameOutputsAreRefused() {
        assertThatThrownBy(() -> BatchPredictor.checkDistinctOutputs(List.of("s3a://b/a.tif", "s3a://b/A.dcm"),
                List.of(Path.of("a.tif"), Path.of("A.dcm")))).isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("s3a://b/a.tif").hasMessageContaining("s3a://b/A.dcm");
        BatchPredictor.checkDistinctOutputs(List.of("a.tif", "a.tif"), List.of(Path.of("a.tif"), Path.of("a.tif")));
    }

    private static ManifestEntry withoutTime(ManifestEntry e) {
        return new ManifestEntry(e.input(), e.status(), e.error(), 0, e.openBeam(), e.softTissue(), e.bone(),
                e.meanConfidence(), e.flags());
    }

    private static Map<String, String> files(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString();
                if (!name.equals(BatchPredictor.MANIFEST) && !name.equals(BatchPredictor.RUN_RECORD)) {
                    out.put(name, org.xnet.core.Sha256.of(p));
                }
            }
        }
        return out;
    }
}
