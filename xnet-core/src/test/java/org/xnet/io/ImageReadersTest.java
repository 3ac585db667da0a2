package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Image2D;
import org.xnet.core.XNetException;

class ImageReadersTest {

    private static final int W = 7;
    private static final int H = 5;

    @TempDir
    Path dir;

    private static int[] randomInts(long seed, int n, int bound) {
        return new SplittableRandom(seed).ints(n, 0, bound).toArray();
    }

    private static float[] asFloats(int[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = values[i];
        }
        return f;
    }

    private Path write(BufferedImage image, String format, String name) throws Exception {
        Path file = dir.resolve(name);
        assertThat(ImageIO.write(image, format, file.toFile())).as("writer for " + format).isTrue();
        return file;
    }

    private static BufferedImage grey(int type, int[] values) {
        BufferedImage image = new BufferedImage(W, H, type);
        image.getRaster().setPixels(0, 0, W, H, values);
        return image;
    }

    @Test
    void readsEightBitTiffAndPngExactly() throws Exception {
        int[] v = randomInts(1, W * H, 256);
        Image2D expected = new Image2D(W, H, asFloats(v));
        assertThat(ImageReaders.read(write(grey(BufferedImage.TYPE_BYTE_GRAY, v), "tiff", "g8.tif"))).isEqualTo(expected);
        assertThat(ImageReaders.read(write(grey(BufferedImage.TYPE_BYTE_GRAY, v), "png", "g8.png"))).isEqualTo(expected);
    }

    @Test
    void readsSixteenBitTiffAndPngWithFullPrecision() throws Exception {
        int[] v = randomInts(2, W * H, 65536);
        v[0] = 65535;
        v[1] = 257;
        Image2D expected = new Image2D(W, H, asFloats(v));
        assertThat(ImageReaders.read(write(grey(BufferedImage.TYPE_USHORT_GRAY, v), "tiff", "g16.tif"))).isEqualTo(expected);
        assertThat(ImageReaders.read(write(grey(BufferedImage.TYPE_USHORT_GRAY, v), "png", "g16.png"))).isEqualTo(expected);
    }

    @Test
    void readsFloatTiffExactly() throws Exception {
        float[] v = new float[W * H];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() * 2000 - 1000);
        }
        Path file = dir.resolve("f.tif");
        ImageWriters.writeTiffFloat(new Image2D(W, H, v.clone()), file);
        assertThat(ImageReaders.read(file)).isEqualTo(new Image2D(W, H, v));
    }

    @Test
    void readsThirtyTwoBitIntegerTiffAsSignedValues() throws Exception {
        int[] v = new SplittableRandom(14).ints(W * H, -(1 << 24), 1 << 24).toArray();
        int[] large = {0, 1, -1, 70_000, 123_456_789, 2_000_000_000, Integer.MIN_VALUE, Integer.MAX_VALUE};
        System.arraycopy(large, 0, v, 0, large.length);
        WritableRaster raster = Raster.createWritableRaster(new PixelInterleavedSampleModel(DataBuffer.TYPE_INT, W, H,
                1, W, new int[] {0}), new DataBufferInt(v.clone(), v.length), null);
        ColorModel grey = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), new int[] {32}, false,
                false, Transparency.OPAQUE, DataBuffer.TYPE_INT);
        Path file = write(new BufferedImage(grey, raster, false, null), "tiff", "i32.tif");
        BufferedImage stored = ImageIO.read(file.toFile());
        assertThat(stored.getSampleModel().getSampleSize(0)).as("bits per sample in the file").isEqualTo(32);
        assertThat(stored.getSampleModel().getDataType()).isEqualTo(DataBuffer.TYPE_INT);
        float[] expected = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            expected[i] = v[i];
        }
        Image2D read = ImageReaders.read(file);
        assertThat(read).isEqualTo(new Image2D(W, H, expected));
        assertThat(read.data()[4]).isEqualTo(123_456_792f); // 123,456,789 rounded to float32
    }

    @Test
    void everyTiffReaderGivesTheSameValues() throws Exception {
        float[] f = new float[W * H];
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (random.nextDouble() * 5000 - 2500);
        }
        Path floats = dir.resolve("floats.tif");
        ImageWriters.writeTiffFloat(new Image2D(W, H, f.clone()), floats);
        int[] v = randomInts(13, W * H, 65536);
        Path shorts = write(grey(BufferedImage.TYPE_USHORT_GRAY, v), "tiff", "shorts.tif");
        for (Path file : List.of(floats, shorts)) {
            Image2D expected = file == floats ? new Image2D(W, H, f) : new Image2D(W, H, asFloats(v));
            List<ImageReader> readers = ImageReaders.readers(file, ImageFormat.TIFF);
            assertThat(readers).extracting(r -> r.getClass().getName())
                    .anyMatch(n -> n.startsWith("com.twelvemonkeys")).anyMatch(n -> n.startsWith("com.sun.imageio"));
            for (ImageReader reader : readers) {
                try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                    assertThat(ImageReaders.toGrey(ImageReaders.read(reader, in), file))
                            .as(reader.getClass().getName() + " on " + file.getFileName()).isEqualTo(expected);
                } finally {
                    reader.dispose();
                }
            }
        }
    }

    @Test
    void readsRgbAsLuminance() throws Exception {
        int[] rgb = randomInts(4, W * H, 1 << 24);
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, W, H, rgb, 0, W);
        float[] expected = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int r = rgb[i] >> 16 & 0xFF;
            int g = rgb[i] >> 8 & 0xFF;
            int b = rgb[i] & 0xFF;
            expected[i] = (float) ((299.0 * r + 587.0 * g + 114.0 * b) / 1000.0);
        }
        assertThat(ImageReaders.read(write(image, "tiff", "rgb.tif"))).isEqualTo(new Image2D(W, H, expected));
        assertThat(ImageReaders.read(write(image, "png", "rgb.png"))).isEqualTo(new Image2D(W, H, expected));
    }

    @Test
    void greyStoredAsRgbKeepsItsValues() throws Exception {
        int[] v = randomInts(5, W * H, 256);
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < v.length; i++) {
            image.setRGB(i % W, i / W, v[i] * 0x010101);
        }
        assertThat(ImageReaders.read(write(image, "png", "greyrgb.png"))).isEqualTo(new Image2D(W, H, asFloats(v)));
    }

    @Test
    void readsPaletteImageThroughItsColours() throws Exception {
        byte[] levels = {0, 50, (byte) 200, (byte) 255};
        IndexColorModel palette = new IndexColorModel(8, 4, levels, levels, levels);
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, palette);
        int[] indices = randomInts(6, W * H, 4);
        WritableRaster raster = image.getRaster();
        raster.setPixels(0, 0, W, H, indices);
        float[] expected = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            expected[i] = levels[indices[i]] & 0xFF;
        }
        assertThat(ImageReaders.read(write(image, "png", "pal.png"))).isEqualTo(new Image2D(W, H, expected));
    }

    @Test
    void readsFlatGreyJpegExactly() throws Exception {
        int[] v = new int[W * H];
        Arrays.fill(v, 100);
        assertThat(ImageReaders.read(write(grey(BufferedImage.TYPE_BYTE_GRAY, v), "jpeg", "flat.jpg")).data())
                .containsOnly(100f);
    }

    @Test
    void dispatchesOnContentNotExtension() throws Exception {
        int[] v = randomInts(7, W * H, 65536);
        Path png = write(grey(BufferedImage.TYPE_USHORT_GRAY, v), "png", "really-a-png.tif");
        assertThat(ImageFormat.of(png)).isEqualTo(ImageFormat.PNG);
        assertThat(ImageReaders.read(png)).isEqualTo(new Image2D(W, H, asFloats(v)));
    }

    @Test
    void sixteenBitTiffAndDicomOfTheSamePixelsReadTheSame() throws Exception {
        int[] v = randomInts(8, W * H, 4096);
        Path tiff = dir.resolve("same.tif");
        ImageWriters.writeTiff16(new Image2D(W, H, asFloats(v)), tiff);
        Path dicom = dir.resolve("same");
        Files.write(dicom, DicomTestFiles.part10(DicomParser.EXPLICIT_LE)
                .pixelModule(H, W, 16, 12, false, "MONOCHROME1").pixels16(v).bytes());
        Image2D fromTiff = ImageReaders.read(tiff);
        assertThat(ImageReaders.read(dicom)).isEqualTo(fromTiff);
        assertThat(fromTiff).isEqualTo(new Image2D(W, H, asFloats(v)));
    }

    @Test
    void truncatedPngNamesTheFile() throws Exception {
        Path png = write(grey(BufferedImage.TYPE_USHORT_GRAY, randomInts(9, W * H, 65536)), "png", "cut.png");
        byte[] all = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> ImageReaders.read(png)).isInstanceOf(XNetException.class)
                .hasMessageStartingWith(png + ": truncated");
    }

    @Test
    void pngCutAfterItsImageDataIsStillTruncated() throws Exception {
        Path png = write(grey(BufferedImage.TYPE_BYTE_GRAY, new int[W * H]), "png", "noend.png");
        byte[] all = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(all, all.length - 12));
        assertThatThrownBy(() -> ImageReaders.read(png)).isInstanceOf(XNetException.class)
                .hasMessage(png + ": truncated PNG image (it does not end with an IEND chunk)");
    }

    @Test
    void truncatedTiffAndJpegNameTheFile() throws Exception {
        int[] v = randomInts(10, W * H, 256);
        for (String format : new String[] {"tiff", "jpeg"}) {
            Path file = write(grey(BufferedImage.TYPE_BYTE_GRAY, v), format, "cut." + format);
            byte[] all = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(all, all.length * 3 / 4));
            assertThatThrownBy(() -> ImageReaders.read(file)).as(format).isInstanceOf(XNetException.class)
                    .hasMessageStartingWith(file + ": truncated or corrupt");
        }
    }

    @Test
    void nonImageEmptyAndMissingFilesNameTheFile() throws Exception {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "these are my notes, not an image\n");
        assertThatThrownBy(() -> ImageReaders.read(text)).isInstanceOf(XNetException.class)
                .hasMessage(text + ": not an image (expected TIFF, PNG, JPEG or DICOM)");
        Path empty = dir.resolve("empty.tif");
        Files.createFile(empty);
        assertThatThrownBy(() -> ImageReaders.read(empty)).isInstanceOf(XNetException.class)
                .hasMessage(empty + ": empty file, not an image");
        Path missing = dir.resolve("missing.tif");
        assertThatThrownBy(() -> ImageReaders.read(missing)).isInstanceOf(XNetException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void knowsImageExtensions() {
        assertThat(ImageReaders.hasImageExtension(Path.of("a/B.TIF"))).isTrue();
        assertThat(ImageReaders.hasImageExtension(Path.of("x.dcm"))).isTrue();
        assertThat(ImageReaders.hasImageExtension(Path.of("notes.txt"))).isFalse();
        assertThat(ImageReaders.hasImageExtension(Path.of("noext"))).isFalse();
    }

    @Test
    void largeGreyTiffsDecodedBandByBandEqualTheWholeImage() throws Exception {
        int width = 97;
        int height = 61;
        float[] v = new float[width * height];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(65536);
        }
        Image2D image = new Image2D(width, height, v);
        Path sixteen = dir.resolve("big16.tif");
        ImageWriters.writeTiff16(image, sixteen);
        Path floats = dir.resolve("bigf.tif");
        ImageWriters.writeTiffFloat(new Image2D(width, height, v.clone()), floats);
        for (Path file : List.of(sixteen, floats)) {
            byte[] bytes = Files.readAllBytes(file);
            for (int band : List.of(1, width, 10 * width + 3, width * height)) {
                assertThat(ImageReaders.largeGreyTiff(bytes, "x", 0, band)).as(file + ", band " + band).isEqualTo(image);
            }
            assertThat(ImageReaders.largeGreyTiff(bytes, "x", width * height, 100)).as("not large").isNull();
        }
    }

    @Test
    void aTruncatedLargeTiffIsLeftToTheWholeImageDecoderWhichNamesTheFile() throws Exception {
        int width = 97;
        int height = 61;
        Path file = dir.resolve("cut.tif");
        ImageWriters.writeTiff16(new Image2D(width, height, new float[width * height]), file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> ImageReaders.largeGreyTiff(cut, "cut.tif", 0, width))
                .isInstanceOf(XNetException.class).hasMessageStartingWith("cut.tif: ");
        assertThatThrownBy(() -> ImageReaders.read(cut, "cut.tif"))
                .isInstanceOf(XNetException.class).hasMessageStartingWith("cut.tif: ");
    }

    @Test
    void colourTiffsAreNotDecodedInBands() throws Exception {
        BufferedImage rgb = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        byte[] bytes = Files.readAllBytes(write(rgb, "tiff", "rgb.tif"));
        assertThat(ImageReaders.largeGreyTiff(bytes, "rgb.tif", 0, 8)).isNull();
    }
}
