package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.InvalidSetting;
import org.xnet.core.XNetException;

/** What a batch run is made of, without a model: parts, list files, manifests, flags, temporary files. */
class BatchPartsTest {

    private static List<InputFiles.Input> inputs(int n) {
        List<InputFiles.Input> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "img" + i + ".tif";
            out.add(new InputFiles.Input(Path.of("in", i % 3 == 0 ? "sub" : "", name), Path.of(name)));
        }
        return out;
    }

    @Test
    void partsAreDisjointCoverEveryInputAndIgnoreTheArgumentOrder() {
        List<InputFiles.Input> all = inputs(23);
        List<InputFiles.Input> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(4));
        for (int n : new int[] {1, 2, 4, 7, 30}) {
            Set<InputFiles.Input> union = new HashSet<>();
            int total = 0;
            for (int i = 0; i < n; i++) {
                List<InputFiles.Input> part = new Part(n, i).select(all);
                if (n > 1) {
                    assertThat(new Part(n, i).select(shuffled)).as("part %d of %d", i, n).isEqualTo(part);
                }
                assertThat(part.size()).isBetween(all.size() / n, all.size() / n + 1);
                union.addAll(part);
                total += part.size();
            }
            assertThat(total).as("disjoint, %d parts", n).isEqualTo(all.size());
            assertThat(union).containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @Test
    void inputKOfTheSortedOrderGoesToPartKModN() {
        List<InputFiles.Input> all = List.of(new InputFiles.Input(Path.of("c.tif"), Path.of("c.tif")),
                new InputFiles.Input(Path.of("A.tif"), Path.of("A.tif")),
                new InputFiles.Input(Path.of("b.png"), Path.of("b.png")));
        assertThat(new Part(2, 0).select(all)).extracting(i -> i.file().toString()).containsExactly("A.tif", "c.tif");
        assertThat(new Part(2, 1).select(all)).extracting(i -> i.file().toString()).containsExactly("b.png");
        assertThat(Part.WHOLE.select(all)).isEqualTo(all);
    }

    @Test
    void partsNameTheirOwnRecordsAndBadPartsAreRefusedNamingTheSetting() {
        assertThat(Part.WHOLE.runRecordName()).isEqualTo("run.json");
        assertThat(Part.WHOLE.manifestName()).isEqualTo("manifest.jsonl");
        assertThat(new Part(4, 3).runRecordName()).isEqualTo("run-part-3-of-4.json");
        assertThat(new Part(4, 3).manifestName()).isEqualTo("manifest-part-3-of-4.jsonl");
        assertThatThrownBy(() -> new Part(0, 0)).isInstanceOfSatisfying(InvalidSetting.class,
                e -> assertThat(e.setting()).isEqualTo("numParts"));
        assertThatThrownBy(() -> new Part(4, 4)).isInstanceOfSatisfying(InvalidSetting.class,
                e -> assertThat(e.detail()).isEqualTo("must be in [0, 4), got 4"));
        assertThatThrownBy(() -> new Part(4, -1)).isInstanceOf(InvalidSetting.class);
    }

    @Test
    void aListFileSkipsBlanksAndCommentsAndResolvesAgainstItsFolder(@TempDir Path dir) throws Exception {
        Path lists = Files.createDirectories(dir.resolve("lists"));
        Path absolute = dir.resolve("elsewhere/x.tif").toAbsolutePath();
        Files.writeString(lists.resolve("inputs.txt"), String.join("\n", "# radiographs of batch 7", "",
                "  one.tif  ", "sub/*.png", "   # indented comment", absolute.toString(), "   ", "../two.dcm"));
        List<String> read = InputFiles.readList(lists.resolve("inputs.txt"));
        Path base = lists.toAbsolutePath();
        assertThat(read).containsExactly(base.resolve("one.tif").toString(), base.resolve("sub/*.png").toString(),
                absolute.toString(), base.resolve("../two.dcm").toString());
        assertThat(InputFiles.isGlob(read.get(1))).isTrue();
    }

    @Test
    void aMissingListFileIsAnErrorNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> InputFiles.readList(dir.resolve("nope.txt"))).isInstanceOf(XNetException.class)
                .hasMessage("input list " + dir.resolve("nope.txt") + ": no such file");
    }

    @Test
    void aManifestKeepsWhatWasAppendedAndDropsALineCutShort(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("manifest.jsonl");
        ManifestEntry a = ManifestEntry.ok("a.tif", 12, new double[] {0.5, 0.25, 0.25}, 0.9, List.of());
        ManifestEntry b = ManifestEntry.failed("b.tif", 3, "b.tif: not an image");
        try (Manifest m = Manifest.start(file, List.of(a))) {
            m.append(b);
            assertThat(Manifest.read(file)).containsOnlyKeys("a.tif", "b.tif");
        }
        String text = Files.readString(file);
        assertThat(text.lines()).hasSize(2);
        assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("{\"input\":\"a.tif\",\"status\":\"ok\","
                + "\"error\":null,\"ms\":12,\"open_beam\":0.5,\"soft_tissue\":0.25,\"bone\":0.25,"
                + "\"mean_confidence\":0.9,\"flags\":[]}");
        Files.writeString(file, text + "{\"input\":\"c.tif\",\"sta");
        assertThat(Manifest.read(file)).containsOnlyKeys("a.tif", "b.tif").containsEntry("b.tif", b)
                .containsEntry("a.tif", a);
        Files.writeString(file, "{\"input\":\"a.tif\"\nnot json\n");
        assertThatThrownBy(() -> Manifest.read(file)).isInstanceOf(XNetException.class)
                .hasMessageStartingWith(file + " line 1: not a manifest entry");
        assertThat(Manifest.read(dir.resolve("absent.jsonl"))).isEmpty();
    }

    @Test
    void aSkippedInputKeepsWhatItsEarlierLineSaid() {
        ManifestEntry earlier = ManifestEntry.ok("a.tif", 12, new double[] {0.97, 0.02, 0.01}, 0.6,
                List.of(QualityFlags.LOW_CONFIDENCE, QualityFlags.ONE_CLASS));
        ManifestEntry skipped = ManifestEntry.skipped("a.tif", earlier);
        assertThat(skipped.status()).isEqualTo(ManifestEntry.SKIPPED_COMPLETE);
        assertThat(skipped.ms()).isZero();
        assertThat(skipped.openBeam()).isEqualTo(0.97);
        assertThat(skipped.meanConfidence()).isEqualTo(0.6);
        assertThat(skipped.flags()).isEqualTo(earlier.flags());
        assertThat(ManifestEntry.skipped("a.tif", null).openBeam()).isNull();
        assertThat(ManifestEntry.skipped("a.tif", ManifestEntry.failed("a.tif", 1, "x")).meanConfidence()).isNull();
    }

    @Test
    void qualityFlagsFollowTheConfidenceThresholdAndTheOneClassBound() {
        double[] mixed = {0.5, 0.3, 0.2};
        assertThat(QualityFlags.of(mixed, 0.79, 0.8)).containsExactly(QualityFlags.LOW_CONFIDENCE);
        assertThat(QualityFlags.of(mixed, 0.8, 0.8)).isEmpty();
        assertThat(QualityFlags.of(new double[] {0.96, 0.03, 0.01}, 0.99, 0.8)).containsExactly(QualityFlags.ONE_CLASS);
        assertThat(QualityFlags.of(new double[] {0.95, 0.05, 0}, 0.99, 0.8)).isEmpty();
        assertThat(QualityFlags.of(new double[] {0, 0, 1}, 0.5, 0.8))
                .containsExactly(QualityFlags.LOW_CONFIDENCE, QualityFlags.ONE_CLASS);
    }

    @Test
    void onlyTheTemporaryFilesOfTheGivenTargetsAreRemoved(@TempDir Path dir) throws Exception {
        Path mine = Files.writeString(dir.resolve(".a_mask.png.k3j9x.tmp"), "half");
        Path other = Files.writeString(dir.resolve(".b_mask.png.zz1.tmp"), "another part's");
        Path notTemp = Files.writeString(dir.resolve("a_mask.png.tmp"), "not ours");
        int removed = PredictionOutputs.removeStaleTemporaries(List.of(dir.resolve("a_mask.png"),
                dir.resolve("a_colour.png"), dir.resolve("missing/x_mask.png")));
        assertThat(removed).isEqualTo(1);
        assertThat(mine).doesNotExist();
        assertThat(other).exists();
        assertThat(notTemp).exists();
        assertThat(PredictionOutputs.temporaryTarget(".a.b.png.x1.tmp")).isEqualTo("a.b.png");
        assertThat(PredictionOutputs.temporaryTarget("a.png.x1.tmp")).isNull();
    }
}
