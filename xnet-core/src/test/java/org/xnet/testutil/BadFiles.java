package org.xnet.testutil;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.xnet.core.Image2D;
import org.xnet.core.XNetException;
import org.xnet.io.DicomTestFiles;
import org.xnet.io.ImageWriters;
import org.xnet.io.NiftiTestFiles;

/**
 * Small damaged files for the bad-input corpus, each written from scratch or from a small valid
 * file cut or patched at a documented offset: images (TIFF, PNG, JPEG, DICOM), NIfTI volumes,
 * HDF5 dataset files and model archives.
 */
public final class BadFiles {
    /** A DICOM transfer syntax this project does not decode (JPEG baseline). */
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    /** JPEG 2000 lossless, which the project decodes. */
    public static final String JPEG_2000 = "1.2.840.10008.1.2.4.90";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    private BadFiles() {
    }

    /** A 16-bit greyscale TIFF of {@code w x h} pixels, {@code value(x, y)} each. */
    public static Path tiff16(Path file, int w, int h, PixelValue value) throws XNetException {
        ImageWriters.writeTiff16(image(w, h, value), file);
        return file;
    }

    /** A float32 TIFF of {@code w x h} pixels of 0.5, the first {@code bad} of them {@code badValue}. */
    public static Path floatTiff(Path file, int w, int h, int bad, float badValue) throws XNetException {
        ImageWriters.writeTiffFloat(image(w, h, (x, y) -> y * w + x < bad ? badValue : 0.5f), file);
        return file;
    }

    /** A pixel value at (x, y). */
    public interface PixelValue {
        float at(int x, int y);
    }

    private static Image2D image(int w, int h, PixelValue value) {
        float[] data = new float[w * h];
        for (int i = 0; i < data.length; i++) {
            data[i] = value.at(i % w, i / w);
        }
        return new Image2D(w, h, data);
    }

    /** A greyscale picture in {@code format} ("png", "jpg") of a gradient, written by ImageIO. */
    public static Path picture(Path file, String format, int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster().setSample(x, y, 0, (x * 16 + y * 5) & 0xFF);
            }
        }
        ImageIO.write(image, format, file.toFile());
        return file;
    }

    /** Keeps the first {@code keep} of {@code file}'s bytes (a fraction of its length). */
    public static Path cut(Path file, double keep) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, (int) (bytes.length * keep)));
        return file;
    }

    /** Writes {@code bytes} to {@code file}. */
    public static Path bytes(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, bytes);
        return file;
    }

    /** A little-endian TIFF header and IFD declaring {@code w x h} 8-bit grey pixels, with one byte of data. */
    public static Path tiffHeader(Path file, long w, long h) throws IOException {
        int[][] tags = {{256, 4, (int) w}, {257, 4, (int) h}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
            {273, 4, 8}, {277, 3, 1}, {278, 4, (int) h}, {279, 4, 1}};
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 12 * tags.length + 4 + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) tags.length);
        for (int[] t : tags) {
            b.putShort((short) t[0]).putShort((short) t[1]).putInt(1);
            if (t[1] == 3) {
                b.putShort((short) t[2]).putShort((short) 0);
            } else {
                b.putInt(t[2]);
            }
        }
        b.putInt(0).put((byte) 7);
        return bytes(file, b.array());
    }

    /** A PNG with a valid IHDR declaring {@code w x h} 8-bit grey pixels, an empty IDAT and IEND. */
    public static Path pngHeader(Path file, int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0).put((byte) 0)
                .put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return bytes(file, out.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A small JPEG by ImageIO whose frame header (SOF0) is patched to declare {@code w x h} pixels. */
    public static Path jpegDeclaring(Path file, int w, int h) throws IOException {
        byte[] b = Files.readAllBytes(picture(file, "jpg", 16, 16));
        for (int i = 0; i + 8 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xC0) {
                b[i + 5] = (byte) (h >> 8);
                b[i + 6] = (byte) h;
                b[i + 7] = (byte) (w >> 8);
                b[i + 8] = (byte) w;
                return bytes(file, b);
            }
        }
        throw new IllegalStateException("no SOF0 marker in ImageIO's JPEG");
    }

    /** A DICOM Part 10 file of a {@code rows x columns} 16-bit image; pixel data only when {@code pixels}. */
    public static byte[] dicom(int rows, int columns, boolean pixels) {
        DicomTestFiles f = DicomTestFiles.part10(EXPLICIT_LE).pixelModule(rows, columns, 16, 12, false,
                "MONOCHROME2");
        if (pixels) {
            f.pixels16(new int[(int) Math.min((long) rows * columns, 64)]);
        }
        return f.bytes();
    }

    /** An 8x8 DICOM whose pixel data is encapsulated in {@code syntax}, one fragment of {@code fragment}. */
    public static byte[] encapsulatedDicom(String syntax, byte[] fragment) {
        return DicomTestFiles.part10(syntax).pixelModule(8, 8, 16, 12, false, "MONOCHROME2")
                .encapsulated(List.of(fragment)).bytes();
    }

    /** An encapsulated DICOM whose fragment item declares more bytes than the file holds. */
    public static byte[] cutFragmentDicom() {
        byte[] whole = encapsulatedDicom(JPEG_2000, new byte[64]);
        int tail = 8 + 64 + 8; // the fragment item header, its value, the sequence delimiter
        return Arrays.copyOf(whole, whole.length - tail + 8 + 20);
    }

    /** A valid 4x4x4 int16 NIfTI-1 volume (1 mm voxels, RAS sform). */
    public static Path nifti(Path file) throws IOException {
        short[] values = new short[64];
        Arrays.fill(values, (short) 100);
        NiftiTestFiles.writeInt16(file, 4, 4, 4, values, new double[] {1, 1, 1}, 0f, 0f, ByteOrder.LITTLE_ENDIAN);
        return file;
    }

    /** Overwrites the little-endian float32 at {@code offset} of {@code file}. */
    public static Path patchFloat(Path file, int offset, float value) throws IOException {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(offset, value);
        return bytes(file, b);
    }

    /** Overwrites the little-endian int16 at {@code offset} of {@code file}. */
    public static Path patchShort(Path file, int offset, short value) throws IOException {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, value);
        return bytes(file, b);
    }

    /**
     * An HDF5 file in the XNet layout for {@code size}x{@code size} images with the training datasets
     * {@code datasets} (names to nested arrays), so that tests can leave one out or give it a wrong shape.
     */
    public static Path hdf5(Path file, int size, Map<String, Object> datasets) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putAttribute("image_size", (long) size);
            hdf.putAttribute("max_value", 1.0);
            hdf.putAttribute("min_value", 0.0);
            datasets.forEach(hdf::putDataset);
        }
        return file;
    }

    /** The four training datasets of two {@code size}x{@code size} images (labels all open beam). */
    public static Map<String, Object> trainDatasets(int size) {
        byte[][][][] labels = new byte[2][size][size][3];
        for (byte[][][] image : labels) {
            for (byte[][] row : image) {
                for (byte[] pixel : row) {
                    pixel[0] = 1;
                }
            }
        }
        Map<String, Object> datasets = new LinkedHashMap<>();
        datasets.put("train_img", new double[2][size][size][1]);
        datasets.put("train_label", labels);
        datasets.put("train_bodypart", new String[] {"hand", "hand"});
        datasets.put("train_file", new String[] {"a.tif", "b.tif"});
        return datasets;
    }

    /** The entries of a model archive (name to bytes, in order). */
    public static Map<String, byte[]> entries(Path model) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(model)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                out.put(e.getName(), zip.readAllBytes());
            }
        }
        return out;
    }

    /** A zip archive of {@code entries}, deflated, as {@code java.util.zip} writes it. */
    public static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes(file, bytes.toByteArray());
    }

    /**
     * A zip archive whose first entry, {@code name}, is stored and whose local header declares
     * {@code declared} bytes (sizes at offsets 18 and 22) while holding {@code content}.
     */
    public static Path zipDeclaring(Path file, String name, byte[] content, long declared) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry(name);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.length);
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        }
        byte[] b = bytes.toByteArray();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(18, (int) declared).putInt(22, (int) declared);
        return bytes(file, b);
    }

    /** {@code text} in UTF-8. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
