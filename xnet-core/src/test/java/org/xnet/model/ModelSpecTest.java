package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    @Test
    void defaultsFollowTheOriginalNetworks() {
        assertThat(ModelSpec.xnet().filters()).containsExactly(64, 128, 256, 512);
        assertThat(ModelSpec.segnet().filters()).containsExactly(64, 128, 256, 512);
        assertThat(ModelSpec.unet().filters()).containsExactly(64, 128, 256, 512, 1024);
        ModelSpec x = ModelSpec.xnet();
        assertThat(x.inputChannels()).isEqualTo(1);
        assertThat(x.classes()).isEqualTo(3);
        assertThat(x.kernelSize()).isEqualTo(3);
        assertThat(x.l2()).isEqualTo(1e-4);
        assertThat(x.shareWeights()).isFalse();
    }

    @Test
    void jsonRoundTrip() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (ModelSpec spec : List.of(ModelSpec.xnet().withSharedWeights(true).withKernelSize(5).withL2(0.01),
                ModelSpec.unet().withFilters(2, 4, 8, 16, 32).withClasses(4).withInputChannels(2), ModelSpec.segnet())) {
            String text = json.writeValueAsString(spec);
            assertThat(json.readValue(text, ModelSpec.class)).isEqualTo(spec);
        }
    }

    @Test
    void jsonNamesTheFields() throws Exception {
        String text = new ObjectMapper().writeValueAsString(ModelSpec.xnet());
        assertThat(text).contains("\"architecture\":\"XNET\"", "\"filters\":[64,128,256,512]", "\"kernelSize\":3",
                "\"shareWeights\":false", "\"l2\":1.0E-4");
    }

    @Test
    void rejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> ModelSpec.xnet().withFilters(1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xnet needs 4 filter depths, got 3");
        assertThatThrownBy(() -> ModelSpec.unet().withFilters(1, 2, 3, 4))
                .hasMessageContaining("unet needs 5 filter depths, got 4");
        assertThatThrownBy(() -> ModelSpec.xnet().withFilters(1, 0, 3, 4))
                .hasMessageContaining("filter depths must be between 1 and 4096, got [1, 0, 3, 4]");
        assertThatThrownBy(() -> ModelSpec.xnet().withFilters(2, 2, 2, 100_000))
                .hasMessageContaining("filter depths must be between 1 and 4096, got [2, 2, 2, 100000]");
        assertThat(ModelSpec.xnet().withFilters(1, 1, 1, ModelSpec.MAX_FILTER_DEPTH).filter(3)).isEqualTo(4096);
        assertThatThrownBy(() -> ModelSpec.xnet().withKernelSize(4)).hasMessageContaining("3 or 5, got 4");
        assertThatThrownBy(() -> ModelSpec.xnet().withL2(-1)).hasMessageContaining("got -1");
        assertThatThrownBy(() -> ModelSpec.xnet().withL2(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> ModelSpec.xnet().withClasses(1)).hasMessageContaining("at least 2, got 1");
        assertThatThrownBy(() -> ModelSpec.xnet().withInputChannels(0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> ModelSpec.segnet().withSharedWeights(true))
                .hasMessageContaining("only for xnet, not segnet");
        assertThatThrownBy(() -> ModelSpec.unet().withSharedWeights(true)).hasMessageContaining("not unet");
    }

    @Test
    void filtersAreCopied() {
        var mutable = new java.util.ArrayList<>(List.of(1, 2, 3, 4));
        ModelSpec spec = ModelSpec.xnet().withFilters(mutable);
        mutable.set(0, 99);
        assertThat(spec.filters()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void architectureParsesAnyCase() {
        assertThat(Architecture.parse("UNet")).isEqualTo(Architecture.UNET);
        assertThat(Architecture.parse(" segnet ")).isEqualTo(Architecture.SEGNET);
        assertThatThrownBy(() -> Architecture.parse("resnet")).hasMessageContaining("'resnet'")
                .hasMessageContaining("[xnet, unet, segnet]");
        assertThat(Architecture.XNET.sizeMultiple()).isEqualTo(8);
        assertThat(Architecture.UNET.sizeMultiple()).isEqualTo(16);
    }
}
