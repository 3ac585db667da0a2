package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Image2D;
import org.xnet.core.XNetException;

class ImageWritersTest {

    @TempDir
    Path dir;

    /** Reads back with the JDK's own decoder, independent of the code under test. */
    static Raster raster(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                if (reader.getClass().getName().startsWith("com.sun.imageio")) {
                    reader.setInput(in);
                    return reader.read(0).getRaster();
                }
            }
        }
        throw new AssertionError("no JDK reader for " + file);
    }

    @Test
    void tiff16RoundsAndClamps() throws Exception {
        Image2D image = new Image2D(3, 2, new float[] {-5f, 0.4f, 0.6f, 1234.5f, 65534.6f, 1e9f});
        Path file = dir.resolve("a.tif");
        ImageWriters.writeTiff16(image, file);
        Raster r = raster(file);
        assertThat(r.getDataBuffer().getDataType()).isEqualTo(DataBuffer.TYPE_USHORT);
        assertThat(r.getNumBands()).isEqualTo(1);
        assertThat(r.getPixels(0, 0, 3, 2, (int[]) null)).containsExactly(0, 0, 1, 1235, 65535, 65535);
    }

    @Test
    void tiffFloatKeepsValuesExactly() throws Exception {
        float[] values = {-1000.25f, 0f, 3.1415927f, 1e-7f, 42f, Float.MAX_VALUE};
        Path file = dir.resolve("f.tif");
        ImageWriters.writeTiffFloat(new Image2D(2, 3, values), file);
        Raster r = raster(file);
        assertThat(r.getDataBuffer().getDataType()).isEqualTo(DataBuffer.TYPE_FLOAT);
        assertThat(r.getPixels(0, 0, 2, 3, (float[]) null)).containsExactly(values);
    }

    @Test
    void png8MapsWindowLinearly() throws Exception {
        Image2D image = new Image2D(5, 1, new float[] {-10f, 0f, 50f, 100f, 200f});
        Path file = dir.resolve("w.png");
        ImageWriters.writePng8(image, 0, 100, file);
        Raster r = raster(file);
        assertThat(r.getDataBuffer().getDataType()).isEqualTo(DataBuffer.TYPE_BYTE);
        assertThat(r.getNumBands()).isEqualTo(1);
        // 50 * 255 / 100 = 127.5 rounds half up to 128
        assertThat(r.getPixels(0, 0, 5, 1, (int[]) null)).containsExactly(0, 0, 128, 255, 255);
    }

    @Test
    void png8RejectsEmptyWindow() {
        Image2D image = new Image2D(1, 1);
        assertThatThrownBy(() -> ImageWriters.writePng8(image, 5, 5, dir.resolve("x.png")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[5.0, 5.0]");
    }

    @Test
    void failedWriteNamesFileAndLeavesNothing() throws Exception {
        Path notADir = dir.resolve("plain");
        Files.writeString(notADir, "x");
        Path target = notADir.resolve("out.tif");
        assertThatThrownBy(() -> ImageWriters.writeTiff16(new Image2D(2, 2), target))
                .isInstanceOf(XNetException.class).hasMessageContaining(target.toString());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(notADir);
        }
    }

    @Test
    void overwritesExistingFileAndLeavesNoTemp() throws Exception {
        Path file = dir.resolve("o.tif");
        ImageWriters.writeTiff16(new Image2D(2, 2, new float[] {1, 2, 3, 4}), file);
        ImageWriters.writeTiff16(new Image2D(1, 1, new float[] {7}), file);
        assertThat(raster(file).getPixels(0, 0, 1, 1, (int[]) null)).containsExactly(7);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
