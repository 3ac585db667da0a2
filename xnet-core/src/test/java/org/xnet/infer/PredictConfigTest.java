package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.xnet.core.Image2D;

class PredictConfigTest {

    @Test
    void roundTripsThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        PredictConfig c = PredictConfig.defaults().withSegmenter(SegmenterOptions.tiled().withTta(true))
                .withThreshold(0.9).withDilate(5).withOutputs(PredictConfig.MaskFormat.TIFF, java.util.Set.of(PredictConfig.Extra.OVERLAY, PredictConfig.Extra.DICOM_SEG))
                .withFailFast(true).withInvert(true);
        assertThat(json.readValue(json.writeValueAsString(c), PredictConfig.class)).isEqualTo(c);
        PredictConfig plain = PredictConfig.defaults();
        assertThat(json.readValue(json.writeValueAsString(plain), PredictConfig.class)).isEqualTo(plain);
    }

    @Test
    void rejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> PredictConfig.defaults().withThreshold(1.0)).hasMessageContaining("threshold must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> PredictConfig.defaults().withDilate(-1)).hasMessageContaining("dilate");
    }

    @Test
    void invertMirrorsTheGreyValuesWithinTheirRange() {
        Image2D image = new Image2D(3, 1, new float[] {10, 15, 40});
        assertThat(BatchPredictor.invert(image).data()).containsExactly(40, 35, 10);
    }

    @Test
    void maskFormatsParseByNameAndExtrasAreTheSwitchesThatAreOn() {
        assertThat(PredictConfig.MaskFormat.parse("PNG")).isEqualTo(PredictConfig.MaskFormat.PNG);
        assertThat(PredictConfig.MaskFormat.parse("tif")).isEqualTo(PredictConfig.MaskFormat.TIFF);
        assertThat(PredictConfig.MaskFormat.parse("Tiff")).isEqualTo(PredictConfig.MaskFormat.TIFF);
        assertThatThrownBy(() -> PredictConfig.MaskFormat.parse("gif"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("must be png or tiff, got gif");
        assertThat(PredictConfig.Extra.selected(java.util.Map.of(PredictConfig.Extra.OVERLAY, true,
                PredictConfig.Extra.ENTROPY, false, PredictConfig.Extra.DICOM_SEG, true)))
                .containsExactlyInAnyOrder(PredictConfig.Extra.OVERLAY, PredictConfig.Extra.DICOM_SEG);
        assertThat(PredictConfig.Extra.selected(java.util.Map.of())).isEmpty();
    }
}
