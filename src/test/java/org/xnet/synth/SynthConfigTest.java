package org.xnet.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SynthConfigTest {
    @Test
    void jsonRoundTripGivesAnEqualConfig() {
        SynthConfig c = new SynthConfig(3, 64, 7, -30, 60, 5, SynthConfig.Beam.PARALLEL, 900, 1300, 5e4, 1.5, 0.2,
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
    void invalidValuesAreRejectedByName() {
        SynthConfig d = SynthConfig.defaults();
        assertThatThrownBy(() -> d.withViews(0)).hasMessageContaining("views");
        assertThatThrownBy(() -> d.withSize(-1)).hasMessageContaining("size");
        assertThatThrownBy(() -> new SynthConfig(1, 8, 1, 10, 0, 0, SynthConfig.Beam.CONE, 1000, 1200, 0, 0, 0,
                -300, 250, -300, 2, 0.5, 10, 1, 0, 0, 1)).hasMessageContaining("angle range");
        assertThatThrownBy(() -> new SynthConfig(1, 8, 1, 0, 0, 0, SynthConfig.Beam.CONE, 1000, 900, 0, 0, 0,
                -300, 250, -300, 2, 0.5, 10, 1, 0, 0, 1)).hasMessageContaining("sourceToDetectorMm");
        assertThatThrownBy(() -> new SynthConfig(1, 8, 1, 0, 0, 0, SynthConfig.Beam.CONE, 1000, 1200, 0, 0, 0,
                -300, 250, -300, 2, 0.6, 10, 1, 0, 0, 1)).hasMessageContaining("stepFraction");
        assertThatThrownBy(() -> new SynthConfig(1, 8, 1, 0, 0, 0, SynthConfig.Beam.CONE, 1000, 1200, 0, 0, 0,
                -300, -400, -300, 2, 0.5, 10, 1, 0, 0, 1)).hasMessageContaining("bone");
        assertThatThrownBy(() -> new SynthConfig(1, 8, 1, 0, 0, 0, SynthConfig.Beam.CONE, 1000, 1200, 0, 0, 0.5,
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
}
