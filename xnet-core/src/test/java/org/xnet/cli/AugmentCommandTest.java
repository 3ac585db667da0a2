package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Dataset;
import org.xnet.core.Sample;
import org.xnet.io.DatasetFile;
import org.xnet.testutil.BodyPartData;

/** {@code xnet augment} and {@code xnet augment preview} end to end on a small dataset file. */
class AugmentCommandTest {
    @TempDir
    Path dir;

    private Path dataset() throws Exception {
        return BodyPartData.write(dir.resolve("data.h5"), 21);
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
        assertThat(Files.mismatch(a, b)).as("same seed, same bytes").isEqualTo(-1L);
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
        // every label is soft tissue (yellow) on the left half, bone (blue) on the right: the original + label
        // column shows exactly those halves over the grey image, the augmented + label column both colours,
        // the image columns none
        assertThat(tints(sheet, 0)).containsExactly(0, 0);
        assertThat(tints(sheet, 1)).containsExactly(3 * 160 * 80, 3 * 160 * 80);
        assertThat(tints(sheet, 2)).containsExactly(0, 0);
        int[] augmented = tints(sheet, 3);
        assertThat(augmented[0]).as("yellow in augmented + label").isPositive();
        assertThat(augmented[1]).as("blue in augmented + label").isPositive();
    }

    /** Pixels of one column of 160-pixel tiles tinted yellow (R = G > B) and blue (B > R = G). */
    private static int[] tints(BufferedImage sheet, int column) {
        int[] counts = new int[2];
        int x0 = 4 + column * (160 + 4);
        for (int y = 0; y < sheet.getHeight(); y++) {
            for (int x = x0; x < x0 + 160; x++) {
                int rgb = sheet.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (r == g && r > b) {
                    counts[0]++;
                } else if (r == g && b > r) {
                    counts[1]++;
                }
            }
        }
        return counts;
    }

    @Test
    void aPerCategoryTooLargeForTheHeapIsRefusedBeforeAnyWork() throws Exception {
        Path data = dataset();
        Path out = dir.resolve("big.h5");
        // 16x16 images at 48 bytes per pixel: 12 KB each, so 10^9 per part needs far more than any heap here
        CliRun run = CliRun.of("augment", "--data", data.toString(), "--per-category", "1000000000", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().lines().findFirst().orElseThrow())
                .startsWith("--per-category 1000000000 needs about ").contains("MB of memory").contains("2,999,999,995 augmented");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aPerCategoryBelowTheLargestPartWarnsOnceAndDrawsNoEmptyProgressBar() throws Exception {
        Path data = dataset();
        Path out = dir.resolve("same.h5");
        CliRun run = CliRun.of("augment", "--data", data.toString(), "--per-category", "2", "--out", out.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err().lines().toList()).containsExactly("xnet: warning: --per-category 2 is below the largest "
                + "body part (hand, 3 training images), so the parts stay unbalanced; 3 or more balances them");
        assertThat(run.out()).contains("train 5 -> 7 images (2 augmented)");
        CliRun balanced = CliRun.of("augment", "--data", data.toString(), "--per-category", "3", "--out", out.toString());
        assertThat(balanced.err()).doesNotContain("warning");
    }

    @Test
    void nothingToAugmentDrawsNoProgressBar() throws Exception {
        Path data = dataset();
        Path out = dir.resolve("same.h5");
        assertThat(progressBarOutput("--data", data.toString(), "--per-category", "1", "--out", out.toString()))
                .doesNotContain("augment");
        assertThat(progressBarOutput("--data", data.toString(), "--per-category", "2", "--out", out.toString()))
                .contains("augment").contains("2/2");
    }

    /** What {@code xnet augment ARGS} writes to System.err, where the progress bar goes. */
    private static String progressBarOutput(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "augment";
            System.arraycopy(args, 0, all, 1, args.length);
            assertThat(CliRun.of(all).exitCode()).isZero();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void outEqualToDataIsRefusedAndTheInputKept() throws Exception {
        Path data = dataset();
        byte[] before = Files.readAllBytes(data);
        CliRun run = CliRun.of("augment", "--data", data.toString(), "--per-category", "4", "--out",
                dir.resolve(".").resolve("data.h5").toString());
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).startsWith("--out must differ from --data (" + data + ")");
        assertThat(Files.readAllBytes(data)).isEqualTo(before);
    }

    @Test
    void anOutThatIsADirectoryIsNamedWithoutTheTemporaryFile() throws Exception {
        Path data = dataset();
        Path folder = Files.createDirectory(dir.resolve("adir"));
        CliRun run = CliRun.of("augment", "--data", data.toString(), "--per-category", "4", "--out", folder.toString());
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("xnet: cannot write " + folder + ": it is a folder");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("data.h5", "adir");
        }
    }

    @Test
    void previewCountZeroNamesTheOption() throws Exception {
        CliRun run = CliRun.of("augment", "preview", "--data", dataset().toString(), "--out", dir.resolve("p").toString(),
                "--count", "0");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).startsWith("--count must be >= 1, got 0");
    }

    @Test
    void domainRandomisationChangesTheAugmentedImagesOnlyAndNamesUnknownEffects() throws Exception {
        Path data = dataset();
        Path plain = dir.resolve("plain.h5");
        Path randomised = dir.resolve("dr.h5");
        assertThat(Main.run("augment", "--data", data.toString(), "--per-category", "4", "--out", plain.toString(),
                "--seed", "5", "--domain-randomisation", "none")).isZero();
        assertThat(Main.run("augment", "--data", data.toString(), "--per-category", "4", "--out", randomised.toString(),
                "--seed", "5", "--domain-randomisation", "invert")).isZero();
        Dataset a = DatasetFile.read(plain);
        Dataset b = DatasetFile.read(randomised);
        int inverted = 0;
        for (int i = 0; i < a.train().size(); i++) {
            assertThat(b.train().get(i).label()).as("labels never change").isEqualTo(a.train().get(i).label());
            float[] x = a.train().get(i).image().data();
            float[] y = b.train().get(i).image().data();
            if (!java.util.Arrays.equals(x, y)) {
                inverted++;
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (float v : x) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                for (int k = 0; k < x.length; k++) {
                    assertThat(y[k]).as("1 - the min-max normalised image")
                            .isCloseTo(1 - (x[k] - min) / (max - min), org.assertj.core.api.Assertions.within(1e-5f));
                }
            }
        }
        assertThat(inverted).as("about 30 %% of %d copies", a.train().size() - 5).isPositive();
        CliRun bad = CliRun.of("augment", "--data", data.toString(), "--per-category", "4", "--out",
                dir.resolve("x.h5").toString(), "--domain-randomisation", "invert,sepia");
        assertThat(bad.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(bad.err()).contains("unknown domain randomisation 'sepia'");
        assertThat(Files.exists(dir.resolve("x.h5"))).isFalse();
    }
}
