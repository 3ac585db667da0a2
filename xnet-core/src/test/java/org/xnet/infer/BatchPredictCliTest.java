package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Image2D;
import org.xnet.core.Provenance;
import org.xnet.io.DicomReader;
import org.xnet.io.DicomTestFiles;
import org.xnet.io.ImageReaders;
import org.xnet.io.ImageWriters;

/**
 * {@code xnet predict} as a cluster script drives it, with a tiny untrained model: list files,
 * {@code --continue}, parts, the manifest, the confidence and entropy maps, quality flags, exit codes.
 */
class BatchPredictCliTest {
    @TempDir
    static Path shared;
    private static Path model;
    private static Path otherModel;

    @BeforeAll
    static void makeModels() throws Exception {
        model = ModelFileRoundTripTest.tinyModelFile(shared, 32, 3);
        otherModel = ModelFileRoundTripTest.tinyModelFile(shared, 32, 4);
    }

    private static PredictCliTest.Run predict(String... args) {
        return PredictCliTest.run(args);
    }

    /** {@code count} small smooth images {@code img00.tif}... in {@code dir/in}. */
    private static Path images(Path dir, int count) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < count; i++) {
            ImageWriters.writeTiff16(TinyModels.smooth(24 + i, 20 + 2 * i, i), in.resolve(String.format("img%02d.tif", i)));
        }
        return in;
    }

    static List<Map<String, Object>> manifest(Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = json.readValue(line, Map.class);
            out.add(entry);
        }
        return out;
    }

    static List<Path> temporaries(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void aListFileAddsItsInputsResolvedAgainstItsFolder(@TempDir Path dir) throws Exception {
        Path in = images(dir, 3);
        Path list = Files.writeString(dir.resolve("inputs.txt"), "# two of three\n\nin/img00.tif\n  in/img02.tif\n");
        Path out = dir.resolve("out");
        PredictCliTest.Run r = predict("--model", model.toString(), "--input-list", list.toString(),
                in.resolve("img01.tif").toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(manifest(out.resolve("manifest.jsonl"))).extracting(e -> Path.of((String) e.get("input")).getFileName()
                .toString()).containsExactlyInAnyOrder("img00.tif", "img01.tif", "img02.tif");
        for (int i = 0; i < 3; i++) {
            assertThat(out.resolve(String.format("img%02d_mask.png", i))).isNotEmptyFile();
        }
        PredictCliTest.Run missing = predict("--model", model.toString(), "--input-list",
                dir.resolve("nope.txt").toString(), "--out", out.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().lines().toList()).singleElement().asString().contains("nope.txt")
                .contains("no such file");
    }

    @Test
    void theManifestDescribesEveryInputAndMatchesTheWrittenMaps(@TempDir Path dir) throws Exception {
        Path in = images(dir, 3);
        Files.write(in.resolve("img03.png"), new byte[] {1, 2, 3});
        Path out = dir.resolve("out");
        PredictCliTest.Run r = predict("--model", model.toString(), in.toString(), "--out", out.toString(),
                "--probabilities", "--confidence", "--entropy", "--flag-confidence", "0.6");
        assertThat(r.exit()).as("one input failed").isEqualTo(1);
        List<Map<String, Object>> entries = manifest(out.resolve("manifest.jsonl"));
        assertThat(entries).hasSize(4);
        int flagged = 0;
        for (Map<String, Object> e : entries) {
            String name = Path.of((String) e.get("input")).getFileName().toString();
            assertThat(e.keySet()).containsExactly("input", "status", "error", "ms", "open_beam", "soft_tissue", "bone",
                    "mean_confidence", "flags");
            if (name.equals("img03.png")) {
                assertThat(e.get("status")).isEqualTo("failed");
                assertThat((String) e.get("error")).contains("img03.png");
                assertThat(e.get("mean_confidence")).isNull();
                continue;
            }
            assertThat(e.get("status")).isEqualTo("ok");
            assertThat(e.get("error")).isNull();
            assertThat(((Number) e.get("ms")).longValue()).isGreaterThanOrEqualTo(0);
            String base = name.substring(0, name.length() - 4);
            Image2D mask = ImageReaders.read(out.resolve(base + "_mask.png"));
            double[] counts = new double[3];
            for (float v : mask.data()) {
                counts[(int) v]++;
            }
            assertThat(((Number) e.get("open_beam")).doubleValue()).isCloseTo(counts[0] / mask.data().length, within(1e-12));
            assertThat(((Number) e.get("soft_tissue")).doubleValue()).isCloseTo(counts[1] / mask.data().length, within(1e-12));
            assertThat(((Number) e.get("bone")).doubleValue()).isCloseTo(counts[2] / mask.data().length, within(1e-12));
            float[][] p = new float[3][];
            int c = 0;
            for (String cls : List.of("open_beam", "soft_tissue", "bone")) {
                p[c++] = ImageReaders.read(out.resolve(base + "_prob_" + cls + ".tif")).data();
            }
            float[] confidence = ImageReaders.read(out.resolve(base + "_confidence.tif")).data();
            float[] entropy = ImageReaders.read(out.resolve(base + "_entropy.tif")).data();
            double sum = 0;
            for (int i = 0; i < confidence.length; i++) {
                double max = Math.max(p[0][i], Math.max(p[1][i], p[2][i]));
                double h = 0;
                for (float[] channel : p) {
                    h -= channel[i] > 0 ? channel[i] * Math.log(channel[i]) : 0;
                }
                assertThat((double) confidence[i]).isCloseTo(max, within(1e-7));
                assertThat((double) entropy[i]).isCloseTo(h / Math.log(3), within(1e-6));
                sum += max;
            }
            double mean = ((Number) e.get("mean_confidence")).doubleValue();
            assertThat(mean).isCloseTo(sum / confidence.length, within(1e-6));
            @SuppressWarnings("unchecked")
            List<String> flags = (List<String>) e.get("flags");
            assertThat(flags.contains("low_confidence")).as(name).isEqualTo(mean < 0.6);
            if (!flags.isEmpty()) {
                flagged++;
            }
        }
        assertThat(r.out()).contains("3 image(s) segmented, 1 failed, 0 skipped as complete, " + flagged + " flagged");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyImageIsFlaggedAtFlagConfidenceOneAndNoneAtZero(@TempDir Path dir) throws Exception {
        Path in = images(dir, 2);
        PredictCliTest.Run all = predict("--model", model.toString(), in.toString(), "--out",
                dir.resolve("a").toString(), "--flag-confidence", "1");
        assertThat(all.out()).contains("2 flagged");
        assertThat(manifest(dir.resolve("a/manifest.jsonl"))).allSatisfy(e ->
                assertThat((List<Object>) e.get("flags")).contains("low_confidence"));
        PredictCliTest.Run none = predict("--model", model.toString(), in.toString(), "--out",
                dir.resolve("b").toString(), "--flag-confidence", "0");
        assertThat(manifest(dir.resolve("b/manifest.jsonl"))).allSatisfy(e ->
                assertThat((List<Object>) e.get("flags")).doesNotContain("low_confidence"));
        assertThat(none.exit()).isZero();
    }

    @Test
    void continueSkipsCompleteInputsAndRedoesTheRest(@TempDir Path dir) throws Exception {
        Path in = images(dir, 4);
        Path out = dir.resolve("out");
        assertThat(predict("--model", model.toString(), in.toString(), "--out", out.toString(), "--overlay").exit())
                .isZero();
        // as a kill would leave it: img01 lacks its overlay and has a temporary file, the manifest ends in a cut line
        Files.delete(out.resolve("img01_overlay.png"));
        Files.writeString(out.resolve(".img01_overlay.png.x1y2.tmp"), "half a PNG");
        Files.delete(out.resolve("img03_mask.png"));
        Path manifestFile = out.resolve("manifest.jsonl");
        List<String> lines = Files.readAllLines(manifestFile);
        Files.writeString(manifestFile, String.join("\n", lines.subList(0, 2)) + "\n" + lines.get(2).substring(0, 20));
        FileTime before = Files.getLastModifiedTime(out.resolve("img00_mask.png"));
        byte[] kept = Files.readAllBytes(out.resolve("img02_colour.png"));
        Files.setLastModifiedTime(out.resolve("img00_mask.png"), FileTime.fromMillis(before.toMillis() - 60_000));
        FileTime old = Files.getLastModifiedTime(out.resolve("img00_mask.png"));

        PredictCliTest.Run again = predict("--model", model.toString(), in.toString(), "--out", out.toString(),
                "--overlay", "--continue");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("2 image(s) segmented, 0 failed, 2 skipped as complete");
        assertThat(Files.getLastModifiedTime(out.resolve("img00_mask.png"))).isEqualTo(old);
        assertThat(out.resolve("img02_colour.png")).hasBinaryContent(kept);
        assertThat(out.resolve("img01_overlay.png")).isNotEmptyFile();
        assertThat(out.resolve("img03_mask.png")).isNotEmptyFile();
        assertThat(temporaries(out)).isEmpty();
        List<Map<String, Object>> entries = manifest(manifestFile);
        assertThat(entries).extracting(e -> Path.of((String) e.get("input")).getFileName().toString())
                .containsExactlyInAnyOrder("img00.tif", "img01.tif", "img02.tif", "img03.tif");
        Map<String, String> status = new java.util.HashMap<>();
        entries.forEach(e -> status.put(Path.of((String) e.get("input")).getFileName().toString(), (String) e.get("status")));
        assertThat(status).containsEntry("img00.tif", "skipped-complete").containsEntry("img02.tif", "skipped-complete")
                .containsEntry("img01.tif", "ok").containsEntry("img03.tif", "ok");
        Map<String, Object> img00 = entries.stream().filter(e -> ((String) e.get("input")).endsWith("img00.tif"))
                .findFirst().orElseThrow();
        assertThat(img00.get("mean_confidence")).as("kept from the earlier line").isNotNull();
        Provenance record = new ObjectMapper().readValue(out.resolve("run.json").toFile(), Provenance.class);
        assertThat(record.details()).containsEntry("state", "finished").containsEntry("continued", "true")
                .containsEntry("skipped", "2").containsEntry("predicted", "2").containsEntry("part", "whole");
    }

    @Test
    void dicomInputsGetASegmentationAndAnOverlayObjectThatContinueCounts(@TempDir Path dir) throws Exception {
        Path in = images(dir, 1);
        int w = 30;
        int h = 22;
        int[] pixels = new int[w * h];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % w) * 4000 / w;
        }
        String instance = "1.2.3.4.5.6.77";
        DicomTestFiles.writeRadiograph(in.resolve("cr.dcm"), w, h, pixels, instance);
        Path out = dir.resolve("out");
        String[] args = {"--model", model.toString(), in.toString(), "--out", out.toString(), "--dicom-seg",
                "--dicom-overlay"};
        PredictCliTest.Run r = predict(args);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(out.resolve("img00_seg.dcm")).as("a TIFF input has no study to file a SEG in").doesNotExist();
        assertThat(out.resolve("img00_overlay.dcm")).doesNotExist();
        Path seg = out.resolve("cr_seg.dcm");
        String segText = new String(Files.readAllBytes(seg), StandardCharsets.ISO_8859_1);
        assertThat(segText).as("Segmentation Storage, referencing the input").contains("1.2.840.10008.5.1.4.1.1.66.4")
                .contains(instance);
        String overlayText = new String(Files.readAllBytes(out.resolve("cr_overlay.dcm")),
                StandardCharsets.ISO_8859_1);
        assertThat(overlayText).contains("1.2.840.10008.5.1.4.1.1.7").contains("1.2.3.4.5");
        assertThat(DicomReader.header(seg)).isNotNull();

        Files.delete(seg);
        PredictCliTest.Run again = predict(append(args, "--continue"));
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(seg).as("a missing SEG makes the input incomplete").exists();
        assertThat(manifest(out.resolve("manifest.jsonl"))).filteredOn(e -> "ok".equals(e.get("status")))
                .extracting(e -> Path.of((String) e.get("input")).getFileName().toString()).containsExactly("cr.dcm");
    }

    private static String[] append(String[] args, String more) {
        String[] out = Arrays.copyOf(args, args.length + 1);
        out[args.length] = more;
        return out;
    }

    @Test
    void continueRefusesAFolderMadeWithAnotherModelOrOtherOutputs(@TempDir Path dir) throws Exception {
        Path in = images(dir, 2);
        Path out = dir.resolve("out");
        assertThat(predict("--model", model.toString(), in.toString(), "--out", out.toString()).exit()).isZero();
        Files.delete(out.resolve("img01_mask.png"));
        PredictCliTest.Run otherNet = predict("--model", otherModel.toString(), in.toString(), "--out", out.toString(),
                "--continue");
        assertThat(otherNet.exit()).isEqualTo(1);
        assertThat(otherNet.err().lines().toList()).singleElement().asString().contains("run.json")
                .contains("model_sha256").contains("--continue would mix");
        PredictCliTest.Run otherOptions = predict("--model", model.toString(), in.toString(), "--out", out.toString(),
                "--continue", "--threshold", "0.9");
        assertThat(otherOptions.exit()).isEqualTo(1);
        assertThat(otherOptions.err()).contains("outputs").contains("threshold=0.9");
        assertThat(out.resolve("img01_mask.png")).as("nothing written when refused").doesNotExist();
        PredictCliTest.Run sameAgain = predict("--model", model.toString(), in.toString(), "--out", out.toString(),
                "--continue", "--batch-size", "1", "--fail-fast");
        assertThat(sameAgain.exit()).as("batch size and fail-fast change no output").isZero();
        PredictCliTest.Run replace = predict("--model", otherModel.toString(), in.toString(), "--out", out.toString());
        assertThat(replace.exit()).as("without --continue the outputs are replaced").isZero();
        assertThat(replace.out()).contains("2 image(s) segmented");
    }

    @Test
    void partsShareOneFolderWithoutClashing(@TempDir Path dir) throws Exception {
        Path in = images(dir, 7);
        Path out = dir.resolve("out");
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int part = 0; part < 3; part++) {
            PredictCliTest.Run r = predict("--model", model.toString(), in.toString(), "--out", out.toString(),
                    "--num-parts", "3", "--part-id", Integer.toString(part));
            assertThat(r.exit()).as(r.err()).isZero();
            List<Map<String, Object>> entries = manifest(out.resolve("manifest-part-" + part + "-of-3.jsonl"));
            for (Map<String, Object> e : entries) {
                seen.add(Path.of((String) e.get("input")).getFileName().toString());
            }
            total += entries.size();
            Provenance record = new ObjectMapper().readValue(out.resolve("run-part-" + part + "-of-3.json").toFile(),
                    Provenance.class);
            assertThat(record.details()).containsEntry("part", "part " + part + " of 3").containsEntry("inputs", "7")
                    .containsEntry("part_inputs", Integer.toString(entries.size()));
        }
        assertThat(total).isEqualTo(7);
        assertThat(seen).hasSize(7);
        assertThat(out.resolve("run.json")).doesNotExist();
        assertThat(out.resolve("manifest.jsonl")).doesNotExist();
        for (int i = 0; i < 7; i++) {
            assertThat(out.resolve(String.format("img%02d_mask.png", i))).isNotEmptyFile();
        }
    }

    @Test
    void badPartsAndFlagValuesAreUsageErrors(@TempDir Path dir) {
        String out = dir.resolve("out").toString();
        PredictCliTest.Run idTooBig = predict("--model", model.toString(), "a.tif", "--out", out, "--num-parts", "2",
                "--part-id", "2");
        assertThat(idTooBig.exit()).isEqualTo(2);
        assertThat(idTooBig.err()).contains("--part-id must be in [0, 2), got 2");
        PredictCliTest.Run noParts = predict("--model", model.toString(), "a.tif", "--out", out, "--num-parts", "0");
        assertThat(noParts.exit()).isEqualTo(2);
        assertThat(noParts.err()).contains("--num-parts must be >= 1, got 0");
        PredictCliTest.Run negative = predict("--model", model.toString(), "a.tif", "--out", out, "--part-id", "-1");
        assertThat(negative.exit()).isEqualTo(2);
        PredictCliTest.Run flag = predict("--model", model.toString(), "a.tif", "--out", out, "--flag-confidence", "1.5");
        assertThat(flag.exit()).isEqualTo(2);
        assertThat(flag.err()).contains("--flag-confidence must be in [0, 1], got 1.5");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
