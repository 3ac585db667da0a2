package org.xnet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CoreTypesTest {

    @Test
    void imageIsRowMajorAndComparesByValue() {
        Image2D a = new Image2D(3, 2, new float[] {0, 1, 2, 3, 4, 5});
        assertThat(a.get(2, 0)).isEqualTo(2f);
        assertThat(a.get(0, 1)).isEqualTo(3f);
        assertThat(a).isEqualTo(a.copy());
        Image2D b = a.copy();
        b.set(1, 1, 9f);
        assertThat(b).isNotEqualTo(a);
        assertThat(a.min()).isEqualTo(0f);
        assertThat(a.max()).isEqualTo(5f);
    }

    @Test
    void imageRejectsWrongPixelCount() {
        assertThatThrownBy(() -> new Image2D(3, 2, new float[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3x2");
    }

    @Test
    void labelMapRejectsValuesThatAreNotClasses() {
        assertThatThrownBy(() -> new LabelMap(2, 1, new byte[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label value 3");
        LabelMap m = new LabelMap(2, 2, new byte[] {0, 1, 2, 2});
        assertThat(m.classCounts()).containsExactly(1, 1, 2);
    }

    @Test
    void sampleNamesItsSourceWhenSizesDiffer() {
        assertThatThrownBy(() -> new Sample(new Image2D(200, 200), new LabelMap(199, 200), "hand", "hand01.tif"))
                .hasMessage("Image and label sizes do not match for hand01.tif: 200x200 vs 199x200");
    }

    @Test
    void classesKeepTheOriginalColours() {
        assertThat(SegClass.of(0).rgb()).isEqualTo(0xFFFFFF);
        assertThat(SegClass.SOFT_TISSUE.rgb()).isEqualTo(0xFFFF00);
        assertThat(SegClass.BONE.rgb()).isEqualTo(0x0000FF);
        assertThatThrownBy(() -> SegClass.of(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void probabilityArgmaxTakesTheMostLikelyClassAndTheFirstOnTies() {
        // 2x1 image, 3 classes, channel-major
        ProbabilityMap p = new ProbabilityMap(2, 1, 3, new float[] {0.2f, 0.4f, 0.5f, 0.4f, 0.3f, 0.2f});
        assertThat(p.argmax().data()).containsExactly(1, 0);
        assertThat(p.get(2, 0, 0)).isEqualTo(0.3f);
        assertThat(p.channel(1).data()).containsExactly(0.5f, 0.4f);
    }
}
