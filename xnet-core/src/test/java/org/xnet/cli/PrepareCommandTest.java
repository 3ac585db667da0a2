package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Resize;
import org.xnet.io.DatasetFile;
import org.xnet.io.ImageWriters;
import org.xnet.io.LabelImages;

/** {@code xnet prepare} end to end on small real files, and every kind of bad input. */
class PrepareCommandTest {
    private static final String[] NAMES = {"hand_1", "hand_2", "hand_3", "leftknee_1", "leftknee_2", "nof_1", "nof_2",
            "nof_3", "skull_1", "hand_4"};

    @TempDir
    Path dir;

    @Test
    void writesTheDatasetAndPrintsTheSummary() throws Exception {
        writePairs(NAMES.length);
        Path out = dir.resolve("data.h5");
        CliRun run = prepare(out, "--size", "16", "--seed", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Dataset d = DatasetFile.read(out);
        assertThat(d.imageSize()).isEqualTo(16);
        assertThat(d.all()).hasSize(NAMES.length);
        assertThat(d.test().size() + d.validation().size()).isEqualTo(3);
        assertThat(d.maxValue()).isLessThanOrEqualTo(65535).isGreaterThan(d.minValue());
        assertThat(run.out()).contains("wrote " + out).contains("neckoffemur").contains("knee").contains("soft tissue");
        CliRun again = prepare(dir.resolve("again.h5"), "--size", "16", "--seed", "3");
        assertThat(again.exitCode()).isZero();
        assertThat(DatasetFile.sha256(dir.resolve("again.h5"))).isEqualTo(DatasetFile.sha256(out));
        CliRun info = CliRun.of("dataset", "info", out.toString());
        assertThat(info.out()).endsWith(run.out().substring(run.out().indexOf("image size")));
    }

    @Test
    void missingLabel() throws Exception {
        writePairs(6);
        Files.delete(dir.resolve("labels/hand_2onehot.png"));
        assertFails(prepare(dir.resolve("o.h5")), "hand_2.tif", "without a label");
    }

    @Test
    void labelWithoutImage() throws Exception {
        writePairs(6);
        Files.delete(dir.resolve("images/group/hand_3.tif"));
        assertFails(prepare(dir.resolve("o.h5")), "hand_3onehot.png", "without an image");
    }

    @Test
    void labelOfDifferentAspect() throws Exception {
        writePairs(6);
        LabelImages.writeColour(new LabelMap(30, 20), dir.resolve("labels/hand_1onehot.png"));
        assertFails(prepare(dir.resolve("o.h5")), "hand_1onehot.png", "30x20 but image");
    }

    @Test
    void foreignColourLabel() throws Exception {
        writePairs(6);
        writeRedColumns(16);
        assertFails(prepare(dir.resolve("o.h5")), "leftknee_1onehot.png", "480 of 900 pixels (53.3 %)");
    }

    @Test
    void aLabelWithAThirdForeignColourIsReadWithAWarning() throws Exception {
        writePairs(6);
        writeRedColumns(10);
        CliRun run = prepare(dir.resolve("o.h5"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().strip()).isEqualTo("xnet: warning: " + dir.resolve("labels/leftknee_1onehot.png")
                + ": 300 of 900 pixels (33.3 %) are far from every label colour (JPEG edges?); each took the nearest "
                + "colour's class");
    }

    /** labels/leftknee_1onehot.png: its first {@code columns} of 30 columns red, far from every label colour. */
    private void writeRedColumns(int columns) throws Exception {
        BufferedImage red = new BufferedImage(30, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 30; x++) {
                red.setRGB(x, y, x < columns ? 0xFF0000 : 0xFFFFFF);
            }
        }
        ImageIO.write(red, "png", dir.resolve("labels/leftknee_1onehot.png").toFile());
    }

    @Test
    void truncatedImage() throws Exception {
        writePairs(6);
        cut(dir.resolve("images/group/hand_2.tif"), 3);
        assertFails(prepare(dir.resolve("o.h5")), "hand_2.tif", "truncated");
    }

    @Test
    void notAnImage() throws Exception {
        writePairs(6);
        Files.writeString(dir.resolve("images/group/hand_1.tif"), "this is text");
        assertFails(prepare(dir.resolve("o.h5")), "hand_1.tif", "not an image");
    }

    @Test
    void emptyFolder() throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("labels"));
        assertFails(prepare(dir.resolve("o.h5")), dir.resolve("images").toString(), "no images");
    }

    @Test
    void unwritableOutput() throws Exception {
        writePairs(6);
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        CliRun run = prepare(file.resolve("o.h5"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1).first().asString().contains(file.resolve("o.h5").toString());
        assertThat(dir.resolve("o.h5")).doesNotExist();
    }

    @Test
    void customColoursAreUsedAndKeysLeftOutKeepTheirDefaults() throws Exception {
        writePairs(6);
        int[] colours = {0x000000, 0x00FF00, 0xFF0000};
        byte[] classes = new byte[900];
        for (int i = 0; i < 6; i++) {
            BufferedImage label = new BufferedImage(30, 30, BufferedImage.TYPE_INT_RGB);
            for (int p = 0; p < 900; p++) {
                classes[p] = (byte) ((p % 30) / 10);
                // one dull green pixel: 95 from green in its G channel, nearest to green
                label.setRGB(p % 30, p / 30, p == 15 ? 0x00A000 : colours[classes[p]]);
            }
            ImageIO.write(label, "png", dir.resolve("labels/" + NAMES[i] + "onehot.png").toFile());
        }
        assertFails(prepare(dir.resolve("o.h5")), "onehot.png", "far from every label colour");
        String custom = "\"colours\": [\"#000000\", \"#00ff00\", \"#FF0000\"], \"farThreshold\": 60";
        Path tight = Files.writeString(dir.resolve("tight.json"), "{" + custom + ", \"maxFarFraction\": 0.001}");
        assertFails(prepare(dir.resolve("o.h5"), "--colours", tight.toString()), "onehot.png", "1 of 900 pixels");
        Path table = Files.writeString(dir.resolve("colours.json"), "{" + custom + "}");
        Path out = dir.resolve("custom.h5");
        CliRun run = prepare(out, "--colours", table.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        LabelMap expected = Resize.nearest(new LabelMap(30, 30, classes), 16, 16);
        assertThat(DatasetFile.read(out).all()).hasSize(6).allSatisfy(s -> assertThat(s.label()).isEqualTo(expected));
    }

    @Test
    void badColourFilesAreNamedAndNothingIsWritten() throws Exception {
        writePairs(6);
        Path missing = dir.resolve("none.json");
        assertFails(prepare(dir.resolve("o.h5"), "--colours", missing.toString()), missing.toString(), "does not exist");
        Path two = Files.writeString(dir.resolve("two.json"), "{\"colours\": [\"#000000\", \"#00FF00\"]}");
        assertFails(prepare(dir.resolve("o.h5"), "--colours", two.toString()), two.toString(),
                "need 3 colours (one per class), got 2");
        Path typo = Files.writeString(dir.resolve("typo.json"), "{\"farTreshold\": 50}");
        assertFails(prepare(dir.resolve("o.h5"), "--colours", typo.toString()), typo.toString(), "[farTreshold]");
        Path notJson = Files.writeString(dir.resolve("text.json"), "colours: white");
        assertFails(prepare(dir.resolve("o.h5"), "--colours", notJson.toString()), notJson.toString(), "not valid");
        Path fraction = Files.writeString(dir.resolve("fraction.json"), "{\"maxFarFraction\": 2}");
        assertFails(prepare(dir.resolve("o.h5"), "--colours", fraction.toString()), fraction.toString(),
                "maxFarFraction must be in [0, 1], got 2.0");
    }

    @Test
    void anOutputThatCannotBeWrittenIsReportedBeforeAnyImageIsRead() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc, where no file can be created");
        writePairs(6);
        Files.writeString(dir.resolve("images/group/hand_1.tif"), "this is text");
        CliRun run = prepare(Path.of("/proc/xnet-prepare-test.h5"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("xnet: cannot write /proc/xnet-prepare-test.h5: cannot create a file in /proc");
    }

    @Test
    void aReadOnlyFolderIsReportedWithoutTheTemporaryFile() throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root may write into a read-only folder");
        writePairs(6);
        Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            CliRun run = prepare(locked.resolve("o.h5"));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().strip()).isEqualTo("xnet: cannot write " + locked.resolve("o.h5")
                    + ": permission denied in " + locked);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void anExistingFolderOrFifoIsRefusedAndLeftAsItWas() throws Exception {
        writePairs(6);
        Path folder = Files.createDirectories(dir.resolve("folder.h5"));
        assertOutputRefused(prepare(folder), folder, "it is a folder");
        assertThat(folder).isEmptyDirectory();
        Path fifo = dir.resolve("fifo.h5");
        int made = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
        assumeTrue(made == 0, "mkfifo failed");
        assertOutputRefused(prepare(fifo), fifo, "it exists and is not a regular file (a FIFO, device or socket), so it is not replaced");
        assertThat(Files.isRegularFile(fifo) || Files.isDirectory(fifo)).isFalse();
        assertThat(fifo).exists();
    }

    @Test
    void aSymbolicLinkIsFollowedAndStaysALink() throws Exception {
        writePairs(6);
        Path real = Files.createDirectories(dir.resolve("real"));
        Path target = Files.writeString(real.resolve("data.h5"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.h5"), target);
        CliRun run = prepare(link);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(DatasetFile.read(target).all()).hasSize(6);
        try (Stream<Path> files = Files.list(real)) {
            assertThat(files).containsExactly(target);
        }
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.h5"), dir.resolve("nowhere/data.h5"));
        assertOutputRefused(prepare(dangling), dangling, "it is a symbolic link to a file that does not exist");
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void emptyValidationAndTestSplitsAreRefused() throws Exception {
        writePairs(3, "hand_1", "leftknee_1", "nof_1");
        assertFails(prepare(dir.resolve("o.h5")), dir.resolve("images").toString(),
                "3 images of 3 body parts (0 with two or more images) leave the validation and test splits empty");
    }

    @Test
    void dicomWithoutPixelData() throws Exception {
        writePairs(6);
        Files.delete(dir.resolve("images/group/hand_2.tif"));
        Path dicom = Files.write(dir.resolve("images/group/hand_2.dcm"), headerOnlyDicom());
        assertFails(prepare(dir.resolve("o.h5")), dicom.toString(), "no pixel data");
    }

    @Test
    void truncatedLabel() throws Exception {
        writePairs(6);
        Path label = cut(dir.resolve("labels/nof_1onehot.png"), 2);
        assertFails(prepare(dir.resolve("o.h5")), label.toString(), "truncated");
    }

    @Test
    void labelThatIsNotAnImage() throws Exception {
        writePairs(6);
        Path label = Files.writeString(dir.resolve("labels/leftknee_2onehot.png"), "not a picture");
        assertFails(prepare(dir.resolve("o.h5")), label.toString(), "not an image");
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        writePairs(6);
        assertThat(CliRun.of("prepare", "--images", dir.resolve("images").toString()).exitCode()).isEqualTo(2);
        assertThat(prepare(dir.resolve("o.h5"), "--train-fraction", "1.5").exitCode()).isEqualTo(2);
        assertThat(prepare(dir.resolve("o.h5"), "--size", "abc").exitCode()).isEqualTo(2);
        assertThat(dir.resolve("o.h5")).doesNotExist();
    }

    private CliRun prepare(Path out, String... extra) {
        String[] base = {"prepare", "--images", dir.resolve("images").toString(), "--labels",
                dir.resolve("labels").toString(), "--out", out.toString()};
        String[] size = java.util.Arrays.asList(extra).contains("--size") ? new String[0] : new String[] {"--size", "16"};
        return CliRun.of(Stream.of(base, size, extra).flatMap(Stream::of).toArray(String[]::new));
    }

    /** Keeps the first {@code 1 / divisor} of {@code file}'s bytes. */
    private static Path cut(Path file, int divisor) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / divisor));
    }

    /** One line naming {@code out} and the reason; no temporary file next to it. */
    private void assertOutputRefused(CliRun run, Path out, String says) throws IOException {
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("xnet: cannot write " + out + ": " + says);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** A Part 10 DICOM file (explicit VR little endian) with an Image Pixel module but no Pixel Data. */
    private static byte[] headerOnlyDicom() {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        element(meta, 0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1\0".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0002, 0x0000, "UL", new byte[] {(byte) meta.size(), 0, 0, 0});
        out.writeBytes(meta.toByteArray());
        element(out, 0x0008, 0x0060, "CS", "CR".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0028, 0x0002, "US", new byte[] {1, 0});
        element(out, 0x0028, 0x0004, "CS", "MONOCHROME2 ".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0028, 0x0010, "US", new byte[] {30, 0});
        element(out, 0x0028, 0x0011, "US", new byte[] {30, 0});
        element(out, 0x0028, 0x0100, "US", new byte[] {16, 0});
        element(out, 0x0028, 0x0101, "US", new byte[] {12, 0});
        return out.toByteArray();
    }

    private static void element(ByteArrayOutputStream out, int group, int element, String vr, byte[] value) {
        out.writeBytes(new byte[] {(byte) group, (byte) (group >> 8), (byte) element, (byte) (element >> 8)});
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) value.length, (byte) (value.length >> 8)});
        out.writeBytes(value);
    }

    private void assertFails(CliRun run, String names, String says) throws IOException {
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        String line = run.err().strip();
        assertThat(line.lines()).as(line).hasSize(1);
        assertThat(line).startsWith("xnet: ").contains(names).contains(says);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("o.h5")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** The first {@code n} of {@link #NAMES} as 16-bit TIFF radiographs (30x30) with colour PNG labels. */
    private void writePairs(int n) throws Exception {
        writePairs(n, NAMES);
    }

    /** The first {@code n} of {@code names} as 16-bit TIFF radiographs (30x30) with colour PNG labels. */
    private void writePairs(int n, String... names) throws Exception {
        Path images = Files.createDirectories(dir.resolve("images/group"));
        Path labels = Files.createDirectories(dir.resolve("labels"));
        Random random = new Random(11);
        for (int i = 0; i < n; i++) {
            float[] pixels = new float[900];
            byte[] classes = new byte[900];
            for (int p = 0; p < pixels.length; p++) {
                classes[p] = (byte) ((p % 30) / 10);
                pixels[p] = 60000 - 20000 * classes[p] + random.nextInt(1000);
            }
            ImageWriters.writeTiff16(new Image2D(30, 30, pixels), images.resolve(names[i] + ".tif"));
            LabelImages.writeColour(new LabelMap(30, 30, classes), labels.resolve(names[i] + "onehot.png"));
        }
    }
}
