package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Dataset;
import org.xnet.core.Sample;
import org.xnet.core.XNetException;

/**
 * Files written by h5py (src/test/resources/h5/make_fixtures.py) read to exactly the values the
 * script's formulas give, and files written here read back in h5py.
 */
class DatasetFileH5pyTest {
    private static final int SIZE = 8;

    @TempDir
    Path dir;

    @Test
    void readsTheOriginalContiguousLayout() throws Exception {
        Dataset d = DatasetFile.read(fixture("original_contiguous.h5"));
        assertThat(d.imageSize()).isEqualTo(SIZE);
        assertThat(d.maxValue()).isEqualTo(1.0);
        assertThat(d.minValue()).isEqualTo(0.0);
        assertSamples(d.train(), 0, List.of("hand", "knee", "neckoffemu"), List.of("hand01", "knee_2", "nof_3"));
        assertSamples(d.test(), 3, List.of("ankle"), List.of("anke4"));
        assertSamples(d.validation(), 4, List.of("lumbarspin"), List.of("lumbar5"));
    }

    @Test
    void readsChunkedCompressedFloatLabelsAndAnEmptySplit() throws Exception {
        Dataset d = DatasetFile.read(fixture("chunked_gzip.h5"));
        assertThat(d.imageSize()).isEqualTo(SIZE);
        assertThat(d.maxValue()).isEqualTo(4095.0);
        assertThat(d.minValue()).isEqualTo(-12.5);
        assertSamples(d.train(), 0, List.of("hand", "knee", "neckoffemu"), List.of("hand01", "knee_2", "nof_3"));
        assertSamples(d.test(), 3, List.of("ankle"), List.of("anke4"));
        assertThat(d.validation()).isEmpty();
    }

    @Test
    void h5pyReadsWhatIsWrittenHere() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
        Path file = dir.resolve("out.h5");
        DatasetFile.write(TestDatasets.dataset(3, 2, 1, 1, 5), file);
        String script = String.join("\n",
                "import sys, h5py, numpy as np",
                "f = h5py.File(sys.argv[1], 'r')",
                "print(f.attrs['image_size'], f.attrs['max_value'], f.attrs['min_value'],"
                        + " f.attrs['raw_max_value'], f.attrs['raw_min_value'])",
                "print(f['train_img'].shape, f['train_img'].dtype, f['train_label'].shape, f['train_label'].dtype)",
                "print(int(f['train_label'][...].sum()), f['val_bodypart'][0].decode(), f['test_file'][0].decode())",
                "print(repr(float(f['train_img'][1, 2, 3, 0])))",
                "print(f['val_img'][:].shape, f['val_label'][:].reshape((-1, 25, 3)).shape)");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assumeTrue(!out.contains("No module named 'h5py'"), "h5py is not installed");
        assertThat(p.exitValue()).as(out).isZero();
        Dataset d = DatasetFile.read(file);
        float pixel = d.train().get(1).image().get(3, 2);
        assertThat(out.lines().toList()).containsExactly(
                "5 1.0 0.0 65535.0 12.0",
                "(2, 5, 5, 1) float64 (2, 5, 5, 3) uint8",
                "50 part0 test/image0.tif",
                repr(pixel),
                "(1, 5, 5, 1) (1, 25, 3)");
    }

    private static String repr(float v) {
        return Double.toString(v).replace("E", "e");
    }

    private static void assertSamples(List<Sample> samples, int first, List<String> parts, List<String> files) {
        assertThat(samples).extracting(Sample::bodyPart).containsExactlyElementsOf(parts);
        assertThat(samples).extracting(Sample::source).containsExactlyElementsOf(files);
        for (int i = 0; i < samples.size(); i++) {
            int n = first + i;
            Sample s = samples.get(i);
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    assertThat(s.image().get(x, y)).isEqualTo((float) ((100 * n + 8 * y + x) / 1000.0));
                    assertThat(s.label().get(x, y)).isEqualTo((n + x + 2 * y) % 3);
                }
            }
        }
    }

    private static Path fixture(String name) throws URISyntaxException, IOException {
        var url = DatasetFileH5pyTest.class.getResource("/h5/" + name);
        assertThat(url).as("fixture " + name).isNotNull();
        return Path.of(url.toURI());
    }
}
