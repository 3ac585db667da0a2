package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Volume;
import org.xnet.core.XNetException;

/** Series of hand-written DICOM slices: ordering, spacing, rescale and every refusal. */
class DicomSeriesTest {

    private static final int NX = 3;
    private static final int NY = 2;

    @TempDir
    Path dir;

    /** A slice whose stored values are {@code 100 * value + pixel index}. */
    private static DicomTestFiles slice(int value, String position, String orientation, Integer instance) {
        DicomTestFiles f = DicomTestFiles.part10(DicomParser.EXPLICIT_LE)
                .text(DicomObject.SERIES_UID, "UI", "1.2.3.4");
        if (instance != null) {
            f.text(DicomObject.INSTANCE_NUMBER, "IS", Integer.toString(instance));
        }
        if (position != null) {
            f.text(DicomObject.IMAGE_POSITION, "DS", position).text(DicomObject.IMAGE_ORIENTATION, "DS", orientation);
        }
        f.text(DicomObject.SLICE_THICKNESS, "DS", "3").pixelModule(NY, NX, 16, 12, false, "MONOCHROME2")
                .text(DicomObject.PIXEL_SPACING, "DS", "0.5\\0.75")
                .text(DicomObject.RESCALE_INTERCEPT, "DS", "-1024").text(DicomObject.RESCALE_SLOPE, "DS", "1");
        int[] v = new int[NX * NY];
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 * value + i;
        }
        return f.pixels16(v);
    }

    private void save(String name, DicomTestFiles file) throws Exception {
        Files.write(dir.resolve(name), file.bytes());
    }

    @Test
    void ordersByPositionAlongTheNormalNotByFileName() throws Exception {
        String axial = "1\\0\\0\\0\\1\\0";
        // file names in the reverse of the position order; instance numbers deliberately misleading
        save("a", slice(3, "-10\\-20\\17.5", axial, 1));
        save("b", slice(2, "-10\\-20\\15", axial, 4));
        save("c", slice(0, "-10\\-20\\10", axial, 2));
        save("d", slice(1, "-10\\-20\\12.5", axial, 3));
        Files.writeString(dir.resolve("README.txt"), "not a slice");
        Volume v = DicomSeries.read(dir);
        assertThat(v.sizeString()).isEqualTo("3x2x4");
        assertThat(v.sx()).isEqualTo(0.75);
        assertThat(v.sy()).isEqualTo(0.5);
        assertThat(v.sz()).isEqualTo(2.5);
        assertVoxels(v, "axial", (x, y, z) -> stored(z, x, y));
    }

    /** The value (stored plus the -1024 intercept) of column {@code col}, row {@code row} of a {@link #slice}. */
    private static float stored(int value, int col, int row) {
        return 100f * value + row * NX + col - 1024;
    }

    /** The value voxel (x, y, z) of the LPS volume must hold. */
    private interface Expected {
        float at(int x, int y, int z);
    }

    private static void assertVoxels(Volume v, String what, Expected expected) {
        for (int z = 0; z < v.nz(); z++) {
            for (int y = 0; y < v.ny(); y++) {
                for (int x = 0; x < v.nx(); x++) {
                    assertThat(v.get(x, y, z)).as("%s voxel %d,%d,%d", what, x, y, z).isEqualTo(expected.at(x, y, z));
                }
            }
        }
    }

    @Test
    void positionsAreProjectedOnTheSliceNormal() throws Exception {
        // rows along +x (left), columns along -y (anterior): the normal is -z, so the highest z comes
        // first in the series; in LPS the columns and the slice order are flipped
        String flipped = "1\\0\\0\\0\\-1\\0";
        save("s1", slice(0, "0\\0\\30", flipped, null));
        save("s2", slice(1, "0\\0\\28", flipped, null));
        save("s3", slice(2, "0\\0\\26", flipped, null));
        Volume v = DicomSeries.read(dir);
        assertThat(v.sizeString()).isEqualTo("3x2x3");
        assertThat(v.sz()).isEqualTo(2.0);
        // LPS z = 0 is the most inferior slice (s3 at 26 mm)
        assertVoxels(v, "flipped", (x, y, z) -> stored(2 - z, x, NY - 1 - y));
    }

    @Test
    void proneAndSagittalSeriesAreReorientedToLps() throws Exception {
        // prone axial: rows toward the right, columns anterior, normal superior
        String prone = "-1\\0\\0\\0\\-1\\0";
        save("p2", slice(2, "0\\0\\14", prone, 1));
        save("p0", slice(0, "0\\0\\10", prone, 3));
        save("p1", slice(1, "0\\0\\12", prone, 2));
        Volume axial = DicomSeries.read(dir);
        assertThat(axial.sizeString()).isEqualTo("3x2x3");
        assertThat(new double[] {axial.sx(), axial.sy(), axial.sz()}).containsExactly(0.75, 0.5, 2.0);
        assertVoxels(axial, "prone", (x, y, z) -> stored(z, NX - 1 - x, NY - 1 - y));
        // sagittal: rows (NX columns, 0.75 mm) posterior, columns (NY rows, 0.5 mm) inferior, normal
        // toward the right; each slice at patient x = its value (mm), so higher values lie further left
        Path sagittal = Files.createDirectories(dir.resolve("sagittal"));
        String sag = "0\\1\\0\\0\\0\\-1";
        for (int value : new int[] {8, 2, 6, 4}) {
            Files.write(sagittal.resolve("s" + value), slice(value, value + "\\0\\0", sag, null).bytes());
        }
        Volume v = DicomSeries.read(sagittal);
        assertThat(v.sizeString()).isEqualTo("4x3x2");
        assertThat(new double[] {v.sx(), v.sy(), v.sz()}).containsExactly(2.0, 0.75, 0.5);
        // LPS x = 0 is the patient's rightmost slice (x = 2 mm); z = 0 the inferior row
        assertVoxels(v, "sagittal", (x, y, z) -> stored(2 + 2 * x, y, NY - 1 - z));
    }

    @Test
    void fallsBackToInstanceNumberAndSliceThickness() throws Exception {
        save("x1", slice(1, null, null, 8));
        save("x2", slice(0, null, null, 7));
        save("x3", slice(2, null, null, 9));
        Volume v = DicomSeries.read(dir);
        assertThat(v.sz()).isEqualTo(3.0);
        assertVoxels(v, "axial", (x, y, z) -> stored(z, x, y));
    }

    @Test
    void refusesIrregularSpacingNamingTheGap() throws Exception {
        String axial = "1\\0\\0\\0\\1\\0";
        save("p0", slice(0, "0\\0\\0", axial, 1));
        save("p1", slice(1, "0\\0\\2", axial, 2));
        save("p3", slice(2, "0\\0\\6", axial, 3));
        assertThatThrownBy(() -> DicomSeries.read(dir)).isInstanceOf(XNetException.class)
                .hasMessage(dir + ": irregular slice spacing: 4.000 mm between p1 and p3, 2.000 mm elsewhere; "
                        + "is a slice missing?");
    }

    @Test
    void refusesDuplicatePositions() throws Exception {
        String axial = "1\\0\\0\\0\\1\\0";
        save("p0", slice(0, "0\\0\\0", axial, 1));
        save("p1", slice(1, "0\\0\\0", axial, 2));
        assertThatThrownBy(() -> DicomSeries.read(dir)).isInstanceOf(XNetException.class)
                .hasMessage(dir + ": two slices at the same position: p0 and p1");
    }

    @Test
    void refusesSlicesOfDifferentSizes() throws Exception {
        save("p0", slice(0, null, null, 1));
        save("p1", DicomTestFiles.part10(DicomParser.EXPLICIT_LE).text(DicomObject.INSTANCE_NUMBER, "IS", "2")
                .pixelModule(4, 4, 8, 8, false, "MONOCHROME2").pixels8(new int[16]));
        assertThatThrownBy(() -> DicomSeries.read(dir)).isInstanceOf(XNetException.class)
                .hasMessage(dir.resolve("p1") + ": slice is 4x4 but p0 is 3x2");
    }

    @Test
    void refusesTwoSeriesInOneFolder() throws Exception {
        save("p0", slice(0, null, null, 1));
        save("p1", DicomTestFiles.part10(DicomParser.EXPLICIT_LE).text(DicomObject.SERIES_UID, "UI", "9.9")
                .text(DicomObject.INSTANCE_NUMBER, "IS", "2").pixelModule(NY, NX, 8, 8, false, "MONOCHROME2")
                .pixels8(new int[NX * NY]));
        assertThatThrownBy(() -> DicomSeries.read(dir)).isInstanceOf(XNetException.class)
                .hasMessage(dir + ": holds 2 DICOM series [1.2.3.4, 9.9]; give a folder with one series");
    }

    @Test
    void refusesFoldersWithoutImages() throws Exception {
        assertThatThrownBy(() -> DicomSeries.read(dir)).isInstanceOf(XNetException.class)
                .hasMessage(dir + ": no DICOM image files (of 0 files)");
        Files.writeString(dir.resolve("notes.txt"), "hello");
        save("header.dcm", DicomTestFiles.part10(DicomParser.EXPLICIT_LE).text(0x0008_0060, "CS", "CT"));
        assertThatThrownBy(() -> DicomSeries.read(dir)).isInstanceOf(XNetException.class)
                .hasMessage(dir + ": no DICOM image files (of 2 files)");
        Path file = dir.resolve("notes.txt");
        assertThatThrownBy(() -> DicomSeries.read(file)).isInstanceOf(XNetException.class)
                .hasMessage(file + ": not a folder");
    }
}
