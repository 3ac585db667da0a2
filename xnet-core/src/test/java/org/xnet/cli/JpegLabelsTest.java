package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.LabelMap;
import org.xnet.core.XNetException;
import org.xnet.io.ColourTable;
import org.xnet.io.DatasetFile;
import org.xnet.io.LabelImages;
import org.xnet.io.SyntheticRadiographs;
import org.xnet.testutil.Jpegs;

/**
 * The original project's label files, {@code Labels/PART/NAMEonehot.jpg}, are read without
 * options: exact colour labels of the project's synthetic radiographs ({@link SyntheticRadiographs},
 * 200x200 as in the issue) saved as JPEG at qualities 75, 85 and 95 by two independent encoders
 * (the JDK's javax.imageio, and Python's PIL when {@code /usr/bin/python3} has it) agree with the
 * exact labels on at least 98 % of the pixels of every image, and {@code xnet prepare} accepts such
 * a folder, warning about files with many blended pixels but writing the dataset.
 */
class JpegLabelsTest {
    private static final int[] QUALITIES = {75, 85, 95};
    private static final double MIN_AGREEMENT = 0.98;
    /** The fewest {@link SyntheticRadiographs} (20 body parts in turn) that give two body parts two images each. */
    private static final int COUNT = 22;
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void jpegLabelsByImageIoAgreeAndPrepareWithoutOptions() throws Exception {
        Path exact = exactPairs();
        for (int quality : QUALITIES) {
            Path labels = Files.createDirectories(dir.resolve("imageio" + quality));
            for (Path png : labelFiles(exact)) {
                Path jpeg = Files.createDirectories(jpeg(labels, png).getParent()).resolve(jpeg(labels, png).getFileName());
                Jpegs.write(ImageIO.read(png.toFile()), jpeg, quality / 100f);
            }
            checkAgreement(exact, labels, "ImageIO q" + quality);
        }
        prepareWithoutOptions(exact, dir.resolve("imageio75"));
    }

    @Test
    void jpegLabelsByPilAgreeAndPrepareWithoutOptions() throws Exception {
        if (!hasPil()) {
            System.out.println("JpegLabelsTest: skipping the PIL part, " + PYTHON + " cannot import PIL");
            return;
        }
        Path exact = exactPairs();
        for (int quality : QUALITIES) {
            Path labels = Files.createDirectories(dir.resolve("pil" + quality));
            String script = "import sys, glob, os\nfrom PIL import Image\n"
                    + "for f in glob.glob(os.path.join(sys.argv[1], '*onehot.png')):\n"
                    + "    name = os.path.basename(f)\n"
                    + "    part = os.path.join(sys.argv[2], name[:name.rindex('_')])\n"
                    + "    os.makedirs(part, exist_ok=True)\n"
                    + "    Image.open(f).convert('RGB').save(os.path.join(part, name[:-4] + '.jpg'), quality=int(sys.argv[3]))\n";
            python(script, exact.resolve("Labels").toString(), labels.toString(), Integer.toString(quality));
            checkAgreement(exact, labels, "PIL q" + quality);
        }
        prepareWithoutOptions(exact, dir.resolve("pil95"));
    }

    /** 22 radiographs of 200x200 (two hands and two left knees among them) with exact colour PNG labels. */
    private Path exactPairs() throws Exception {
        Path exact = dir.resolve("exact");
        SyntheticRadiographs.write(exact, COUNT, 200, 7);
        return exact;
    }

    /** Every JPEG label in {@code jpegs} agrees with its exact label on at least {@value #MIN_AGREEMENT} of its pixels. */
    private static void checkAgreement(Path exact, Path jpegs, String encoder) throws Exception {
        double lowest = 1;
        double sum = 0;
        List<Path> pngs = labelFiles(exact);
        for (Path png : pngs) {
            LabelMap truth = LabelImages.read(png);
            LabelMap read = LabelImages.read(jpeg(jpegs, png), ColourTable.defaults(), w -> { });
            double agreement = agreement(truth, read);
            lowest = Math.min(lowest, agreement);
            sum += agreement;
        }
        System.out.printf(Locale.ROOT, "JpegLabelsTest: %s agreement over %d labels: lowest %.4f, mean %.4f%n",
                encoder, pngs.size(), lowest, sum / pngs.size());
        assertThat(lowest).as(encoder).isGreaterThanOrEqualTo(MIN_AGREEMENT);
    }

    /** {@code xnet prepare} on the radiographs and the JPEG labels in {@code jpegs}, with no option but the folders. */
    private void prepareWithoutOptions(Path exact, Path jpegs) throws XNetException {
        Path out = dir.resolve(jpegs.getFileName() + ".h5");
        CliRun run = CliRun.of("prepare", "--images", exact.resolve("Images").toString(), "--labels", jpegs.toString(),
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines().filter(l -> !l.isBlank()))
                .allSatisfy(l -> assertThat(l).startsWith("xnet: warning: " + jpegs).contains("onehot.jpg: ")
                        .contains("are far from every label colour"));
        assertThat(DatasetFile.read(out).all()).hasSize(COUNT);
    }

    private static double agreement(LabelMap a, LabelMap b) {
        long equal = 0;
        for (int i = 0; i < a.data().length; i++) {
            equal += a.data()[i] == b.data()[i] ? 1 : 0;
        }
        return (double) equal / a.data().length;
    }

    private static List<Path> labelFiles(Path exact) throws IOException {
        try (Stream<Path> files = Files.list(exact.resolve("Labels"))) {
            return files.filter(f -> f.toString().endsWith("onehot.png")).sorted().toList();
        }
    }

    /** Where the original project kept the label of {@code png}: {@code labels/PART/NAMEonehot.jpg}. */
    private static Path jpeg(Path labels, Path png) {
        String name = png.getFileName().toString();
        String part = name.substring(0, name.lastIndexOf('_'));
        return labels.resolve(part).resolve(name.substring(0, name.length() - ".png".length()) + ".jpg");
    }

    private static boolean hasPil() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import PIL").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static void python(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
