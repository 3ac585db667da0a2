package org.xnet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VolumeTest {

    @Test
    void indexesXFastestThenYThenZ() {
        float[] data = new float[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        Volume v = new Volume(2, 3, 4, data, 0.5, 0.75, 2);
        assertThat(v.get(1, 0, 0)).isEqualTo(1f);
        assertThat(v.get(0, 1, 0)).isEqualTo(2f);
        assertThat(v.get(0, 0, 1)).isEqualTo(6f);
        assertThat(v.get(1, 2, 3)).isEqualTo(23f);
        assertThat(v.sx()).isEqualTo(0.5);
        assertThat(v.sy()).isEqualTo(0.75);
        assertThat(v.sz()).isEqualTo(2);
        assertThat(v.sizeString()).isEqualTo("2x3x4");
    }

    @Test
    void equalityComparesSizeSpacingAndValues() {
        Volume a = new Volume(1, 1, 2, new float[] {1, 2}, 1, 1, 1);
        assertThat(a).isEqualTo(new Volume(1, 1, 2, new float[] {1, 2}, 1, 1, 1))
                .hasSameHashCodeAs(new Volume(1, 1, 2, new float[] {1, 2}, 1, 1, 1));
        assertThat(a).isNotEqualTo(new Volume(1, 1, 2, new float[] {1, 3}, 1, 1, 1));
        assertThat(a).isNotEqualTo(new Volume(1, 1, 2, new float[] {1, 2}, 1, 1, 2));
        assertThat(a).isNotEqualTo(new Volume(1, 2, 1, new float[] {1, 2}, 1, 1, 1));
    }

    @Test
    void rejectsBadSizeAndSpacing() {
        assertThatThrownBy(() -> new Volume(2, 2, 2, new float[7], 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x2x2");
        assertThatThrownBy(() -> new Volume(0, 2, 2, new float[0], 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Volume(1, 1, 1, new float[1], 1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spacing");
        assertThatThrownBy(() -> new Volume(1, 1, 1, new float[1], 1, 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
