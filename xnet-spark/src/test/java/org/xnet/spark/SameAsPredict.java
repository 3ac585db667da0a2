package org.xnet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.xnet.infer.BatchPredictor;
import org.xnet.infer.ManifestEntry;

/**
 * Checks that a Spark job wrote what {@code xnet predict} (the library's {@link BatchPredictor}) wrote
 * for the same inputs: the same output files byte for byte, and manifest rows that agree with its
 * {@code manifest.jsonl} in every column but the milliseconds.
 */
final class SameAsPredict {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SameAsPredict() {
    }

    /** Every output file below {@code plain} (but its manifest and run record) is in {@code spark}, byte for byte, and no other. */
    static void assertSameOutputs(Path plain, Path spark) throws IOException {
        Map<String, Path> expected = outputs(plain);
        Map<String, Path> actual = outputs(spark);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        assertThat(expected).isNotEmpty();
        for (Map.Entry<String, Path> e : expected.entrySet()) {
            byte[] want = Files.readAllBytes(e.getValue());
            byte[] got = Files.readAllBytes(actual.get(e.getKey()));
            if (e.getKey().endsWith("_seg.dcm")) {
                // every SEG gets new UIDs and a creation time: its frames (the pixel data, last in the
                // file: one bit per pixel and class) must be the same
                int frames = segFrameBytes(e.getValue());
                assertThat(Arrays.copyOfRange(got, got.length - frames, got.length)).as(e.getKey())
                        .isEqualTo(Arrays.copyOfRange(want, want.length - frames, want.length));
            } else {
                assertThat(got).as(e.getKey()).isEqualTo(want);
            }
        }
    }

    /** The pixel data length of a SEG next to its {@code _mask.png}: three binary frames of the mask's size. */
    private static int segFrameBytes(Path seg) throws IOException {
        String name = seg.getFileName().toString();
        Path mask = seg.resolveSibling(name.substring(0, name.length() - "_seg.dcm".length()) + "_mask.png");
        BufferedImage image = ImageIO.read(mask.toFile());
        return 3 * ((image.getWidth() * image.getHeight() + 7) / 8);
    }

    private static Map<String, Path> outputs(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !dir.relativize(p).toString().startsWith(SparkPredict.MANIFEST))
                    .filter(p -> !p.getFileName().toString().equals(BatchPredictor.MANIFEST))
                    .filter(p -> !p.getFileName().toString().equals(BatchPredictor.RUN_RECORD))
                    .collect(Collectors.toMap(p -> dir.relativize(p).toString(), p -> p, (a, b) -> a, TreeMap::new));
        }
    }

    /** The entries of a {@code manifest.jsonl}, by input. */
    static Map<String, ManifestEntry> jsonManifest(Path file) throws IOException {
        Map<String, ManifestEntry> out = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                ManifestEntry e = JSON.readValue(line, ManifestEntry.class);
                out.put(e.input(), e);
            }
        }
        return out;
    }

    /** The rows of the Parquet manifest in {@code out}, by input renamed by {@code rename}. */
    static Map<String, ManifestEntry> sparkManifest(SparkSession spark, Path out, Function<String, String> rename) {
        Map<String, ManifestEntry> rows = new TreeMap<>();
        spark.read().parquet(out.resolve(SparkPredict.MANIFEST).toString()).collectAsList().forEach(r -> {
            ManifestEntry e = ManifestTable.entry(r);
            assertThat(rows.put(rename.apply(e.input()), e)).as("one row per input").isNull();
        });
        return rows;
    }

    /** {@code file:/a/b} as {@code /a/b}: how a folder job names an input that {@code xnet predict} names by path. */
    static String localPath(String name) {
        return name.startsWith("file:") ? name.substring("file:".length()) : name;
    }

    /**
     * The two manifests name the same inputs with the same status, class fractions, confidence and
     * flags; failed inputs' errors both name the input.
     */
    static void assertSameManifest(Map<String, ManifestEntry> expected, Map<String, ManifestEntry> actual,
                                   String status) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, ManifestEntry> e : expected.entrySet()) {
            ManifestEntry want = e.getValue();
            ManifestEntry got = actual.get(e.getKey());
            String wantStatus = want.status().equals(ManifestEntry.OK) ? status : want.status();
            assertThat(got.status()).as(e.getKey()).isEqualTo(wantStatus);
            assertThat(List.of(nullable(got.openBeam()), nullable(got.softTissue()), nullable(got.bone()),
                    nullable(got.meanConfidence()))).as(e.getKey()).isEqualTo(List.of(nullable(want.openBeam()),
                    nullable(want.softTissue()), nullable(want.bone()), nullable(want.meanConfidence())));
            assertThat(got.flags()).as(e.getKey()).isEqualTo(want.flags());
            if (want.status().equals(ManifestEntry.FAILED)) {
                assertThat(got.error()).contains(Path.of(e.getKey()).getFileName().toString());
            } else {
                assertThat(got.error()).isNull();
            }
        }
    }

    private static String nullable(Double d) {
        return String.valueOf(d);
    }
}
