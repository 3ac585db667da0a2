package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xnet.core.Volume;
import org.xnet.core.XNetException;
import org.xnet.testutil.SharedData;

class NiftiTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "vhm_pelvis.nii.gz, 512, 512, 140, 1, 1, 1",
        "invesalius_head.nii.gz, 256, 256, 108, 0.957, 0.957, 1.5",
        "itkelastix_chest.nii.gz, 512, 512, 141, 0.977, 0.977, 2",
        "totalseg_torso3mm.nii.gz, 122, 101, 112, 3, 3, 3",
        "vtk_headsq_quarter.nii.gz, 64, 64, 93, 3.2, 3.2, 1.5",
    })
    void sharedVolumesHaveTheDocumentedGridSpacingAndOrientation(String name, int nx, int ny, int nz,
                                                                  double sx, double sy, double sz) throws Exception {
        Path file = SharedData.file("ct/" + name);
        assertThat(Nifti.readHeader(file).orientation()).isEqualTo("LPS");
        Volume v = Nifti.read(file);
        assertThat(new int[] {v.nx(), v.ny(), v.nz()}).containsExactly(nx, ny, nz);
        assertThat(v.sx()).isCloseTo(sx, within(0.001));
        assertThat(v.sy()).isCloseTo(sy, within(0.001));
        assertThat(v.sz()).isCloseTo(sz, within(0.001));
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float f : v.data()) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        assertThat(min).as("lowest HU").isBetween(-3100f, -900f);
        assertThat(max).as("highest HU (bone at least)").isBetween(700f, 32767f);
    }

    @ParameterizedTest
    @CsvSource({"LITTLE_ENDIAN, a.nii", "BIG_ENDIAN, b.nii", "LITTLE_ENDIAN, c.nii.gz", "BIG_ENDIAN, d.nii.gz"})
    void scaledInt16InEitherByteOrder(String orderName, String name) throws Exception {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        short[] raw = randomShorts(3 * 4 * 5, 7);
        Path file = dir.resolve(name);
        NiftiTestFiles.writeInt16(file, 3, 4, 5, raw, new double[] {-0.5, -2, 3}, 2f, -1024f, order);
        Volume v = Nifti.read(file);
        assertThat(v.sizeString()).isEqualTo("3x4x5");
        assertThat(new double[] {v.sx(), v.sy(), v.sz()}).containsExactly(0.5, 2, 3);
        for (int i = 0; i < raw.length; i++) {
            assertThat(v.data()[i]).isEqualTo(2f * raw[i] - 1024f);
        }
    }

    @Test
    void slopeZeroMeansUnscaledAndFloat32BigEndianReads() throws Exception {
        short[] raw = randomShorts(8, 3);
        Path a = dir.resolve("unscaled.nii");
        NiftiTestFiles.writeInt16(a, 2, 2, 2, raw, new double[] {-1, -1, 1}, 0f, 100f, ByteOrder.LITTLE_ENDIAN);
        float[] expected = new float[8];
        for (int i = 0; i < 8; i++) {
            expected[i] = raw[i];
        }
        assertThat(Nifti.read(a).data()).containsExactly(expected);
        float[] values = {1.5f, -2.25f, 1000f, -1000f, 0f, 3f, 4f, 5f};
        Path b = dir.resolve("float.nii");
        NiftiTestFiles.writeFloat(b, 2, 2, 2, values, new double[] {-1, -1, 1}, ByteOrder.BIG_ENDIAN);
        assertThat(Nifti.read(b).data()).containsExactly(values);
    }

    @ParameterizedTest
    @CsvSource({
        "2, 0, 255, LITTLE_ENDIAN", "256, -128, 127, BIG_ENDIAN", "512, 0, 65535, BIG_ENDIAN",
        "8, -100000, 100000, BIG_ENDIAN", "64, -1e6, 1e6, LITTLE_ENDIAN", "16, -1e4, 1e4, BIG_ENDIAN",
    })
    void everySupportedDatatypeIsScaled(int datatype, double lo, double hi, String orderName) throws Exception {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        SplittableRandom random = new SplittableRandom(datatype);
        double[] values = new double[50];
        values[0] = lo;
        values[1] = hi;
        for (int i = 2; i < values.length; i++) {
            double v = lo + random.nextDouble() * (hi - lo);
            values[i] = datatype == 64 || datatype == 16 ? v : Math.rint(v);
        }
        Path file = dir.resolve("t" + datatype + ".nii");
        NiftiTestFiles.writeTyped(file, values.length, datatype, values, 0.5f, 10f, order);
        Volume v = Nifti.read(file);
        for (int i = 0; i < values.length; i++) {
            double raw = datatype == 16 ? (float) values[i] : values[i];
            assertThat(v.data()[i]).as("voxel %d", i).isEqualTo((float) (raw * 0.5 + 10));
        }
    }

    @Test
    void rasVolumeIsFlippedToLps() throws Exception {
        short[] raw = randomShorts(3 * 4 * 2, 11);
        Path file = dir.resolve("ras.nii");
        NiftiTestFiles.writeInt16(file, 3, 4, 2, raw, new double[] {1, 1, 2}, 1f, 0f, ByteOrder.LITTLE_ENDIAN);
        assertThat(Nifti.readHeader(file).orientation()).isEqualTo("RAS");
        Volume v = Nifti.read(file);
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 3; x++) {
                    assertThat(v.get(x, y, z)).isEqualTo(raw[(z * 4 + (3 - y)) * 3 + (2 - x)]);
                }
            }
        }
    }

    /** The same LPS volume stored three ways must read back voxel for voxel the same. */
    @Test
    void permutedSformAndQformOnlyFilesGiveTheSameLpsVoxels() throws Exception {
        int nx = 4;
        int ny = 3;
        int nz = 5;
        double sx = 1.5;
        double sy = 2;
        double sz = 2.5;
        SplittableRandom random = new SplittableRandom(21);
        float[] lps = new float[nx * ny * nz];
        for (int i = 0; i < lps.length; i++) {
            lps[i] = (float) (random.nextDouble() * 3000 - 1000);
        }
        Path plain = dir.resolve("lps.nii");
        NiftiTestFiles.writeFloat(plain, nx, ny, nz, lps, new double[] {-sx, -sy, sz}, ByteOrder.LITTLE_ENDIAN);
        // file axes: i superior (nz), j left (nx), k posterior (ny)
        float[] permuted = new float[lps.length];
        for (int k = 0; k < ny; k++) {
            for (int j = 0; j < nx; j++) {
                for (int i = 0; i < nz; i++) {
                    permuted[(k * nx + j) * nz + i] = lps[(i * ny + k) * nx + j];
                }
            }
        }
        Path perm = dir.resolve("perm.nii");
        NiftiTestFiles.writeFloatSform(perm, nz, nx, ny, permuted, new double[] {0, -sx, 0, 0, 0, -sy, sz, 0, 0});
        // qform only: 180 degrees about z with qfac -1, so k runs inferior (LPI)
        float[] inferior = new float[lps.length];
        for (int z = 0; z < nz; z++) {
            System.arraycopy(lps, z * nx * ny, inferior, (nz - 1 - z) * nx * ny, nx * ny);
        }
        Path qform = dir.resolve("qform.nii");
        NiftiTestFiles.writeFloatQform(qform, nx, ny, nz, inferior, new double[] {sx, sy, sz}, 0, 0, 1, -1);

        assertThat(Nifti.readHeader(perm).orientation()).isEqualTo("SLP");
        assertThat(Nifti.readHeader(qform).source()).isEqualTo("qform");
        assertThat(Nifti.readHeader(qform).orientation()).isEqualTo("LPI");
        Volume expected = Nifti.read(plain);
        assertThat(expected.data()).isEqualTo(lps);
        for (Path file : new Path[] {perm, qform}) {
            Volume v = Nifti.read(file);
            assertThat(v.sizeString()).as(file.toString()).isEqualTo(nx + "x" + ny + "x" + nz);
            assertThat(new double[] {v.sx(), v.sy(), v.sz()}).as(file.toString()).containsExactly(sx, sy, sz);
            assertThat(v.data()).as(file.toString()).isEqualTo(lps);
        }
    }

    @Test
    void qformQuaternionGivesTheStandardRotation() {
        double[] identity = Orientation.quaternion(0, 0, 0, new double[] {1, 2, 3}, 1);
        assertThat(identity).containsExactly(new double[] {1, 0, 0, 0, 2, 0, 0, 0, 3}, within(1e-12));
        // 180 degrees about z: (b, c, d) = (0, 0, 1), qfac -1 flips k -> x left, y posterior, z inferior
        double[] flipped = Orientation.quaternion(0, 0, 1, new double[] {1, 1, 1}, -1);
        assertThat(flipped).containsExactly(new double[] {-1, 0, 0, 0, -1, 0, 0, 0, -1}, within(1e-12));
        NiftiHeader h = new NiftiHeader(new int[] {1, 1, 1}, Nifti.INT16, new double[] {1, 1, 1}, 0, 0, false, 352,
                flipped, "qform");
        assertThat(h.orientation()).isEqualTo("LPI");
    }

    @Test
    void truncatedForeignAndUnsupportedFilesNameTheFile() throws Exception {
        short[] raw = randomShorts(64, 5);
        Path whole = dir.resolve("whole.nii");
        NiftiTestFiles.writeInt16(whole, 4, 4, 4, raw, new double[] {-1, -1, 1}, 1f, 0f, ByteOrder.LITTLE_ENDIAN);
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = dir.resolve("truncated.nii");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> Nifti.read(truncated)).isInstanceOf(XNetException.class)
                .hasMessageContaining("truncated.nii").hasMessageContaining("truncated");
        Path shortHeader = dir.resolve("short.nii");
        Files.write(shortHeader, Arrays.copyOf(bytes, 100));
        assertThatThrownBy(() -> Nifti.read(shortHeader)).isInstanceOf(XNetException.class)
                .hasMessageContaining("short.nii");
        Path foreign = dir.resolve("foreign.nii");
        Files.write(foreign, new byte[400]);
        assertThatThrownBy(() -> Nifti.read(foreign)).isInstanceOf(XNetException.class)
                .hasMessageContaining("foreign.nii").hasMessageContaining("sizeof_hdr");
        bytes[70] = (byte) 128; // datatype RGB24
        Path rgb = dir.resolve("rgb.nii");
        Files.write(rgb, bytes);
        assertThatThrownBy(() -> Nifti.read(rgb)).isInstanceOf(XNetException.class)
                .hasMessageContaining("rgb.nii").hasMessageContaining("datatype 128");
        Path badGzip = dir.resolve("bad.nii.gz");
        Files.write(badGzip, new byte[] {0x1F, (byte) 0x8B, 1, 2, 3});
        assertThatThrownBy(() -> Nifti.read(badGzip)).isInstanceOf(XNetException.class)
                .hasMessageContaining("bad.nii.gz");
        assertThatThrownBy(() -> Nifti.read(dir.resolve("missing.nii"))).isInstanceOf(XNetException.class)
                .hasMessageContaining("missing.nii");
    }

    private static short[] randomShorts(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) random.nextInt(-2000, 3000);
        }
        return s;
    }
}
