package org.xnet.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** AugmentConfig: the original's defaults, validation naming the bad value, and a JSON round trip. */
class AugmentConfigTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void defaultsAreTheOriginalValues() {
        AugmentConfig c = AugmentConfig.defaults();
        assertThat(c.flipHorizontal()).isEqualTo(0.5);
        assertThat(c.flipVertical()).isEqualTo(0.5);
        assertThat(c.translate()).isEqualTo(0.01);
        assertThat(c.rotateDegrees()).isEqualTo(15);
        assertThat(c.shearDegrees()).isEqualTo(2);
        assertThat(c.crop()).isEqualTo(new Range(0.1, 0.4));
        assertThat(c.elasticProbability()).isEqualTo(0.5);
        assertThat(c.blurSigma()).isEqualTo(new Range(0, 0.4));
        assertThat(c.elasticAlpha()).isEqualTo(new Range(0.5, 1.5));
        assertThat(c.elasticSigma()).isEqualTo(0.25);
        assertThat(c.interpolation()).as("the original's affine used order=1").isEqualTo(Interpolation.BILINEAR);
    }

    @Test
    void jsonRoundTrip() throws Exception {
        for (AugmentConfig c : new AugmentConfig[] {AugmentConfig.defaults(), AugmentConfig.identity(),
                AugmentConfig.defaults().withInterpolation(Interpolation.BICUBIC)}) {
            String text = json.writeValueAsString(c);
            assertThat(json.readValue(text, AugmentConfig.class)).isEqualTo(c);
        }
    }

    @Test
    void invalidValuesAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new AugmentConfig(1.5, 0.5, 0.01, 15, 2, new Range(0.1, 0.4), 0.5, Range.of(0),
                Range.of(1), 0.25, Interpolation.BICUBIC)).hasMessageContaining("flipHorizontal").hasMessageContaining("1.5");
        assertThatThrownBy(() -> new AugmentConfig(0.5, 0.5, 0.01, 15, 2, new Range(0.1, 0.95), 0.5, Range.of(0),
                Range.of(1), 0.25, Interpolation.BICUBIC)).hasMessageContaining("crop");
        assertThatThrownBy(() -> new Range(2, 1)).hasMessageContaining("[2.0, 1.0]");
        assertThatThrownBy(() -> new WarpParams(false, false, 0, 0, 0, 90, 0, 0, 0, 0))
                .hasMessageContaining("shearDegrees");
    }

    @Test
    void rejectsUnknownJsonRangeShape() {
        assertThatThrownBy(() -> json.readValue("{\"min\": 3, \"max\": 1}", Range.class))
                .hasMessageContaining("min <= max");
    }
}
