package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Sha256;
import org.xnet.eval.TunedPostProcessing;
import org.xnet.model.ModelFile;
import org.xnet.model.RuntimeOptions;

/**
 * The post-processing an ensemble manifest records: written and read back, chosen by TTA, applied to a
 * predict config; and a manifest of the first format, without it, still loads.
 */
class EnsemblePostProcessingTest {
    @TempDir
    Path dir;

    @Test
    void aManifestWithoutPostProcessingStillLoadsAndRecordsNone() throws Exception {
        Path member = dir.resolve("fold-1/train/m.xnet");
        Files.createDirectories(member.getParent());
        ModelFile.writeUntrained(member, TinyModels.TINY_XNET, 16, 3);
        // byte for byte the format of the first ensemble.json files (written before post_processing existed)
        String old = "{\n  \"format\" : \"xnet-ensemble\",\n  \"version\" : 1,\n  \"members\" : [ {\n"
                + "    \"file\" : \"fold-1/train/m.xnet\",\n    \"sha256\" : \"" + Sha256.of(member) + "\"\n  } ]\n}";
        Files.writeString(dir.resolve(EnsembleManifest.FILE), old, StandardCharsets.UTF_8);
        assertThat(EnsembleManifest.postProcessing(dir)).isEmpty();
        assertThat(ModelRef.file(dir).tunedPostProcessing(false)).isEmpty();
        try (Segmenter segmenter = ModelRef.file(dir).open(RuntimeOptions.FP32_NCHW)) {
            assertThat(segmenter.members()).isEqualTo(1);
        }
        // rewritten without a tuning, the file still has no post_processing field
        EnsembleManifest.write(dir.resolve("again.json"), List.of(member));
        assertThat(Files.readString(dir.resolve("again.json"))).doesNotContain("post_processing");
    }

    @Test
    void theRecordedChoiceRoundTripsAndFollowsTta() throws Exception {
        Path member = dir.resolve("m.xnet");
        ModelFile.writeUntrained(member, TinyModels.TINY_XNET, 16, 4);
        TunedPostProcessing tuned = new TunedPostProcessing("a rule", 0.01, 0.05, List.of("fold 1 validation: knee"),
                new TunedPostProcessing.Choice(0.7, 0, "plain reason"),
                new TunedPostProcessing.Choice(null, 0, "tta reason"));
        Path manifest = dir.resolve("e.json");
        EnsembleManifest written = EnsembleManifest.write(manifest, List.of(member), tuned);
        EnsembleManifest read = EnsembleManifest.parse(Files.readAllBytes(manifest), manifest);
        assertThat(read).isEqualTo(written);
        assertThat(read.postProcessing()).isEqualTo(tuned);
        assertThat(Files.readString(manifest)).contains("\"threshold\" : null").contains("\"tuned_on\"");

        ModelRef ref = ModelRef.file(manifest);
        assertThat(ref.tunedPostProcessing(false)).contains(tuned.withoutTta());
        assertThat(ref.tunedPostProcessing(true)).contains(tuned.withTta());
        assertThat(ModelRef.file(member).tunedPostProcessing(false)).isEmpty();

        PredictConfig given = PredictConfig.defaults().withThreshold(0.9).withDilate(5);
        assertThat(given.withTuned(tuned.withoutTta()).threshold()).isEqualTo(0.7);
        assertThat(given.withTuned(tuned.withoutTta()).dilate()).isZero();
        assertThat(given.withTuned(tuned.withTta()).threshold()).isNull();
    }
}
