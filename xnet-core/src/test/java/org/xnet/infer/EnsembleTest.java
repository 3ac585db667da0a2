package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Image2D;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.XNetException;
import org.xnet.model.ModelFile;
import org.xnet.model.RuntimeOptions;

/**
 * An ensemble's probabilities against its naive twin: each member loaded alone and the members' probabilities
 * averaged by hand in double precision. The ensemble sums float32 values of three members and scales by 1/3, so
 * it may differ from the double mean by a few float32 ulps of values in [0, 1]: 1e-6 bounds that.
 */
class EnsembleTest {
    private static final RuntimeOptions FP32 = RuntimeOptions.FP32_NCHW;

    @TempDir
    Path dir;

    @Test
    void anEnsembleAveragesItsMembersProbabilitiesWithAndWithoutTta() throws Exception {
        List<Path> members = members(3, 16);
        Path manifest = dir.resolve("cv").resolve(EnsembleManifest.FILE);
        EnsembleManifest.write(manifest, members);
        List<Image2D> images = List.of(TinyModels.smooth(16, 16, 1), TinyModels.smooth(23, 11, 2));
        for (SegmenterOptions options : List.of(SegmenterOptions.resize(), SegmenterOptions.resize().withTta(true),
                SegmenterOptions.tiled().withTta(true))) {
            List<ProbabilityMap> ensemble;
            try (Segmenter segmenter = ModelRef.file(manifest.getParent()).open(FP32)) {
                assertThat(segmenter.members()).isEqualTo(3);
                ensemble = segmenter.probabilities(images, options);
            }
            List<double[]> naive = naiveMean(members, images, options);
            for (int i = 0; i < images.size(); i++) {
                float[] got = ensemble.get(i).data();
                assertThat(got).hasSize(naive.get(i).length);
                for (int v = 0; v < got.length; v++) {
                    assertThat((double) got[v]).as("%s image %d value %d", options, i, v)
                            .isCloseTo(naive.get(i)[v], within(1e-6));
                }
            }
        }
    }

    @Test
    void aProgressSeesTheMembersPassesAsOneRun() throws Exception {
        Path manifest = dir.resolve("two.json");
        EnsembleManifest.write(manifest, members(2, 16));
        List<String> events = new java.util.ArrayList<>();
        org.xnet.core.Progress progress = new org.xnet.core.Progress() {
            @Override
            public void start(String task, long total) {
                events.add("start " + total);
            }

            @Override
            public void advance(long units, String item) {
                events.add("advance " + units);
            }
        };
        try (Segmenter segmenter = ModelRef.file(manifest).open(FP32)) {
            // 40x20 at tile scale 2 of a 16 model: a 32x16 working image, 16x16 tiles overlapping by half, 3 per member
            segmenter.scaledProbabilities(TinyModels.smooth(40, 20, 4),
                    SegmenterOptions.tiled().withTileScale(2).withBatchSize(1), progress);
        }
        assertThat(events).containsExactly("start 6", "advance 1", "advance 2", "advance 3", "advance 4", "advance 5",
                "advance 6");
    }

    @Test
    void anEnsembleOfOneIsThatModelExactlyAndTheManifestNamesItsMembersWithTheirHashes() throws Exception {
        List<Path> members = members(1, 16);
        Path manifest = dir.resolve("one.json");
        EnsembleManifest written = EnsembleManifest.write(manifest, members);
        assertThat(written.members()).extracting(EnsembleManifest.Member::file).containsExactly("m0.xnet");
        assertThat(written.members().get(0).sha256()).isEqualTo(org.xnet.core.Sha256.of(members.get(0)));
        Image2D image = TinyModels.smooth(16, 16, 3);
        try (Segmenter one = Segmenter.load(members.get(0), FP32);
             Segmenter ensemble = ModelRef.file(manifest).open(FP32)) {
            assertThat(ensemble.probabilities(image, SegmenterOptions.resize()).data())
                    .containsExactly(one.probabilities(image, SegmenterOptions.resize()).data());
            assertThat(ensemble.provenance()).containsEntry("model_sha256", org.xnet.core.Sha256.of(manifest))
                    .containsEntry("ensemble_members", "1");
        }
    }

    @Test
    void aChangedMemberOrMixedInputSizesAreRefusedNamingTheFile() throws Exception {
        List<Path> members = members(2, 16);
        Path manifest = dir.resolve(EnsembleManifest.FILE);
        EnsembleManifest.write(manifest, members);
        ModelFile.writeUntrained(members.get(1), TinyModels.TINY_XNET, 16, 99);
        assertThatThrownBy(() -> ModelRef.file(dir).open(FP32)).isInstanceOf(XNetException.class)
                .hasMessageContaining(members.get(1).getFileName().toString()).hasMessageContaining("SHA-256");
        ModelFile.writeUntrained(members.get(1), TinyModels.TINY_XNET, 32, 1);
        EnsembleManifest.write(manifest, members);
        assertThatThrownBy(() -> ModelRef.file(manifest).open(FP32)).isInstanceOf(XNetException.class)
                .hasMessageContaining("m1.xnet").hasMessageContaining("input size 16").hasMessageContaining("32");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ModelRef.file(empty).open(FP32)).isInstanceOf(XNetException.class)
                .hasMessageContaining("without " + EnsembleManifest.FILE);
        assertThatThrownBy(() -> ModelRef.file(manifest).bytes()).isInstanceOf(XNetException.class)
                .hasMessageContaining("ensemble");
    }

    /** {@code n} untrained tiny XNets of input size {@code size}, each from its own seed. */
    private List<Path> members(int n, int size) throws XNetException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path file = dir.resolve("m" + i + ".xnet");
            ModelFile.writeUntrained(file, TinyModels.TINY_XNET, size, 11 + i);
            files.add(file);
        }
        return files;
    }

    private static List<double[]> naiveMean(List<Path> members, List<Image2D> images, SegmenterOptions options)
            throws XNetException {
        List<double[]> sums = new ArrayList<>();
        for (Path member : members) {
            try (Segmenter one = Segmenter.load(member, FP32)) {
                List<ProbabilityMap> p = one.probabilities(images, options);
                for (int i = 0; i < images.size(); i++) {
                    if (sums.size() <= i) {
                        sums.add(new double[p.get(i).data().length]);
                    }
                    for (int v = 0; v < sums.get(i).length; v++) {
                        sums.get(i)[v] += p.get(i).data()[v] / (double) members.size();
                    }
                }
            }
        }
        return sums;
    }
}
