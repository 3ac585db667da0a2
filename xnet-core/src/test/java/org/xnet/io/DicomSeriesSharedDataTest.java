package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xnet.core.Volume;
import org.xnet.testutil.SharedData;

/** The real CT series (20 JPEG 2000 slices) under the shared data folder; skipped where absent. */
@Tag("slow") // 20 pure-Java JPEG 2000 decodes
class DicomSeriesSharedDataTest {

    @Test
    void readsTotalSegmentatorSeriesInHounsfieldUnits() throws Exception {
        Path dir = SharedData.file("ct-dicom/totalseg_dicom20");
        Volume v = DicomSeries.read(dir);
        assertThat(v.sizeString()).isEqualTo("512x512x20");
        assertThat(v.sx()).isCloseTo(0.9765625, within(1e-9));
        assertThat(v.sy()).isCloseTo(0.9765625, within(1e-9));
        assertThat(v.sz()).isCloseTo(2.0, within(1e-9));
        // a corner voxel is outside the body: air
        assertThat(v.get(5, 5, 10)).isBetween(-1100f, -900f);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        long bone = 0;
        for (float h : v.data()) {
            min = Math.min(min, h);
            max = Math.max(max, h);
            bone += h > 300 ? 1 : 0;
        }
        assertThat(min).isEqualTo(-1024f); // stored 0 with intercept -1024
        assertThat(max).isGreaterThan(1000f);
        assertThat(bone).isGreaterThan(1000);
    }

    @Test
    void slicesAreOrderedByPositionNotFileName() throws Exception {
        Path dir = SharedData.file("ct-dicom/totalseg_dicom20");
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.sorted().toList();
        }
        double previous = Double.NEGATIVE_INFINITY;
        // the file names run from z = -766.5 down to -804.5; the volume must run upwards
        Volume v = DicomSeries.read(dir);
        for (int z = 0; z < v.nz(); z++) {
            Path file = files.get(files.size() - 1 - z);
            DicomObject o = DicomReader.parse(file);
            double position = o.decimals(DicomObject.IMAGE_POSITION)[2];
            assertThat(position).isGreaterThan(previous);
            previous = position;
            float[] slice = DicomReader.read(file).data();
            float[] inVolume = Arrays.copyOfRange(v.data(), z * 512 * 512, (z + 1) * 512 * 512);
            // Arrays.equals: AssertJ's containsExactly is very slow on 262,144 elements
            assertThat(Arrays.equals(inVolume, slice)).as("slice %d is %s", z, file.getFileName()).isTrue();
        }
    }
}
