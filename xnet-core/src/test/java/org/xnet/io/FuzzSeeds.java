package org.xnet.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelSpec;

/**
 * Regenerates the small valid seed inputs of the fuzz tests ({@code *FuzzTest}) in Jazzer's
 * inputs-directory layout, {@code src/test/resources/PACKAGE/CLASSInputs/METHOD/}. Not a test: run
 * it from the repository root when a format changes, e.g.
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.xnet.io.FuzzSeeds}
 * (after {@code mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt}). Seeds are fixed by
 * seed numbers; regression inputs (files named {@code crash-*} or {@code regression-*}) are kept
 * beside them and are not touched.
 */
public final class FuzzSeeds {
    private static final Path RESOURCES = Path.of("src/test/resources");
    private static final int W = 6;
    private static final int H = 4;

    private FuzzSeeds() {
    }

    public static void main(String[] args) throws Exception {
        Path io = RESOURCES.resolve("org/xnet/io");
        dicom(io.resolve("DicomFuzzTestInputs/read"));
        images(io.resolve("ImageFuzzTestInputs/read"));
        labels(io.resolve("LabelFuzzTestInputs/read"));
        nifti(io.resolve("NiftiFuzzTestInputs/read"));
        nifti(io.resolve("NiftiFuzzTestInputs/readGzipped"));
        datasets(io.resolve("DatasetFileFuzzTestInputs/read"));
        models(RESOURCES.resolve("org/xnet/model/ModelFileFuzzTestInputs/readMetadata"));
    }

    private static void dicom(Path dir) throws Exception {
        int[] v16 = ints(1, W * H, 4096);
        int[] v8 = ints(2, W * H, 256);
        save(dir, "explicit-le-16bit.dcm", DicomTestFiles.part10(DicomParser.EXPLICIT_LE)
                .text(0x0008_0060, "CS", "CR").pixelModule(H, W, 16, 12, false, "MONOCHROME2")
                .text(0x0028_1052, "DS", "-1024").text(0x0028_1053, "DS", "2").pixels16(v16).bytes());
        save(dir, "implicit-le-8bit-monochrome1.dcm", DicomTestFiles.part10(DicomParser.IMPLICIT_LE)
                .pixelModule(H, W, 8, 8, false, "MONOCHROME1").pixels8(v8).bytes());
        save(dir, "bare-explicit-signed.dcm", DicomTestFiles.bare(true)
                .pixelModule(H, W, 16, 16, true, "MONOCHROME2").pixels16(v16).bytes());
        byte[] inner = DicomTestFiles.bare(true).us(DicomObject.ROWS, 9).us(DicomObject.COLUMNS, 9).bytes();
        save(dir, "sequence-then-pixels.dcm", DicomTestFiles.part10(DicomParser.EXPLICIT_LE)
                .undefinedSequence(0x0008_1140, inner).pixelModule(H, W, 16, 12, false, "MONOCHROME2")
                .pixels16(v16).bytes());
        byte[] j2k = DicomReaderTest.losslessJ2k(v16, BufferedImage.TYPE_USHORT_GRAY, 1);
        int cut = j2k.length / 2;
        save(dir, "jpeg2000-two-fragments.dcm", DicomTestFiles.part10("1.2.840.10008.1.2.4.90")
                .pixelModule(H, W, 16, 12, false, "MONOCHROME1")
                .encapsulated(List.of(java.util.Arrays.copyOfRange(j2k, 0, cut),
                        java.util.Arrays.copyOfRange(j2k, cut, j2k.length))).bytes());
    }

    private static void images(Path dir) throws Exception {
        Image2D grey = image(3, 5000);
        Files.createDirectories(dir);
        ImageWriters.writeTiff16(grey, dir.resolve("grey16.tif"));
        ImageWriters.writeTiffFloat(image(4, 1), dir.resolve("float32.tif"));
        ImageWriters.writePng8(grey, dir.resolve("grey8.png"));
        BufferedImage rgb = rgb(5);
        ImageIO.write(rgb, "png", dir.resolve("rgb.png").toFile());
        ImageIO.write(rgb, "jpeg", dir.resolve("rgb.jpg").toFile());
        BufferedImage grey16 = new BufferedImage(W, H, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setPixels(0, 0, W, H, ints(6, W * H, 65536));
        ImageIO.write(grey16, "png", dir.resolve("grey16.png").toFile());
    }

    private static void labels(Path dir) throws Exception {
        Random random = new Random(7);
        int size = 16;
        byte[] blocks = new byte[4];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = (byte) random.nextInt(SegClass.COUNT);
        }
        byte[] classes = new byte[size * size];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = blocks[(i / size / 8) * 2 + (i % size) / 8];
        }
        LabelMap labels = new LabelMap(size, size, classes);
        Files.createDirectories(dir);
        LabelImages.writeColour(labels, dir.resolve("colour.png"));
        LabelImages.writeIndex(labels, dir.resolve("index.png"));
        // no JPEG label seed: JPEG labels are refused today (issue 16, part 1); ImageFuzzTest covers JPEG
    }

    private static void nifti(Path dir) throws IOException {
        Files.createDirectories(dir);
        short[] v = new short[2 * 3 * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) (i * 37 - 100);
        }
        NiftiTestFiles.writeInt16(dir.resolve("int16-le.nii"), 2, 3, 2, v, new double[] {-1, 1.5, 2}, 2f, -5f,
                ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[3 * 2 * 2];
        for (int i = 0; i < f.length; i++) {
            f[i] = i / 3f;
        }
        NiftiTestFiles.writeFloatQform(dir.resolve("float32-qform.nii"), 3, 2, 2, f, new double[] {1, 1, 2}, 0.1, 0.2, 0.3, -1);
        NiftiTestFiles.writeTyped(dir.resolve("uint8-be.nii"), 5, Nifti.UINT8, new double[] {0, 1, 2, 250, 255},
                0f, 0f, ByteOrder.BIG_ENDIAN);
    }

    private static void datasets(Path dir) throws Exception {
        Files.createDirectories(dir);
        DatasetFile.write(TestDatasets.dataset(8, 1, 1, 0, 4), dir.resolve("jhdf-written.h5"));
        Files.copy(RESOURCES.resolve("h5/original_contiguous.h5"), dir.resolve("h5py-contiguous.h5"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void models(Path dir) throws Exception {
        Files.createDirectories(dir);
        ModelFile.writeUntrained(dir.resolve("tiny-xnet.xnet"), ModelSpec.xnet().withFilters(1, 1, 1, 1), 8, 9);
    }

    private static void save(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }

    private static int[] ints(long seed, int n, int bound) {
        return new Random(seed).ints(n, 0, bound).toArray();
    }

    private static Image2D image(long seed, float scale) {
        Random random = new Random(seed);
        float[] data = new float[W * H];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat() * scale;
        }
        return new Image2D(W, H, data);
    }

    private static BufferedImage rgb(long seed) {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }
}
