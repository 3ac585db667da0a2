package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.xnet.core.Image2D;
import org.xnet.core.XNetException;

/**
 * {@link ImageFileChecks}: files written by a real encoder at its best compression (a constant
 * image) are read, and the same files with a header enlarged past what their data can code are
 * refused before decoding, with one line naming the file. A constant image is the worst case for
 * the bounds: if an encoder could beat them, these files would be refused.
 */
class ImageFileChecksTest {

    private static final int SIDE = 1024;

    private static BufferedImage constantGrey(int side) {
        return new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY); // all 0
    }

    /**
     * {@code image} as written by TwelveMonkeys' writer where there is one (its LZW codes a constant
     * 1024 x 1024 image in 2 KB, the JDK's in 20 KB: the stricter case for the bounds), else the
     * first; chosen by name, as the registry's order differs from run to run.
     */
    private static byte[] write(BufferedImage image, String format, String compression) throws Exception {
        List<ImageWriter> writers = new ArrayList<>();
        ImageIO.getImageWritersByFormatName(format).forEachRemaining(writers::add);
        ImageWriter writer = writers.stream().filter(w -> w.getClass().getName().startsWith("com.twelvemonkeys"))
                .findFirst().orElse(writers.get(0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (compression != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compression);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static Image2D zeros(int side) {
        return new Image2D(side, side, new float[side * side]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PackBits", "LZW", "Deflate"})
    void aConstantTiffIsReadAndOneDeclaringMorePixelsThanItsStripsHoldIsRefused(String compression) throws Exception {
        byte[] tiff = write(constantGrey(SIDE), "tiff", compression);
        assertThat(ImageReaders.read(tiff, "flat.tif")).isEqualTo(zeros(SIDE));

        byte[] tall = setTiffTag(tiff, 257, 60_000); // ImageLength: 58 times the rows, the same strips
        assertThatThrownBy(() -> ImageReaders.read(tall, "tall.tif")).isInstanceOf(XNetException.class)
                .hasMessageStartingWith("tall.tif: truncated or corrupt TIFF image (the header declares 1,024 x 60,000 pixels")
                .hasMessageContaining("bytes of strips or tiles can hold at most");
    }

    @Test
    void anUncompressedTiffWhoseStripsAreShortIsRefusedNotFilledWithZeros() throws Exception {
        byte[] tiff = write(constantGrey(64), "tiff", null);
        assertThat(ImageReaders.read(tiff, "whole.tif")).isEqualTo(zeros(64));

        byte[] tall = setTiffTag(tiff, 257, 65); // one row more than the strips hold
        assertThatThrownBy(() -> ImageReaders.read(tall, "short.tif")).isInstanceOf(XNetException.class)
                .hasMessage("short.tif: truncated or corrupt TIFF image (the header declares 64 x 65 pixels,"
                        + " 4,160 bytes of image data; its 4,096 bytes of strips or tiles can hold at most 4,096)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7})
    void aTiffWhoseFirstDirectoryStartsInsideTheHeaderIsRefusedBeforeAnyReaderRuns(int offset) throws Exception {
        // offset 0 was a fuzz finding: jai-imageio read a "directory" of 19,789 entries from the header itself
        byte[] tiff = write(constantGrey(8), "tiff", null);
        ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).putInt(4, offset);
        assertThatThrownBy(() -> ImageReaders.read(tiff, "header.tif")).isInstanceOf(XNetException.class)
                .hasMessage("header.tif: truncated or corrupt TIFF image (its first directory starts at byte " + offset
                        + ", inside the 8-byte header)");
    }

    @Test
    void aConstantPngIsReadAndOneDeclaringMorePixelsThanItsDataHoldsIsRefused() throws Exception {
        byte[] png = write(constantGrey(2 * SIDE), "png", null);
        assertThat(ImageReaders.read(png, "flat.png")).isEqualTo(zeros(2 * SIDE));
        long idat = ByteBuffer.wrap(png).getInt(33); // the JDK writes IDAT right after IHDR
        assertThat(4L * SIDE * SIDE / idat).as("the writer's ratio, below deflate's 1032").isBetween(100L, 1032L);

        byte[] tall = png.clone();
        ByteBuffer.wrap(tall).putInt(20, 64 * SIDE); // IHDR height
        assertThatThrownBy(() -> ImageReaders.read(tall, "tall.png")).isInstanceOf(XNetException.class)
                .hasMessageStartingWith("tall.png: truncated or corrupt PNG image (the header declares 2,048 x 65,536 pixels,"
                        + " 134,217,728 bytes of image data; its " + String.format("%,d", idat) + " bytes of compressed data");
    }

    @Test
    void aConstantGifIsReadAndAPcxDeclaringMillionsOfPixelsInAFewBytesIsRefused() throws Exception {
        byte[] gif = write(constantGrey(SIDE), "gif", null);
        assertThat((long) SIDE * SIDE / gif.length).as("GIF's pixels per byte").isLessThan(ImageFileChecks.OTHER_PIXELS_PER_BYTE);
        assertThat(ImageReaders.read(gif, "flat.gif")).isEqualTo(zeros(SIDE));

        // LabelFuzzTest's finding 13: a 75-byte PCX whose header declares 7197 x 9245 pixels
        byte[] pcx = Files.readAllBytes(Path.of("src/test/resources/org/xnet/io/LabelFuzzTestInputs/read",
                "regression-pcx-declares-66-million-pixels-in-75-bytes"));
        assertThatThrownBy(() -> ImageReaders.read(pcx, "bomb.pcx")).isInstanceOf(XNetException.class)
                .hasMessage("bomb.pcx: truncated or corrupt image (the header declares 7,197 x 9,245 pixels;"
                        + " its 75 bytes can code at most 4,096 pixels per byte in this format)");
    }

    /** {@code tiff} with the inline SHORT or LONG value of {@code tag} in its first directory replaced. */
    private static byte[] setTiffTag(byte[] tiff, int tag, int value) {
        byte[] copy = tiff.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(copy[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = b.getInt(4);
        for (int i = 0; i < (b.getShort(ifd) & 0xFFFF); i++) {
            int at = ifd + 2 + 12 * i;
            if ((b.getShort(at) & 0xFFFF) == tag) {
                if (b.getShort(at + 2) == 3) {
                    b.putShort(at + 8, (short) value);
                } else {
                    b.putInt(at + 8, value);
                }
                return copy;
            }
        }
        throw new IllegalArgumentException("no tag " + tag);
    }
}
