package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Image2D;
import org.xnet.core.XNetException;
import org.xnet.testutil.SharedData;

/**
 * {@link ImageReaders#read(byte[], String)} and {@link ImageReaders#read(InputStream, String)}: the
 * same image as reading the file, errors that name the given name, the format told by content.
 */
class ImageReadersBytesTest {

    // DicomReaderTest.losslessJ2k encodes images of its own size
    private static final int W = 6;
    private static final int H = 4;

    @TempDir
    Path dir;

    private static int[] randomInts(long seed, int bound) {
        return new SplittableRandom(seed).ints(W * H, 0, bound).toArray();
    }

    private static float[] asFloats(int[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = values[i];
        }
        return f;
    }

    private static BufferedImage grey(int type, int[] values) {
        BufferedImage image = new BufferedImage(W, H, type);
        image.getRaster().setPixels(0, 0, W, H, values);
        return image;
    }

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path file = dir.resolve(name);
        assertThat(ImageIO.write(image, format, file.toFile())).as("writer for " + format).isTrue();
        return file;
    }

    private Path save(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** One file of every kind the io tests read: TIFF 8/16/32-bit, PNG, JPEG, DICOM native and JPEG 2000. */
    private List<Path> everyFormat() throws Exception {
        List<Path> files = new ArrayList<>();
        int[] v8 = randomInts(1, 256);
        int[] v16 = randomInts(2, 65536);
        files.add(write(grey(BufferedImage.TYPE_BYTE_GRAY, v8), "tiff", "g8.tif"));
        files.add(write(grey(BufferedImage.TYPE_USHORT_GRAY, v16), "tiff", "g16.tif"));
        files.add(write(grey(BufferedImage.TYPE_BYTE_GRAY, v8), "png", "g8.png"));
        files.add(write(grey(BufferedImage.TYPE_USHORT_GRAY, v16), "png", "g16.png"));
        files.add(write(grey(BufferedImage.TYPE_BYTE_GRAY, v8), "jpeg", "g8.jpg"));
        BufferedImage rgb = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, W, H, new SplittableRandom(3).ints(W * H, 0, 1 << 24).toArray(), 0, W);
        files.add(write(rgb, "png", "rgb.png"));
        files.add(write(rgb, "jpeg", "rgb.jpg"));
        byte[] levels = {0, 50, (byte) 200, (byte) 255};
        BufferedImage palette = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 4, levels, levels, levels));
        palette.getRaster().setPixels(0, 0, W, H, randomInts(4, 4));
        files.add(write(palette, "png", "palette.png"));

        float[] f = new float[W * H];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (random.nextDouble() * 2000 - 1000);
        }
        Path floats = dir.resolve("f32.tif");
        ImageWriters.writeTiffFloat(new Image2D(W, H, f), floats);
        files.add(floats);
        int[] ints = new SplittableRandom(6).ints(W * H, -(1 << 24), 1 << 24).toArray();
        Raster raster = Raster.createWritableRaster(new PixelInterleavedSampleModel(DataBuffer.TYPE_INT, W, H, 1, W,
                new int[] {0}), new DataBufferInt(ints, ints.length), null);
        ComponentColorModel grey32 = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
                new int[] {32}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_INT);
        files.add(write(new BufferedImage(grey32, (java.awt.image.WritableRaster) raster, false, null), "tiff",
                "i32.tif"));

        int[] v12 = randomInts(7, 4096);
        files.add(save("explicit.dcm", DicomTestFiles.part10(DicomParser.EXPLICIT_LE)
                .pixelModule(H, W, 16, 12, false, "MONOCHROME2").text(DicomObject.RESCALE_SLOPE, "DS", "0.5")
                .pixels16(v12).bytes()));
        files.add(save("implicit", DicomTestFiles.part10(DicomParser.IMPLICIT_LE)
                .pixelModule(H, W, 16, 12, false, "MONOCHROME1").pixels16(v12).bytes()));
        files.add(save("bare.dcm", DicomTestFiles.bare(true).pixelModule(H, W, 8, 8, false, "MONOCHROME2")
                .pixels8(v8).bytes()));
        files.add(save("j2k.dcm", DicomTestFiles.part10("1.2.840.10008.1.2.4.90")
                .pixelModule(H, W, 8, 8, false, "MONOCHROME2")
                .encapsulated(List.of(DicomReaderTest.losslessJ2k(v8, BufferedImage.TYPE_BYTE_GRAY, 5))).bytes()));
        return files;
    }

    @Test
    void everyFormatReadFromBytesOrAStreamEqualsTheFileRead() throws Exception {
        for (Path file : everyFormat()) {
            Image2D fromFile = ImageReaders.read(file);
            byte[] bytes = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            assertThat(ImageReaders.read(bytes, name)).as(name).isEqualTo(fromFile);
            try (InputStream in = Files.newInputStream(file)) {
                assertThat(ImageReaders.read(in, name)).as(name + " as a stream").isEqualTo(fromFile);
            }
        }
    }

    @Test
    void sharedRadiographsReadFromBytesEqualTheFileRead() throws Exception {
        for (String name : List.of("RG3_J2KR_raw_16bit.tif", "RG3_J2KR_raw.dcm", "RG1_J2KI.dcm")) {
            Path file = SharedData.file("radiographs/" + name);
            assertThat(ImageReaders.read(Files.readAllBytes(file), name)).as(name).isEqualTo(ImageReaders.read(file));
        }
    }

    @Test
    void theFormatIsToldByContentWhateverTheName() throws Exception {
        int[] v16 = randomInts(8, 65536);
        Image2D expected16 = new Image2D(W, H, asFloats(v16));
        byte[] png = Files.readAllBytes(write(grey(BufferedImage.TYPE_USHORT_GRAY, v16), "png", "a.png"));
        byte[] tiff = Files.readAllBytes(write(grey(BufferedImage.TYPE_USHORT_GRAY, v16), "tiff", "a.tif"));
        assertThat(ImageReaders.read(png, "scan.dcm")).isEqualTo(expected16);
        assertThat(ImageReaders.read(tiff, "photo.jpg")).isEqualTo(expected16);
        assertThat(ImageReaders.read(tiff, "no-extension")).isEqualTo(expected16);

        Path jpegFile = write(grey(BufferedImage.TYPE_BYTE_GRAY, randomInts(9, 256)), "jpeg", "a.jpg");
        assertThat(ImageReaders.read(Files.readAllBytes(jpegFile), "label.png")).isEqualTo(ImageReaders.read(jpegFile));

        int[] v12 = randomInts(10, 4096);
        byte[] dicom = DicomTestFiles.part10(DicomParser.EXPLICIT_LE).pixelModule(H, W, 16, 12, false, "MONOCHROME1")
                .pixels16(v12).bytes();
        assertThat(ImageReaders.read(dicom, "image.tif")).isEqualTo(new Image2D(W, H, asFloats(v12)));
    }

    @Test
    void aDicomDataSetWithoutPreambleIsRecognisedByItsName() throws Exception {
        int[] v = randomInts(11, 256);
        byte[] bare = DicomTestFiles.bare(false).pixelModule(H, W, 8, 8, false, "MONOCHROME1").pixels8(v).bytes();
        assertThat(ImageReaders.read(bare, "slice.DCM")).isEqualTo(new Image2D(W, H, asFloats(v)));
        assertThat(ImageReaders.read(bare, "slice.dicom")).isEqualTo(new Image2D(W, H, asFloats(v)));
        assertThatThrownBy(() -> ImageReaders.read(bare, "slice.bin")).isInstanceOf(XNetException.class)
                .hasMessage("slice.bin: not an image (expected TIFF, PNG, JPEG or DICOM)");
    }

    @Test
    void truncatedBytesOfEveryFormatNameTheGivenName() throws Exception {
        int[] v = randomInts(12, 256);
        for (String format : List.of("tiff", "png", "jpeg")) {
            byte[] all = Files.readAllBytes(write(grey(BufferedImage.TYPE_BYTE_GRAY, v), format, "whole." + format));
            String name = "upload-" + format;
            assertThatThrownBy(() -> ImageReaders.read(Arrays.copyOf(all, all.length * 3 / 4), name)).as(format)
                    .isInstanceOf(XNetException.class).hasMessageStartingWith(name + ": truncated");
        }
        byte[] dicom = DicomTestFiles.part10(DicomParser.EXPLICIT_LE).pixelModule(H, W, 8, 8, false, "MONOCHROME2")
                .pixels8(v).bytes();
        assertThatThrownBy(() -> ImageReaders.read(Arrays.copyOf(dicom, dicom.length - 10), "record 17"))
                .isInstanceOf(XNetException.class)
                .hasMessageStartingWith("record 17: not a readable DICOM file: truncated: the pixel data at byte");
    }

    @Test
    void garbageEmptyAndUnreadableInputsNameTheGivenName() {
        byte[] text = "these are my notes, not an image\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ImageReaders.read(text, "notes.png")).isInstanceOf(XNetException.class)
                .hasMessage("notes.png: not an image (expected TIFF, PNG, JPEG or DICOM)");
        byte[] noise = new byte[4096];
        new SplittableRandom(13).nextBytes(noise);
        noise[0] = 'x';
        assertThatThrownBy(() -> ImageReaders.read(noise, "part-00003")).isInstanceOf(XNetException.class)
                .hasMessage("part-00003: not an image (expected TIFF, PNG, JPEG or DICOM)");
        byte[] tiffHeadThenNoise = noise.clone();
        System.arraycopy(new byte[] {'I', 'I', 42, 0}, 0, tiffHeadThenNoise, 0, 4);
        assertThatThrownBy(() -> ImageReaders.read(tiffHeadThenNoise, "part-00004")).isInstanceOf(XNetException.class)
                .hasMessageStartingWith("part-00004: truncated or corrupt TIFF image (");
        assertThatThrownBy(() -> ImageReaders.read(new byte[0], "empty upload")).isInstanceOf(XNetException.class)
                .hasMessage("empty upload: empty file, not an image");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> ImageReaders.read(failing, "s3://bucket/x.tif")).isInstanceOf(XNetException.class)
                .hasMessageStartingWith("s3://bucket/x.tif: cannot read (").hasMessageContaining("connection reset");
    }

    @Test
    void aStreamIsReadToItsEndAndLeftOpen() throws Exception {
        int[] v = randomInts(14, 65536);
        byte[] png = Files.readAllBytes(write(grey(BufferedImage.TYPE_USHORT_GRAY, v), "png", "s.png"));
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream(png) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertThat(ImageReaders.read(in, "s.png")).isEqualTo(new Image2D(W, H, asFloats(v)));
        assertThat(in.available()).isZero();
        assertThat(closed[0]).isFalse();
    }
}
