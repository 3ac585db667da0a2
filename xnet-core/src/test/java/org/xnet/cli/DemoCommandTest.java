package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.ResultsWriter;
import org.xnet.io.DatasetFile;
import org.xnet.pipeline.Demo;

/** The demo end to end on the built-in volumes, shrunk to seconds: tiny images, a tiny XNet, one epoch. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsEveryStageOnTheBuiltInVolumes() throws Exception {
        Path out = dir.resolve("demo");
        // an earlier demo's radiograph must not join this run's dataset
        Path stale = Files.createDirectories(out.resolve(Demo.SYNTH).resolve("Images/knee")).resolve("knee_old_v099.tif");
        Files.writeString(stale, "not an image");
        CliRun run = CliRun.of("demo", "--out", out.toString(), "--views", "4", "--size", "32",
                "--filters", "2,4,4,8", "--epochs", "1", "--minutes", "0", "--seed", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("[1/4]", "[2/4]", "[3/4]", "[4/4]");
        assertThat(run.out()).contains("trained 1 epochs (best 1, finished)", "test accuracy", "report:");
        var data = DatasetFile.read(out.resolve(Demo.DATA));
        assertThat(data.all()).hasSize(12);
        assertThat(data.all()).extracting(s -> s.bodyPart()).containsOnly("chest", "torso", "head");
        assertThat(out.resolve(Demo.TRAIN).resolve("demo.xnet")).exists();
        EvaluationResult result = ResultsWriter.read(out.resolve(Demo.REPORT).resolve("results.json"));
        assertThat(result.prediction().pixels()).isEqualTo(data.test().size() * 32L * 32L);
        assertThat(out.resolve(Demo.REPORT).resolve("index.html")).exists();
        // the report's pictures: one row (image | truth | prediction | ...) per test image, at most 12
        assertThat(data.test()).isNotEmpty();
        for (int i = 1; i <= Math.min(12, data.test().size()); i++) {
            Path panel = out.resolve(Demo.REPORT).resolve(String.format("panel-%04d.png", i));
            assertThat(panel).exists();
            java.awt.image.BufferedImage row = javax.imageio.ImageIO.read(panel.toFile());
            assertThat(row.getWidth()).as(panel.toString()).isGreaterThan(3 * (32 * 6));
        }
        assertThat(stale).doesNotExist();
    }

    @Test
    void dataTakesTheUsersVolumesInsteadOfTheBuiltInOnes() throws Exception {
        Path ct = Files.createDirectories(dir.resolve("ct"));
        phantom(ct.resolve("knee_phantom.nii"), 3);
        phantom(ct.resolve("hand_phantom.nii"), 5);
        Path out = dir.resolve("demo");
        CliRun run = CliRun.of("demo", "--data", ct.resolve("knee_phantom.nii").toString(),
                ct.resolve("hand_phantom.nii").toString(), "--out", out.toString(), "--views", "4", "--size", "32",
                "--filters", "2,4,4,8", "--epochs", "1", "--minutes", "0", "--seed", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var data = DatasetFile.read(out.resolve(Demo.DATA));
        assertThat(data.all()).hasSize(8);
        assertThat(data.all()).extracting(s -> s.bodyPart()).containsOnly("knee", "hand");
        assertThat(out.resolve(Demo.REPORT).resolve("index.html")).exists();
    }

    /** A water cylinder (0 HU) in air with a bone rod (1000 HU) of {@code rod} voxels' radius, 4 mm voxels. */
    private static void phantom(Path file, int rod) throws java.io.IOException {
        int n = 24;
        int nz = 12;
        float[] hu = new float[n * n * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double r = Math.hypot(x - n / 2.0, y - n / 2.0);
                    hu[(z * n + y) * n + x] = r < rod ? 1000f : r < 9 ? 0f : -1000f;
                }
            }
        }
        org.xnet.io.NiftiTestFiles.writeFloat(file, n, n, nz, hu, new double[] {4, 4, 4},
                java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void tooFewViewsIsAUsageError() {
        CliRun run = CliRun.of("demo", "--out", dir.resolve("x").toString(), "--views", "2");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("views must be at least 3");
    }
}
