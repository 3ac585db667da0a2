package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.SegClass;
import org.xnet.io.NiftiTestFiles;
import picocli.CommandLine;

class SynthCommandTest {
    @TempDir
    Path dir;

    /** A 40x40x40 water cylinder (radius 15 voxels of 2 mm) with a 1000 HU rod, as int16 NIfTI. */
    private Path phantom(String name) throws Exception {
        int n = 40;
        int nz = 40;
        short[] v = new short[n * n * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double dx = x - 19.5;
                    double dy = y - 19.5;
                    boolean rod = (dx - 6) * (dx - 6) + dy * dy < 9;
                    v[(z * n + y) * n + x] = (short) (rod ? 1000 : dx * dx + dy * dy < 225 ? 0 : -1000);
                }
            }
        }
        Path file = dir.resolve(name);
        NiftiTestFiles.writeInt16(file, n, n, nz, v, new double[] {-2, -2, 2}, 1f, 0f, ByteOrder.LITTLE_ENDIAN);
        return file;
    }

    @Test
    void writesTheOriginalLayoutDeterministically() throws Exception {
        Path ct = phantom("phantom_leg.nii.gz");
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        // without the reader's processing, so that the grey levels below keep their physical order
        Path raw = Files.writeString(dir.resolve("raw.json"), "{\"collimatorGlow\": 0, \"unsharpStrength\": 0, \"maxGamma\": 1}");
        assertThat(Main.run("synth", "--ct", ct.toString(), "--out", a.toString(), "--views", "2", "--size", "32",
                "--seed", "3", "--config", raw.toString())).isZero();
        assertThat(Main.run("synth", "--ct", dir.toString(), "--out", b.toString(), "--views", "2", "--size", "32",
                "--seed", "3", "--config", raw.toString())).isZero();
        for (String rel : new String[] {"Images/leg/leg_phantom-leg_v000.tif", "Images/leg/leg_phantom-leg_v001.tif",
                "Labels/leg/leg_phantom-leg_v000onehot.png", "Labels/leg/leg_phantom-leg_v001onehot.png"}) {
            assertThat(Files.readAllBytes(a.resolve(rel))).as(rel).isEqualTo(Files.readAllBytes(b.resolve(rel)));
        }
        assertThat(a.resolve("synth-config.json")).exists();
        BufferedImage image = ImageIO.read(a.resolve("Images/leg/leg_phantom-leg_v000.tif").toFile());
        assertThat(image.getRaster().getDataBuffer().getDataType()).isEqualTo(DataBuffer.TYPE_USHORT);
        assertThat(image.getWidth()).isEqualTo(32);
        BufferedImage label = ImageIO.read(a.resolve("Labels/leg/leg_phantom-leg_v000onehot.png").toFile());
        boolean[] seen = new boolean[3];
        int darkestAnatomy = Integer.MAX_VALUE;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int rgb = label.getRGB(x, y) & 0xFFFFFF;
                for (SegClass c : SegClass.values()) {
                    seen[c.index()] |= c.rgb() == rgb;
                }
                if (rgb != SegClass.OPEN_BEAM.rgb()) {
                    darkestAnatomy = Math.min(darkestAnatomy, image.getRaster().getSample(x, y, 0));
                }
            }
        }
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                if ((label.getRGB(x, y) & 0xFFFFFF) == SegClass.OPEN_BEAM.rgb()) {
                    int v = image.getRaster().getSample(x, y, 0);
                    assertThat(v > 60000 || v <= darkestAnatomy)
                            .as("open beam pixel (%d, %d) = %d is bright or collimated (<= %d)", x, y, v, darkestAnatomy)
                            .isTrue();
                }
            }
        }
        assertThat(seen).containsOnly(true);
        Path c = dir.resolve("c");
        assertThat(Main.run("synth", "--ct", ct.toString(), "--out", c.toString(), "--views", "2", "--size", "32",
                "--seed", "4")).isZero();
        assertThat(Files.readAllBytes(c.resolve("Images/leg/leg_phantom-leg_v000.tif")))
                .isNotEqualTo(Files.readAllBytes(a.resolve("Images/leg/leg_phantom-leg_v000.tif")));
    }

    @Test
    void bodyPartOptionOverridesTheFileName() throws Exception {
        Path ct = phantom("phantom_leg.nii");
        Path out = dir.resolve("o");
        assertThat(Main.run("synth", "--ct", ct.toString(), "--out", out.toString(), "--views", "1", "--size", "16",
                "--body-part", "Knee2")).isZero();
        assertThat(out.resolve("Images/knee/knee_phantom-leg_v000.tif")).exists();
    }

    @Test
    void badInputsGiveOneLineAndExitCodes() throws Exception {
        Path junk = dir.resolve("junk.nii");
        Files.write(junk, new byte[10]);
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("synth", "--ct", junk.toString(), "--out", dir.resolve("x").toString()))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).startsWith("xnet: ").contains("junk.nii").hasLineCount(1);
        assertThat(Main.commandLine().execute("synth", "--ct", junk.toString(), "--out", "x", "--views", "0"))
                .isEqualTo(Main.EXIT_USAGE);
        assertThat(Main.run("synth", "--ct", dir.resolve("nothing").toString(), "--out", "x"))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        Path badConfig = Files.writeString(dir.resolve("bad-config.json"), "{\"maxGamma\": 9}");
        StringWriter configErr = new StringWriter();
        CommandLine withConfig = Main.commandLine();
        withConfig.setErr(new PrintWriter(configErr, true));
        assertThat(withConfig.execute("synth", "--ct", junk.toString(), "--out", dir.resolve("y").toString(),
                "--config", badConfig.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(configErr.toString()).contains("bad-config.json").contains("maxGamma");
        assertThat(dir.resolve("y")).doesNotExist();
        StringWriter missingErr = new StringWriter();
        CommandLine missing = Main.commandLine();
        missing.setErr(new PrintWriter(missingErr, true));
        assertThat(missing.execute("synth", "--ct", junk.toString(), "--out", dir.resolve("z").toString(),
                "--config", dir.resolve("no-such-config.json").toString())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(missingErr.toString()).startsWith("xnet: ").contains("no-such-config.json").hasLineCount(1);
        assertThat(dir.resolve("z")).doesNotExist();
    }

    /** Every file under {@code root} (relative paths, sorted) with its bytes' hash, to tell whether a folder changed. */
    private static List<String> contents(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted()
                    .map(f -> root.relativize(f) + " " + java.util.Arrays.hashCode(read(f))).toList();
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path air(String name) throws Exception {
        short[] v = new short[20 * 20 * 10];
        java.util.Arrays.fill(v, (short) -1000);
        Path file = dir.resolve(name);
        NiftiTestFiles.writeInt16(file, 20, 20, 10, v, new double[] {-2, -2, 2}, 1f, 0f, ByteOrder.LITTLE_ENDIAN);
        return file;
    }

    /** Hidden staging folders a run left next to its output folder. */
    private List<Path> leftovers() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Test
    void anAllAirVolumeIsOneLineNamingItAndAFailingRunWritesNothing() throws Exception {
        Path good = phantom("phantom_leg.nii");
        Path air = air("air_leg.nii");
        Path out = dir.resolve("o");
        // the good volume's views are rendered first; the air volume fails after them
        CliRun run = CliRun.of("synth", "--ct", good.toString(), air.toString(), "--out", out.toString(),
                "--views", "2", "--size", "16");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err()).startsWith("xnet: " + air + ": no body to project").contains("-300").hasLineCount(1);
        assertThat(out).doesNotExist();
        assertThat(leftovers()).isEmpty();
        // a truncated second volume (valid header, voxels missing) fails while reading: nothing either
        byte[] whole = Files.readAllBytes(phantom("second_leg.nii"));
        Path truncated = Files.write(dir.resolve("second_leg.nii"), java.util.Arrays.copyOf(whole, 2000));
        CliRun cut = CliRun.of("synth", "--ct", good.toString(), truncated.toString(), "--out", out.toString(),
                "--views", "2", "--size", "16");
        assertThat(cut.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(cut.err()).contains("second_leg.nii").contains("truncated").hasLineCount(1);
        assertThat(out).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aRerunIsRefusedUnlessOverwriteAndOverwriteLeavesNoStaleViews() throws Exception {
        Path ct = phantom("phantom_leg.nii");
        Path out = dir.resolve("o");
        assertThat(Main.run("synth", "--ct", ct.toString(), "--out", out.toString(), "--views", "3", "--size", "16"))
                .isZero();
        List<String> first = contents(out);
        assertThat(first).hasSize(7);

        CliRun again = CliRun.of("synth", "--ct", ct.toString(), "--out", out.toString(), "--views", "1", "--size", "16");
        assertThat(again.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(again.err()).startsWith("xnet: " + out + " already holds Images/").contains("--overwrite")
                .hasLineCount(1);
        assertThat(contents(out)).isEqualTo(first);

        // --overwrite with a failing volume keeps the earlier run whole
        CliRun failing = CliRun.of("synth", "--ct", ct.toString(), air("air_leg.nii").toString(), "--out",
                out.toString(), "--views", "1", "--size", "16", "--overwrite");
        assertThat(failing.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(contents(out)).isEqualTo(first);

        assertThat(Main.run("synth", "--ct", ct.toString(), "--out", out.toString(), "--views", "1", "--size", "16",
                "--overwrite")).isZero();
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> out.relativize(f).toString().replace('\\', '/')))
                    .containsExactlyInAnyOrder("Images/leg/leg_phantom-leg_v000.tif",
                            "Labels/leg/leg_phantom-leg_v000onehot.png", "synth-config.json");
        }
        assertThat(org.xnet.synth.SynthConfig.fromJson(Files.readString(out.resolve("synth-config.json"))).views())
                .isEqualTo(1);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void detectorSizesOutsideTheBoundsAreUsageErrors() throws Exception {
        Path ct = phantom("phantom_leg.nii");
        for (String size : new String[] {"40000", "15"}) {
            CliRun run = CliRun.of("synth", "--ct", ct.toString(), "--out", dir.resolve("o" + size).toString(),
                    "--size", size);
            assertThat(run.exitCode()).as(size).isEqualTo(Main.EXIT_USAGE);
            assertThat(run.err()).contains("size must be in [16, 4096]").contains("got " + size);
            assertThat(dir.resolve("o" + size)).doesNotExist();
        }
    }

    @Test
    void aFolderWithoutVolumesNamesBothFormatsAndSaysSubfoldersAreNotSearched() throws Exception {
        Path parent = Files.createDirectories(dir.resolve("ct-dicom"));
        Files.writeString(parent.resolve("notes.txt"), "series are in the subfolders");
        CliRun flat = CliRun.of("synth", "--ct", parent.toString(), "--out", dir.resolve("o").toString());
        assertThat(flat.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(flat.err()).isEqualTo("xnet: " + parent + ": holds neither NIfTI volumes (.nii, .nii.gz) nor "
                + "DICOM files of a series (subfolders are not searched)" + System.lineSeparator());
        Path series = Files.createDirectories(parent.resolve("series1"));
        CliRun nested = CliRun.of("synth", "--ct", parent.toString(), "--out", dir.resolve("o").toString());
        assertThat(nested.err()).contains("subfolders are not searched; give the folders inside it, e.g. " + series)
                .hasLineCount(1);
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void domainRandomisationIsRecordedInTheConfigAndUnknownEffectsAreUsageErrors() throws Exception {
        Path ct = phantom("phantom_leg.nii");
        Path out = dir.resolve("dr");
        assertThat(Main.run("synth", "--ct", ct.toString(), "--out", out.toString(), "--views", "1", "--size", "32",
                "--domain-randomisation", "linear,outside")).isZero();
        org.xnet.synth.SynthConfig written = org.xnet.synth.SynthConfig.read(out.resolve("synth-config.json"));
        assertThat(written.linearProbability()).isEqualTo(0.3);
        assertThat(written.outsideFraction()).isEqualTo(0.25);
        assertThat(written.collimatorTiltDeg()).isZero();
        CliRun bad = CliRun.of("synth", "--ct", ct.toString(), "--out", dir.resolve("x").toString(),
                "--domain-randomisation", "grid");
        assertThat(bad.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(bad.err()).contains("unknown synth domain randomisation 'grid', expected linear, collimator or outside");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
