package org.xnet.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.XNetException;

class SynthConfigTest {
    @Test
    void jsonRoundTripGivesAnEqualConfig() {
        SynthConfig c = new SynthConfig(3, 64, 7, -30, 60, 5, SynthConfig.Beam.PARALLEL, 900, 5e4, 1.5, 0.2,
                -400, 300, -350, 3, 0.25, 9, 0.7, 0.3, 1.5, 2);
        assertThat(SynthConfig.fromJson(c.toJson())).isEqualTo(c);
        assertThat(SynthConfig.fromJson(SynthConfig.defaults().toJson())).isEqualTo(SynthConfig.defaults());
    }

    @Test
    void aPartialFileKeepsTheDefaultsOfTheKeysItLeavesOut() {
        SynthConfig c = SynthConfig.fromJson("{\"views\": 3, \"maxGamma\": 1, \"unsharpStrength\": 0}");
        assertThat(c).isEqualTo(SynthConfig.defaults().withViews(3).withProcessing(SynthConfig.defaults().collimatorGlow(), 0, 1));
    }

    @Test
    void theRemovedDetectorDistanceOfOlderConfigsIsIgnored() {
        // the synth-config.json of runs before its removal holds "sourceToDetectorMm": 1200.0
        String old = "{\"views\": 4, \"sourceToIsocentreMm\": 800, \"sourceToDetectorMm\": 1200.0}";
        SynthConfig c = SynthConfig.fromJson(old);
        assertThat(c.views()).isEqualTo(4);
        assertThat(c.sourceToIsocentreMm()).isEqualTo(800);
        assertThat(c.toJson()).doesNotContain("sourceToDetectorMm");
        assertThat(SynthConfig.fromJson(c.toJson())).isEqualTo(c);
    }

    @Test
    void invalidValuesAreRejectedByName() {
        SynthConfig d = SynthConfig.defaults();
        assertThatThrownBy(() -> d.withViews(0)).hasMessageContaining("views");
        assertThatThrownBy(() -> d.withSize(-1)).hasMessageContaining("size");
        assertThatThrownBy(() -> d.withSize(SynthConfig.MIN_SIZE - 1)).hasMessageContaining("size must be in [16, 4096]");
        assertThatThrownBy(() -> d.withSize(SynthConfig.MAX_SIZE + 1)).hasMessageContaining("got 4097");
        assertThat(d.withSize(SynthConfig.MIN_SIZE).size()).isEqualTo(16);
        assertThat(d.withSize(SynthConfig.MAX_SIZE).size()).isEqualTo(4096);
        assertThatThrownBy(() -> new SynthConfig(1, 16, 1, 10, 0, 0, SynthConfig.Beam.CONE, 1000, 0, 0, 0,
                -300, 250, -300, 2, 0.5, 10, 1, 0, 0, 1)).hasMessageContaining("angle range");
        assertThatThrownBy(() -> new SynthConfig(1, 16, 1, 0, 0, 0, SynthConfig.Beam.CONE, 0, 0, 0, 0,
                -300, 250, -300, 2, 0.5, 10, 1, 0, 0, 1)).hasMessageContaining("sourceToIsocentreMm");
        assertThatThrownBy(() -> new SynthConfig(1, 16, 1, 0, 0, 0, SynthConfig.Beam.CONE, 1000, 0, 0, 0,
                -300, 250, -300, 2, 0.6, 10, 1, 0, 0, 1)).hasMessageContaining("stepFraction");
        assertThatThrownBy(() -> new SynthConfig(1, 16, 1, 0, 0, 0, SynthConfig.Beam.CONE, 1000, 0, 0, 0,
                -300, -400, -300, 2, 0.5, 10, 1, 0, 0, 1)).hasMessageContaining("bone");
        assertThatThrownBy(() -> new SynthConfig(1, 16, 1, 0, 0, 0, SynthConfig.Beam.CONE, 1000, 0, 0, 0.5,
                -300, 250, -300, 2, 0.5, 10, 1, 0, 0, 1)).hasMessageContaining("collimation");
        assertThatThrownBy(() -> d.withFraming(0.1, 0)).hasMessageContaining("minFieldFraction");
        assertThatThrownBy(() -> d.withFraming(0.1, 1.5)).hasMessageContaining("minFieldFraction");
        assertThatThrownBy(() -> d.withProcessing(1.5, 0, 1)).hasMessageContaining("collimatorGlow");
        assertThatThrownBy(() -> d.withProcessing(0, -1, 1)).hasMessageContaining("unsharpStrength");
        assertThatThrownBy(() -> d.withProcessing(0, 0, 0.5)).hasMessageContaining("maxGamma");
        assertThatThrownBy(() -> SynthConfig.fromJson("{\"view\": 1}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("view");
        assertThatThrownBy(() -> SynthConfig.fromJson("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SynthConfig.fromJson("{\"size\": 0}")).hasMessageContaining("size");
    }

    @Test
    void aConfigFileIsReadAndABadOneIsNamed(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("raw.json"), "{\"views\": 3, \"unsharpStrength\": 0}");
        SynthConfig d = SynthConfig.defaults();
        assertThat(SynthConfig.read(good)).isEqualTo(d.withViews(3).withProcessing(d.collimatorGlow(), 0, d.maxGamma()));
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"maxGamma\": 9}");
        assertThatThrownBy(() -> SynthConfig.read(bad)).isInstanceOf(XNetException.class)
                .hasMessageStartingWith(bad + ": ").hasMessageContaining("maxGamma");
        assertThatThrownBy(() -> SynthConfig.read(dir.resolve("none.json"))).isInstanceOf(XNetException.class)
                .hasMessageStartingWith("cannot read the synth config " + dir.resolve("none.json"));
    }
}
