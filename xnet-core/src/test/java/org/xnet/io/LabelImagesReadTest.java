package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;
import org.xnet.testutil.Jpegs;

class LabelImagesReadTest {

    @TempDir
    Path dir;

    /** Background open beam, a soft-tissue rectangle and a bone disc inside it. */
    private static LabelMap phantom(int w, int h) {
        LabelMap map = new LabelMap(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean tissue = x >= w / 5 && x < 4 * w / 5 && y >= h / 6 && y < 5 * h / 6;
                double dx = x - w / 2.0;
                double dy = y - h / 2.0;
                boolean bone = dx * dx + dy * dy < (h / 4.0) * (h / 4.0);
                map.set(x, y, bone ? 2 : tissue ? 1 : 0);
            }
        }
        return map;
    }

    private static BufferedImage colour(LabelMap map) {
        BufferedImage image = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                image.setRGB(x, y, SegClass.of(map.get(x, y)).rgb());
            }
        }
        return image;
    }

    @Test
    void colourAndIndexPngsReadBackExactly() throws Exception {
        LabelMap map = phantom(40, 30);
        Path colour = dir.resolve("c.png");
        Path index = dir.resolve("i.png");
        LabelImages.writeColour(map, colour);
        LabelImages.writeIndex(map, index);
        assertThat(LabelImages.read(colour)).isEqualTo(map);
        assertThat(LabelImages.read(index)).isEqualTo(map);
    }

    @Test
    void sixteenBitIndexPngIsAnIndexImage() throws Exception {
        LabelMap map = phantom(20, 12);
        BufferedImage image = new BufferedImage(20, 12, BufferedImage.TYPE_USHORT_GRAY);
        for (int i = 0; i < map.data().length; i++) {
            image.getRaster().setSample(i % 20, i / 20, 0, map.data()[i]);
        }
        Path file = dir.resolve("i16.png");
        ImageIO.write(image, "png", file.toFile());
        assertThat(LabelImages.read(file)).isEqualTo(map);
    }

    @Test
    void jpegLabelsDecodeToTheOriginalExceptAtBoundaries() throws Exception {
        // yellow/blue boundaries decode to blends far from every colour, about 1.3 far pixels per
        // boundary pixel: 0.5 % here, 1.0 % at 200x160, 0.1 % at 1500x1200 (the original's size)
        LabelMap map = phantom(400, 320);
        Path jpeg = dir.resolve("hand01onehot.jpg");
        writeJpeg(colour(map), jpeg, 0.9f);
        LabelMap read = LabelImages.read(jpeg);
        long equal = 0;
        for (int i = 0; i < map.data().length; i++) {
            equal += map.data()[i] == read.data()[i] ? 1 : 0;
        }
        assertThat(equal).isGreaterThanOrEqualTo((long) Math.ceil(0.99 * map.data().length));
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                if (interior(map, x, y, 2)) {
                    assertThat(read.get(x, y)).as("interior pixel %d,%d", x, y).isEqualTo(map.get(x, y));
                }
            }
        }
    }

    /** True when every pixel within {@code r} (Chebyshev) of (x, y) has the same class. */
    private static boolean interior(LabelMap map, int x, int y, int r) {
        for (int v = Math.max(0, y - r); v <= Math.min(map.height() - 1, y + r); v++) {
            for (int u = Math.max(0, x - r); u <= Math.min(map.width() - 1, x + r); u++) {
                if (map.get(u, v) != map.get(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void refusesAnImageWithTooManyForeignPixelsNamingFileAndCount() throws Exception {
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(11);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        Path file = dir.resolve("photo.png");
        ImageIO.write(image, "png", file.toFile());
        long far = naiveFarCount(image, ColourTable.defaults());
        assertThat(far).isGreaterThan(20_000);
        assertThatThrownBy(() -> LabelImages.read(file)).isInstanceOf(XNetException.class)
                .hasMessage(String.format(Locale.ROOT,
                        "%s: %,d of 40,000 pixels (%.1f %%) are far from every label colour; is this a label image?",
                        file, far, far / 400.0));
    }

    @Test
    void farPixelsWarnAboveOnePercentAndRefuseAboveHalf() throws Exception {
        Path ok = blackAndWhite(100, "ok.png");
        List<String> warnings = new ArrayList<>();
        LabelMap read = LabelImages.read(ok, ColourTable.defaults(), warnings::add);
        // black is nearest to blue (one channel off) and becomes bone
        assertThat(read.classCounts()).containsExactly(9_900, 0, 100);
        assertThat(warnings).isEmpty();
        Path many = blackAndWhite(101, "many.png");
        assertThat(LabelImages.read(many, ColourTable.defaults(), warnings::add).classCounts())
                .containsExactly(9_899, 0, 101);
        assertThat(warnings).containsExactly("warning: " + many + ": 101 of 10,000 pixels (1.0 %) are far from every "
                + "label colour (JPEG edges?); each took the nearest colour's class");
        assertThat(LabelImages.read(blackAndWhite(5_000, "half.png")).classCounts()).containsExactly(5_000, 0, 5_000);
        Path most = blackAndWhite(5_001, "most.png");
        assertThatThrownBy(() -> LabelImages.read(most)).isInstanceOf(XNetException.class)
                .hasMessage(most + ": 5,001 of 10,000 pixels (50.0 %) are far from every label colour; is this a label image?");
    }

    /** A 100x100 white PNG whose first {@code black} pixels are black (far from every label colour). */
    private Path blackAndWhite(int black, String name) throws Exception {
        BufferedImage image = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 10_000; i++) {
            image.setRGB(i % 100, i / 100, i < black ? 0x000000 : 0xFFFFFF);
        }
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void greyImagesThatAreNotIndicesAreReadAsGreyColours() throws Exception {
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
        int[] values = new int[100];
        Arrays.fill(values, 250);
        values[0] = 1;
        image.getRaster().setPixels(0, 0, 10, 10, values);
        Path file = dir.resolve("grey.png");
        ImageIO.write(image, "png", file.toFile());
        LabelMap read = LabelImages.read(file);
        assertThat(read.classCounts()).containsExactly(99, 0, 1);
    }

    @Test
    void customColourTableIsUsed() throws Exception {
        ColourTable table = new ColourTable(List.of("#000000", "#FF0000", "#00FF00"), 60, 0.0);
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x101010);
        image.setRGB(1, 0, 0xF00000);
        image.setRGB(2, 0, 0x00E010);
        Path file = dir.resolve("custom.png");
        ImageIO.write(image, "png", file.toFile());
        assertThat(LabelImages.read(file, table)).isEqualTo(new LabelMap(3, 1, new byte[] {0, 1, 2}));
    }

    @Test
    void badLabelFilesNameTheFile() throws Exception {
        Path text = dir.resolve("labels.png");
        Files.writeString(text, "no image here");
        assertThatThrownBy(() -> LabelImages.read(text)).isInstanceOf(XNetException.class)
                .hasMessageStartingWith(text + ": ");
        Path dicom = dir.resolve("x.dcm");
        Files.write(dicom, DicomTestFiles.part10(DicomParser.EXPLICIT_LE).pixelModule(1, 1, 8, 8, false, "MONOCHROME2")
                .pixels8(new int[] {0}).bytes());
        assertThatThrownBy(() -> LabelImages.read(dicom)).isInstanceOf(XNetException.class)
                .hasMessage(dicom + ": a DICOM file is not a label image");
        Path floats = dir.resolve("f.tif");
        ImageWriters.writeTiffFloat(new Image2D(2, 2, new float[] {0, 1, 2, 1}), floats);
        assertThatThrownBy(() -> LabelImages.read(floats)).isInstanceOf(XNetException.class)
                .hasMessage(floats + ": a floating-point image is not a label image");
    }

    @Test
    void colourTableJsonRoundTripAndValidation() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ColourTable table = new ColourTable(List.of("#FFFFFF", "#ffff00", "#0000FF"), 80, 0.02);
        String text = json.writeValueAsString(table);
        assertThat(json.readValue(text, ColourTable.class)).isEqualTo(table);
        assertThat(ColourTable.defaults().rgb(1)).isEqualTo(0xFFFF00);
        assertThat(ColourTable.defaults().colours()).containsExactly("#FFFFFF", "#FFFF00", "#0000FF");
        assertThatThrownBy(() -> new ColourTable(List.of("#FFFFFF", "#FFFF00"), 100, 0.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 2");
        assertThatThrownBy(() -> new ColourTable(List.of("#FFFFFF", "#FFFF00", "blue"), 100, 0.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'blue'");
        assertThatThrownBy(() -> new ColourTable(List.of("#FFFFFF", "#ffffff", "#0000FF"), 100, 0.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ");
        assertThatThrownBy(() -> new ColourTable(List.of("#FFFFFF", "#FFFF00", "#0000FF"), 256, 0.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
        assertThatThrownBy(() -> new ColourTable(List.of("#FFFFFF", "#FFFF00", "#0000FF"), 100, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    }

    /** The far rule written out plainly: far when, for every colour, some channel differs by more than the threshold. */
    private static long naiveFarCount(BufferedImage image, ColourTable table) {
        long far = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                boolean allFar = true;
                for (int c = 0; c < SegClass.COUNT; c++) {
                    int q = table.rgb(c);
                    int[] diff = {(p >> 16 & 255) - (q >> 16 & 255), (p >> 8 & 255) - (q >> 8 & 255), (p & 255) - (q & 255)};
                    boolean someChannelFar = Arrays.stream(diff).anyMatch(d -> Math.abs(d) > table.farThreshold());
                    allFar &= someChannelFar;
                }
                far += allFar ? 1 : 0;
            }
        }
        return far;
    }

    private static void writeJpeg(BufferedImage image, Path file, float quality) throws Exception {
        Jpegs.write(image, file, quality);
    }
}
