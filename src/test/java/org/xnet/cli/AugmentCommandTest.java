package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;
import org.xnet.io.DatasetFile;

/** {@code xnet augment} and {@code xnet augment preview} end to end on a small dataset file. */
class AugmentCommandTest {
    @TempDir
    Path dir;

    private Path dataset() throws Exception {
        Random random = new Random(21);
        List<Sample> train = new ArrayList<>();
        String[] parts = {"hand", "hand", "hand", "knee", "skull"};
        for (int i = 0; i < parts.length; i++) {
            train.add(sample(random, parts[i], "train" + i + ".tif"));
        }
        List<Sample> val = List.of(sample(random, "hand", "val.tif"));
        List<Sample> test = List.of(sample(random, "knee", "test.tif"));
        Path file = dir.resolve("data.h5");
        DatasetFile.write(new Dataset(train, val, test, 16, 255, 0), file);
        return file;
    }

    private static Sample sample(Random random, String part, String source) {
        float[] img = new float[256];
        byte[] lab = new byte[256];
        for (int i = 0; i < img.length; i++) {
            img[i] = random.nextFloat();
            lab[i] = (byte) (i % 16 < 8 ? 1 : 2);
        }
        return new Sample(new Image2D(16, 16, img), new LabelMap(16, 16, lab), part, source);
    }

    @Test
    void writesBalancedAugmentedDatasetReproducibly() throws Exception {
        Path data = dataset();
        Path a = dir.resolve("a.h5");
        Path b = dir.resolve("b.h5");
        assertThat(Main.run("augment", "--data", data.toString(), "--per-category", "4", "--out", a.toString(),
                "--seed", "5")).isZero();
        assertThat(Main.run("augment", "--data", data.toString(), "--per-category", "4", "--out", b.toString(),
                "--seed", "5")).isZero();
        Dataset in = DatasetFile.read(data);
        Dataset first = DatasetFile.read(a);
        assertThat(DatasetFile.read(b)).isEqualTo(first);
        assertThat(first.validation()).isEqualTo(in.validation());
        assertThat(first.test()).isEqualTo(in.test());
        Map<String, Long> perPart = first.train().stream()
                .collect(Collectors.groupingBy(Sample::bodyPart, Collectors.counting()));
        assertThat(perPart).containsOnly(Map.entry("hand", 4L), Map.entry("knee", 4L), Map.entry("skull", 4L));
        assertThat(first.train().subList(0, 5)).isEqualTo(in.train());
        for (Sample s : first.train()) {
            assertThat(s.label().classCounts()[0]).as("open beam in %s", s.source()).isZero();
        }
    }

    @Test
    void missingOptionIsAUsageError() throws Exception {
        assertThat(Main.run("augment", "--data", dataset().toString(), "--out", dir.resolve("x.h5").toString()))
                .isEqualTo(Main.EXIT_USAGE);
        assertThat(Files.exists(dir.resolve("x.h5"))).isFalse();
    }

    @Test
    void missingDataFileIsABadInput() {
        assertThat(Main.run("augment", "--data", dir.resolve("none.h5").toString(), "--per-category", "2",
                "--out", dir.resolve("x.h5").toString())).isEqualTo(Main.EXIT_BAD_INPUT);
    }

    @Test
    void previewWritesAContactSheet() throws Exception {
        Path data = dataset();
        Path out = dir.resolve("preview");
        assertThat(Main.run("augment", "preview", "--data", data.toString(), "--out", out.toString(), "--count", "3"))
                .isZero();
        BufferedImage sheet = ImageIO.read(out.resolve("augment-preview.png").toFile());
        assertThat(sheet.getWidth()).isEqualTo(4 * (160 + 4) + 4);
        assertThat(sheet.getHeight()).isEqualTo(24 + 3 * (160 + 18 + 4));
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("augment-preview.png");
        }
    }
}
