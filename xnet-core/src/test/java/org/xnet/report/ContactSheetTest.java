package org.xnet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;

/** The contact sheet's layout and its label blending. */
class ContactSheetTest {

    private static Sample sample(float value, int cls) {
        float[] img = new float[4 * 4];
        byte[] lab = new byte[4 * 4];
        Arrays.fill(img, value);
        Arrays.fill(lab, (byte) cls);
        return new Sample(new Image2D(4, 4, img), new LabelMap(4, 4, lab), "hand", "h.tif");
    }

    @Test
    void blendsClassColourAtFortyPercent() {
        assertThat(ContactSheet.pixel(0f, 2)).isEqualTo(0x000066); // bone blue over black
        assertThat(ContactSheet.pixel(1f, 1)).isEqualTo(0xFFFF99); // soft-tissue yellow over white
        assertThat(ContactSheet.pixel(0.5f, -1)).isEqualTo(0x808080);
        assertThat(ContactSheet.pixel(3f, -1)).isEqualTo(0xFFFFFF);
    }

    @Test
    void rendersFourTilesPerRow() {
        BufferedImage sheet = ContactSheet.render(List.of(sample(0, 2), sample(1, 0)), List.of(sample(0, 1), sample(1, 2)));
        int tile = 160; // 4 px images scaled by 40
        assertThat(sheet.getWidth()).isEqualTo(4 * (tile + 4) + 4);
        assertThat(sheet.getHeight()).isEqualTo(24 + 2 * (tile + 18 + 4));
        int y = 24 + 10;
        assertThat(sheet.getRGB(4 + 10, y) & 0xFFFFFF).isEqualTo(0x000000); // original
        assertThat(sheet.getRGB(4 + (tile + 4) + 10, y) & 0xFFFFFF).isEqualTo(0x000066); // original + bone
        assertThat(sheet.getRGB(4 + 3 * (tile + 4) + 10, y) & 0xFFFFFF).isEqualTo(0x666600); // augmented + soft tissue
    }

    @Test
    void rejectsMismatchedLists() {
        assertThatThrownBy(() -> ContactSheet.render(List.of(sample(0, 0)), List.of()))
                .hasMessageContaining("1 and 0");
    }
}
