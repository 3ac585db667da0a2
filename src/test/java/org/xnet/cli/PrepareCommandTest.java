package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
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
        writePairs(4);
        Files.delete(dir.resolve("labels/hand_2onehot.png"));
        assertFails(prepare(dir.resolve("o.h5")), "hand_2.tif", "without a label");
    }

    @Test
    void labelWithoutImage() throws Exception {
        writePairs(4);
        Files.delete(dir.resolve("images/group/hand_3.tif"));
        assertFails(prepare(dir.resolve("o.h5")), "hand_3onehot.png", "without an image");
    }

    @Test
    void labelOfDifferentAspect() throws Exception {
        writePairs(4);
        LabelImages.writeColour(new LabelMap(30, 20), dir.resolve("labels/hand_1onehot.png"));
        assertFails(prepare(dir.resolve("o.h5")), "hand_1onehot.png", "30x20 but image");
    }

    @Test
    void foreignColourLabel() throws Exception {
        writePairs(4);
        BufferedImage red = new BufferedImage(30, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 30; x++) {
                red.setRGB(x, y, x < 10 ? 0xFF0000 : 0xFFFFFF);
            }
        }
        ImageIO.write(red, "png", dir.resolve("labels/leftknee_1onehot.png").toFile());
        assertFails(prepare(dir.resolve("o.h5")), "leftknee_1onehot.png", "300 of 900 pixels");
    }

    @Test
    void truncatedImage() throws Exception {
        writePairs(4);
        Path image = dir.resolve("images/group/hand_2.tif");
        byte[] bytes = Files.readAllBytes(image);
        Files.write(image, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertFails(prepare(dir.resolve("o.h5")), "hand_2.tif", "truncated");
    }

    @Test
    void notAnImage() throws Exception {
        writePairs(4);
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
        writePairs(4);
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        CliRun run = prepare(file.resolve("o.h5"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1).first().asString().contains(file.resolve("o.h5").toString());
        assertThat(dir.resolve("o.h5")).doesNotExist();
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        writePairs(4);
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
            ImageWriters.writeTiff16(new Image2D(30, 30, pixels), images.resolve(NAMES[i] + ".tif"));
            LabelImages.writeColour(new LabelMap(30, 30, classes), labels.resolve(NAMES[i] + "onehot.png"));
        }
    }
}
