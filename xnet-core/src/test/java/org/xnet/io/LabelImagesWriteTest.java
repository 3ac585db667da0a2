package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.LabelMap;

class LabelImagesWriteTest {

    @TempDir
    Path dir;

    private static final LabelMap MAP = new LabelMap(3, 2, new byte[] {0, 1, 2, 2, 1, 0});

    @Test
    void colourPngUsesClassColours() throws Exception {
        Path file = dir.resolve("l.png");
        LabelImages.writeColour(MAP, file);
        BufferedImage image = ImageIO.read(file.toFile());
        int[] rgb = image.getRGB(0, 0, 3, 2, null, 0, 3);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xFFFFFF;
        }
        assertThat(rgb).containsExactly(0xFFFFFF, 0xFFFF00, 0x0000FF, 0x0000FF, 0xFFFF00, 0xFFFFFF);
    }

    @Test
    void indexPngHoldsClassIndices() throws Exception {
        Path file = dir.resolve("i.png");
        LabelImages.writeIndex(MAP, file);
        Raster raster = ImageWritersTest.raster(file);
        assertThat(raster.getNumBands()).isEqualTo(1);
        assertThat(raster.getDataBuffer().getDataType()).isEqualTo(DataBuffer.TYPE_BYTE);
        assertThat(raster.getPixels(0, 0, 3, 2, (int[]) null)).containsExactly(0, 1, 2, 2, 1, 0);
    }
}
