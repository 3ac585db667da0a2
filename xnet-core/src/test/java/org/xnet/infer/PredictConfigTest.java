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
}
